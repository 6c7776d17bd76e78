--liquibase formatted sql

--changeset lending:020-audit-keys
-- The key of each record whose audit entries hold sealed personal values (a family's corrections,
-- before and after). The audit log is append-only; erasing the record deletes its key here, and the
-- values sealed under it can no longer be read by anyone.
CREATE TABLE audit_keys (
    entity      TEXT    NOT NULL,
    entity_id   TEXT    NOT NULL,
    sealing_key ${blob} NOT NULL,
    PRIMARY KEY (entity, entity_id)
);
--rollback DROP TABLE audit_keys;
