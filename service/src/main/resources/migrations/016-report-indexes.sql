--liquibase formatted sql

--changeset lending:016-report-indexes
-- Reports read a territory's households by commune, each with its latest diagnostic by a date,
-- and the devices declared lost within a period.
CREATE INDEX families_by_commune ON families (commune_insee);
CREATE INDEX diagnostics_by_family_date ON diagnostics (family_id, made_at, id);
CREATE INDEX device_events_by_event ON device_events (event, at);
--rollback DROP INDEX device_events_by_event;
--rollback DROP INDEX diagnostics_by_family_date;
--rollback DROP INDEX families_by_commune;

--changeset lending:016-repairs-by-device
-- A device's repair tickets, for the devices in repair on a given day.
CREATE INDEX repairs_by_device ON repairs (device_id, out_at);
--rollback DROP INDEX repairs_by_device;

--changeset lending:016-agreements-by-family-dates
-- A family's agreements with their dates: whether it had one open on a given day, from the index alone.
DROP INDEX agreements_by_family;
CREATE INDEX agreements_by_family ON agreements (family_id, created_at, closed_at);
--rollback DROP INDEX agreements_by_family;
--rollback CREATE INDEX agreements_by_family ON agreements (family_id);

--changeset lending:016-pupils-by-family
-- A family's schools from the index alone: reports group households by the schools their pupils attend.
CREATE INDEX pupils_by_family ON pupils (family_id, uai);
--rollback DROP INDEX pupils_by_family;
