--liquibase formatted sql

--changeset lending:011-reminders
-- Who was reminded of an overdue loan, when, and how: no household is reminded more than once a week.
CREATE TABLE reminders (
    id           ${autoIncrementKey},
    family_id    BIGINT  NOT NULL REFERENCES families (id),
    uai          CHAR(8) NOT NULL REFERENCES establishments (uai),
    channel      TEXT    NOT NULL,
    reminded_by  BIGINT  NOT NULL REFERENCES users (id),
    reminded_at  BIGINT  NOT NULL
);
CREATE INDEX reminders_by_family ON reminders (family_id, reminded_at);
--rollback DROP TABLE reminders;
