--liquibase formatted sql

--changeset lending:019-family-anonymised
-- When the family was anonymised (erased at its request, or after two years without contact): from
-- then on its rows hold no person, and erasing or purging it again changes nothing.
ALTER TABLE families ADD COLUMN anonymised_at BIGINT;
--rollback ALTER TABLE families DROP COLUMN anonymised_at;

--changeset lending:019-diagnostic-anonymised
-- When the diagnostic's answers and reasons were removed, a year after it expired; its decision stays
-- for the reports.
ALTER TABLE diagnostics ADD COLUMN anonymised_at BIGINT;
--rollback ALTER TABLE diagnostics DROP COLUMN anonymised_at;
