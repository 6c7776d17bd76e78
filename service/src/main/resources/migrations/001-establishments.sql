--liquibase formatted sql

--changeset lending:001-establishments
-- Schools and services of the national directory (Annuaire de l'éducation), keyed by their UAI.
CREATE TABLE establishments (
    uai                CHAR(8) PRIMARY KEY,
    name               TEXT    NOT NULL,
    type               TEXT    NOT NULL CHECK (type IN ('ECOLE', 'COLLEGE', 'LYCEE', 'EREA', 'MEDICO_SOCIAL', 'OTHER')),
    commune_insee      CHAR(5) NOT NULL,
    commune_name       TEXT    NOT NULL,
    departement        TEXT    NOT NULL,
    region             TEXT    NOT NULL,
    priority_education TEXT    NOT NULL CHECK (priority_education IN ('NONE', 'REP', 'REP_PLUS')),
    imported_at        BIGINT  NOT NULL
);
CREATE INDEX establishments_by_commune ON establishments (commune_insee);
--rollback DROP TABLE establishments;
