--liquibase formatted sql

--changeset lending:017-login-failures
-- Failed logins in a row, by address ("address:<ip>") and by account ("account:<name>"), so that every
-- instance sharing the database slows the same guessing down. A row is forgotten a day after its last
-- failure or wait, and at the first success.
CREATE TABLE login_failures (
    source_key      VARCHAR(120) PRIMARY KEY,
    failures        INTEGER      NOT NULL,
    last_failure_at BIGINT       NOT NULL,
    not_before      BIGINT
);
--rollback DROP TABLE login_failures;
