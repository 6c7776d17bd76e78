--liquibase formatted sql

--changeset lending:031-academies
-- The académies, as the national directory names them (Code_academie, Libelle_academie: 14, Rennes),
-- for the rectorats' reports and their labels (« Académie de Rennes »). Filled by the directory's import.
CREATE TABLE academies (
    code TEXT PRIMARY KEY,
    name TEXT
);
--rollback DROP TABLE academies;

--changeset lending:031-establishment-academie
-- Each establishment's académie, as the directory gives it. Rows imported before this change have
-- none until the directory is imported again: nothing here could tell it, the directory being the
-- only source. Reports do not read this column directly but the communes' (below), so that an
-- establishment left without one still counts in the académie of its département.
ALTER TABLE establishments ADD COLUMN academie TEXT REFERENCES academies (code);
CREATE INDEX establishments_by_departement_academie ON establishments (departement, academie);
--rollback DROP INDEX establishments_by_departement_academie;
--rollback ALTER TABLE establishments DROP COLUMN academie;

--changeset lending:031-commune-academie
-- A commune's académie is that of its département: each import gives every commune of a département
-- the académie its establishments name, so that a commune of an académie is found as a commune of
-- a région is (communes.region), and a household by its commune.
ALTER TABLE communes ADD COLUMN academie TEXT;
CREATE INDEX communes_by_academie ON communes (academie);
--rollback DROP INDEX communes_by_academie;
--rollback ALTER TABLE communes DROP COLUMN academie;
