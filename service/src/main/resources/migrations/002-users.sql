--liquibase formatted sql

--changeset lending:002-users
-- People and systems that call the API. Tokens are kept only as a keyed hash.
CREATE TABLE users (
    id         ${autoIncrementKey},
    name       TEXT    NOT NULL UNIQUE,
    role       TEXT    NOT NULL CHECK (role IN ('ADMIN', 'DESK', 'SOCIAL_WORKER', 'COLLECTIVITY')),
    territory  TEXT,
    token_hash TEXT    NOT NULL UNIQUE,
    active     BOOLEAN NOT NULL,
    created_at BIGINT  NOT NULL
);
-- The establishments a lending desk works for.
CREATE TABLE user_establishments (
    user_id BIGINT  NOT NULL REFERENCES users (id),
    uai     CHAR(8) NOT NULL REFERENCES establishments (uai),
    PRIMARY KEY (user_id, uai)
);
--rollback DROP TABLE user_establishments;
--rollback DROP TABLE users;
