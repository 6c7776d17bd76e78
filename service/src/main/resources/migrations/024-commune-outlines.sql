--liquibase formatted sql

--changeset lending:024-commune-outlines
-- Each commune's outline as a page draws it: an SVG path already projected (Lambert-93, in units of
-- 10 m, y pointing south) and simplified at import, with its bounding box in the same units, so that
-- a map of a département's communes is read as is (docs/territory-map.md).
CREATE TABLE commune_outlines (
    insee       CHAR(5) PRIMARY KEY,
    name        TEXT    NOT NULL,
    departement TEXT    NOT NULL,
    svg_path    TEXT    NOT NULL,
    min_x       INTEGER NOT NULL,
    min_y       INTEGER NOT NULL,
    max_x       INTEGER NOT NULL,
    max_y       INTEGER NOT NULL,
    imported_at BIGINT  NOT NULL
);
CREATE INDEX commune_outlines_by_departement ON commune_outlines (departement);
--rollback DROP TABLE commune_outlines;
