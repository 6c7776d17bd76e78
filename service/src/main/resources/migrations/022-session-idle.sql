--liquibase formatted sql

--changeset lending:022-session-last-use
-- When a login session was last used (written at most once a minute): a session left idle ends.
-- Sessions open at the migration count as used when they began.
ALTER TABLE sessions ADD COLUMN last_used_at BIGINT NOT NULL DEFAULT 0;
UPDATE sessions SET last_used_at = created_at;
--rollback ALTER TABLE sessions DROP COLUMN last_used_at;
