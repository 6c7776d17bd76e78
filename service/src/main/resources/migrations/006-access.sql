--liquibase formatted sql

--changeset lending:006-communes
-- Communes as the national directory names them, with the département and région they belong to:
-- what a social worker's or a collectivity's territory is made of.
CREATE TABLE communes (
    insee       CHAR(5) PRIMARY KEY,
    name        TEXT    NOT NULL,
    departement TEXT    NOT NULL,
    region      TEXT    NOT NULL
);
CREATE INDEX communes_by_departement ON communes (departement);
CREATE INDEX communes_by_region ON communes (region);
INSERT INTO communes (insee, name, departement, region)
SELECT commune_insee, MIN(commune_name), MIN(departement), MIN(region) FROM establishments GROUP BY commune_insee;
--rollback DROP TABLE communes;

--changeset lending:006-passwords
-- People at a desk log in with a password (a slow hash, never the password itself).
ALTER TABLE users ADD COLUMN password_hash TEXT;
--rollback ALTER TABLE users DROP COLUMN password_hash;

--changeset lending:006-sessions
-- Tokens given at login: they expire after a working day, and die with their user's deactivation.
CREATE TABLE sessions (
    id         ${autoIncrementKey},
    user_id    BIGINT NOT NULL REFERENCES users (id),
    token_hash TEXT   NOT NULL UNIQUE,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_by_user ON sessions (user_id);
--rollback DROP TABLE sessions;

--changeset lending:006-audit
-- Every change: who, when, what, which record; the application only ever appends to it.
CREATE TABLE audit_log (
    id        ${autoIncrementKey},
    at        BIGINT NOT NULL,
    actor_id  BIGINT REFERENCES users (id),
    action    TEXT   NOT NULL,
    entity    TEXT   NOT NULL,
    entity_id TEXT   NOT NULL,
    detail    TEXT
);
CREATE INDEX audit_log_by_entity ON audit_log (entity, entity_id, id);
--rollback DROP TABLE audit_log;

--changeset lending:006-audit-no-update dbms:sqlite splitStatements:false
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
--rollback DROP TRIGGER audit_log_no_update;

--changeset lending:006-audit-no-delete dbms:sqlite splitStatements:false
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
--rollback DROP TRIGGER audit_log_no_delete;

--changeset lending:006-audit-append-only-postgresql dbms:postgresql splitStatements:false
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the audit log is append-only';
END;
$$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
--rollback DROP TRIGGER audit_log_no_truncate ON audit_log; DROP TRIGGER audit_log_no_delete ON audit_log; DROP TRIGGER audit_log_no_update ON audit_log; DROP FUNCTION audit_log_append_only();
