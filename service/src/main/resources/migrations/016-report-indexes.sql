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
