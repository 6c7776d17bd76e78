--liquibase formatted sql

--changeset lending:027-surveys
-- A survey campaign of every family of one establishment for one school year (its starting year):
-- a short questionnaire of the criteria in force about equipment and connection, answered with
-- anonymous codes (docs/data-protection.md, "Surveys of every family").
CREATE TABLE surveys (
    id               ${autoIncrementKey},
    uai              CHAR(8) NOT NULL REFERENCES establishments (uai),
    school_year      INTEGER NOT NULL,
    criteria_version TEXT    NOT NULL,
    codes            INTEGER NOT NULL CHECK (codes > 0),
    created_by       BIGINT  NOT NULL REFERENCES users (id),
    created_at       BIGINT  NOT NULL
);
CREATE INDEX surveys_by_establishment ON surveys (uai, school_year);

-- The answer codes of a campaign, tied to no pupil. Spent when used; neither when nor by which answer
-- is kept.
CREATE TABLE survey_codes (
    survey_id BIGINT     NOT NULL REFERENCES surveys (id),
    code      VARCHAR(8) NOT NULL UNIQUE,
    spent     BOOLEAN    NOT NULL
);
CREATE INDEX survey_codes_by_survey ON survey_codes (survey_id);

-- An answer, without identity: no code, no time, no contact. Its key is a random number (not a
-- sequence that would tell the order of answers); its record key decides the noise of the report
-- figures that count it, drawn as the families' are.
CREATE TABLE survey_answers (
    id             ${randomKey},
    survey_id      BIGINT  NOT NULL REFERENCES surveys (id),
    no_device      BOOLEAN NOT NULL,
    smartphone_only BOOLEAN NOT NULL,
    shared_device  BOOLEAN NOT NULL,
    no_connection  BOOLEAN NOT NULL,
    mobile_capped  BOOLEAN NOT NULL,
    white_zone     BOOLEAN NOT NULL,
    -- the answers to the survey's questions only (JSON)
    answers        TEXT    NOT NULL,
    record_key     INTEGER NOT NULL DEFAULT ${randomRecordKey}
);
CREATE INDEX survey_answers_by_survey ON survey_answers (survey_id);

-- A family that asked the school to call it back, at the end of the form: what it typed, the day
-- only, and nothing that leads to its answer.
CREATE TABLE survey_contact_requests (
    id         ${autoIncrementKey},
    survey_id  BIGINT   NOT NULL REFERENCES surveys (id),
    name       TEXT     NOT NULL,
    phone      TEXT     NOT NULL,
    created_on CHAR(10) NOT NULL,
    handled_at BIGINT,
    handled_by BIGINT   REFERENCES users (id)
);
CREATE INDEX survey_contact_requests_by_survey ON survey_contact_requests (survey_id);
--rollback DROP TABLE survey_contact_requests;
--rollback DROP TABLE survey_answers;
--rollback DROP TABLE survey_codes;
--rollback DROP TABLE surveys;
