--liquibase formatted sql

--changeset lending:004-families
-- A household that borrows: the guardian who signs, and the pupils whose schools lend.
CREATE TABLE families (
    id                ${autoIncrementKey},
    guardian_name     TEXT    NOT NULL,
    guardian_phone    TEXT,
    guardian_email    TEXT,
    preferred_contact TEXT    NOT NULL CHECK (preferred_contact IN ('SMS', 'PHONE', 'EMAIL', 'PAPER')),
    commune_insee     CHAR(5) NOT NULL,
    -- the guardian's name folded (lower case, no accents) and the phone's digits, for the desk's search
    search_name       TEXT    NOT NULL,
    phone_digits      TEXT,
    created_at        BIGINT  NOT NULL,
    updated_at        BIGINT  NOT NULL
);
CREATE INDEX families_by_phone ON families (phone_digits);

CREATE TABLE pupils (
    id         ${autoIncrementKey},
    family_id  BIGINT  NOT NULL REFERENCES families (id),
    position   INTEGER NOT NULL,
    first_name TEXT    NOT NULL,
    uai        CHAR(8) NOT NULL REFERENCES establishments (uai),
    level      TEXT    NOT NULL,
    UNIQUE (family_id, position)
);
CREATE INDEX pupils_by_establishment ON pupils (uai, family_id);
--rollback DROP TABLE pupils;
--rollback DROP TABLE families;
