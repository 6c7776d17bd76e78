--liquibase formatted sql

--changeset lending:012-held-at
-- A device brought back to another school of the deployment: held there until it travels home.
ALTER TABLE devices ADD COLUMN held_at CHAR(8) REFERENCES establishments (uai);
--rollback ALTER TABLE devices DROP COLUMN held_at;
