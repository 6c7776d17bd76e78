--liquibase formatted sql

--changeset lending:015-enrolments
-- Pupils enrolled in each establishment, by school year (its starting year): reports give rates per 100 pupils.
CREATE TABLE enrolments (
    uai         CHAR(8) NOT NULL,
    school_year INTEGER NOT NULL,
    pupils      INTEGER NOT NULL CHECK (pupils >= 0),
    PRIMARY KEY (uai, school_year)
);
--rollback DROP TABLE enrolments;
