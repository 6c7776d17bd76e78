--liquibase formatted sql

--changeset lending:010-needs-wipe
-- A device that came back keeps the last family's data until staff confirm it was wiped.
ALTER TABLE devices ADD COLUMN needs_wipe BOOLEAN NOT NULL DEFAULT FALSE;
--rollback ALTER TABLE devices DROP COLUMN needs_wipe;

--changeset lending:010-repairs
-- A repair ticket: why the device went, when, when it came back and how.
CREATE TABLE repairs (
    id        ${autoIncrementKey},
    device_id BIGINT NOT NULL REFERENCES devices (id),
    reason    TEXT   NOT NULL,
    out_at    BIGINT NOT NULL,
    back_at   BIGINT,
    outcome   TEXT
);
CREATE UNIQUE INDEX one_open_repair_per_device ON repairs (device_id) WHERE back_at IS NULL;
--rollback DROP TABLE repairs;
