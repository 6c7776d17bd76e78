--liquibase formatted sql

--changeset lending:030-funders
-- Whoever paid for devices, beyond the collectivities named by a territory: the State, the académie,
-- foundations, associations. A funder says whether its devices may leave its territory (transfers,
-- and handovers that follow a pupil). Its name is public: no person is recorded here.
CREATE TABLE funders (
    id                       ${autoIncrementKey},
    kind                     TEXT    NOT NULL CHECK (kind IN ('COMMUNE', 'DEPARTEMENT', 'REGION', 'STATE', 'ACADEMIE',
                                                              'FOUNDATION', 'ASSOCIATION', 'OTHER')),
    name                     TEXT    NOT NULL UNIQUE,
    territory                TEXT,
    allows_transfers_outside BOOLEAN NOT NULL,
    created_at               BIGINT  NOT NULL
);
--rollback DROP TABLE funders;

--changeset lending:030-user-roles-sqlite dbms:sqlite
-- Two more roles: a funder's own user (reports on the devices it paid for) and the rectorat (the
-- académie's reports). SQLite changes a CHECK by rebuilding the table: the users are copied aside, the
-- table made again and filled back under the same ids. Foreign keys are checked at commit, once every
-- row that points to a user finds it again; the sequence keeps its place, so that no id is reused.
PRAGMA defer_foreign_keys = ON;
CREATE TEMP TABLE users_before AS SELECT * FROM users;
CREATE TEMP TABLE users_sequence AS SELECT seq FROM sqlite_sequence WHERE name = 'users';
DROP TABLE users;
CREATE TABLE users (
    id            ${autoIncrementKey},
    name          TEXT    NOT NULL UNIQUE,
    role          TEXT    NOT NULL CHECK (role IN ('ADMIN', 'DESK', 'SOCIAL_WORKER', 'COLLECTIVITY', 'FUNDER', 'RECTORAT')),
    territory     TEXT,
    token_hash    TEXT    NOT NULL UNIQUE,
    active        BOOLEAN NOT NULL,
    created_at    BIGINT  NOT NULL,
    password_hash TEXT,
    funder_id     BIGINT  REFERENCES funders (id),
    CHECK ((role = 'FUNDER') = (funder_id IS NOT NULL))
);
INSERT INTO users (id, name, role, territory, token_hash, active, created_at, password_hash)
SELECT id, name, role, territory, token_hash, active, created_at, password_hash FROM users_before;
UPDATE sqlite_sequence SET seq = (SELECT max(seq) FROM (SELECT seq FROM users_sequence UNION ALL SELECT seq FROM sqlite_sequence WHERE name = 'users'))
 WHERE name = 'users';
DROP TABLE users_before;
DROP TABLE users_sequence;

--changeset lending:030-user-roles-postgresql dbms:postgresql
ALTER TABLE users DROP CONSTRAINT users_role_check;
ALTER TABLE users ADD CONSTRAINT users_role_check
    CHECK (role IN ('ADMIN', 'DESK', 'SOCIAL_WORKER', 'COLLECTIVITY', 'FUNDER', 'RECTORAT'));
ALTER TABLE users ADD COLUMN funder_id BIGINT REFERENCES funders (id);
ALTER TABLE users ADD CONSTRAINT users_funder_role CHECK ((role = 'FUNDER') = (funder_id IS NOT NULL));
