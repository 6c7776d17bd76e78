--liquibase formatted sql

--changeset lending:014-catchments
-- The public collèges' carte scolaire: which collège serves a commune, or a street range of it.
CREATE TABLE catchments (
    id            ${autoIncrementKey},
    commune_insee CHAR(5) NOT NULL,
    uai           CHAR(8) NOT NULL,
    street        TEXT,
    from_number   TEXT,
    to_number     TEXT,
    parity        TEXT
);
CREATE INDEX catchments_by_commune ON catchments (commune_insee, uai);
--rollback DROP TABLE catchments;
