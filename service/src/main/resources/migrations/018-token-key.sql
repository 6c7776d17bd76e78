--liquibase formatted sql

--changeset lending:018-token-key
-- A fingerprint of the key tokens are hashed under (an HMAC of a fixed text, never the key): instances
-- sharing a PostgreSQL database must hold the same key, or a token given by one fails on the others.
CREATE TABLE token_key (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    fingerprint TEXT    NOT NULL
);
--rollback DROP TABLE token_key;
