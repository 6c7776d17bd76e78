--liquibase formatted sql

--changeset lending:008-diagnostics
-- A diagnostic of a household's equipment and connection, and the decision made from it under one
-- version of the common criteria. The decision is kept as it was made: a later version of the
-- criteria changes new decisions, never old ones.
CREATE TABLE diagnostics (
    id                  ${autoIncrementKey},
    family_id           BIGINT   NOT NULL REFERENCES families (id),
    criteria_version    TEXT     NOT NULL,
    -- the answers as checked against that version (JSON)
    answers             TEXT     NOT NULL,
    need_laptop         BOOLEAN  NOT NULL,
    need_dongle         BOOLEAN  NOT NULL,
    need_headset        BOOLEAN  NOT NULL,
    alternative_access  BOOLEAN  NOT NULL,
    white_zone          BOOLEAN  NOT NULL,
    no_connection       BOOLEAN  NOT NULL,
    mobile_capped       BOOLEAN  NOT NULL,
    low_fixed_speed     BOOLEAN  NOT NULL,
    eligible            BOOLEAN  NOT NULL,
    -- the priority score in hundredths: exact, and ordered the same on every engine
    priority_hundredths INTEGER  NOT NULL,
    -- every criterion that shaped the decision, with its effect (JSON)
    reasons             TEXT     NOT NULL,
    made_by             BIGINT   NOT NULL REFERENCES users (id),
    made_at             BIGINT   NOT NULL,
    expires             CHAR(10) NOT NULL
);
CREATE INDEX diagnostics_by_family ON diagnostics (family_id, id);

-- The best 4G level measured in each commune: what an UNKNOWN answer falls back to.
CREATE TABLE commune_coverage (
    insee       CHAR(5) PRIMARY KEY,
    mobile4g    TEXT    NOT NULL CHECK (mobile4g IN ('NONE', 'LIMITED', 'GOOD', 'VERY_GOOD')),
    imported_at BIGINT  NOT NULL
);
--rollback DROP TABLE commune_coverage;
--rollback DROP TABLE diagnostics;

--changeset lending:008-agreement-diagnostic
-- The diagnostic an agreement was lent on, when there was one (otherwise its override says why).
ALTER TABLE agreements ADD COLUMN diagnostic_id BIGINT REFERENCES diagnostics (id);
--rollback ALTER TABLE agreements DROP COLUMN diagnostic_id;
