--liquibase formatted sql

--changeset lending:026-diagnostic-household-columns-sqlite dbms:sqlite
-- The household facts the fragility report counts beside the needs, kept on the diagnostic as it is
-- recorded (as the needs are) rather than read out of its answers at every report. Diagnostics made
-- before are filled from their answers, by the rules of criteria version 1 (a device is shared when
-- more than 2 people use each one). An anonymised diagnostic's answers are gone ('{}'): its facts stay
-- false. SQLite adds a NOT NULL column with a constant default only.
ALTER TABLE diagnostics ADD COLUMN smartphone_only BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE diagnostics ADD COLUMN shared_device BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE diagnostics ADD COLUMN parents_without_autonomy BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE diagnostics ADD COLUMN other_language BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE diagnostics ADD COLUMN adapted_equipment BOOLEAN NOT NULL DEFAULT FALSE;
UPDATE diagnostics
   SET smartphone_only = COALESCE(json_extract(answers, '$.devicesForSchoolwork') = 0
                                  AND json_extract(answers, '$.hasSmartphone') = 1, FALSE),
       shared_device = COALESCE(json_extract(answers, '$.devicesForSchoolwork') >= 1
                                AND json_extract(answers, '$.pupilsInHousehold')
                                    + json_extract(answers, '$.adultsTeleworking')
                                    > 2 * json_extract(answers, '$.devicesForSchoolwork'), FALSE),
       parents_without_autonomy = COALESCE(json_extract(answers, '$.parentAutonomy') = 'NONE', FALSE),
       other_language = COALESCE(json_extract(answers, '$.needsOtherLanguage') = 1, FALSE),
       adapted_equipment = COALESCE(json_extract(answers, '$.needsAdaptedEquipment') = 1, FALSE);
--rollback ALTER TABLE diagnostics DROP COLUMN adapted_equipment;
--rollback ALTER TABLE diagnostics DROP COLUMN other_language;
--rollback ALTER TABLE diagnostics DROP COLUMN parents_without_autonomy;
--rollback ALTER TABLE diagnostics DROP COLUMN shared_device;
--rollback ALTER TABLE diagnostics DROP COLUMN smartphone_only;

--changeset lending:026-diagnostic-household-columns-postgresql dbms:postgresql
-- As on SQLite, the answers read as JSON. The defaults only fill the rows already there: dropped
-- afterwards, so that a writer that forgets these facts fails rather than counts nobody.
ALTER TABLE diagnostics ADD COLUMN smartphone_only BOOLEAN NOT NULL DEFAULT FALSE,
                        ADD COLUMN shared_device BOOLEAN NOT NULL DEFAULT FALSE,
                        ADD COLUMN parents_without_autonomy BOOLEAN NOT NULL DEFAULT FALSE,
                        ADD COLUMN other_language BOOLEAN NOT NULL DEFAULT FALSE,
                        ADD COLUMN adapted_equipment BOOLEAN NOT NULL DEFAULT FALSE;
UPDATE diagnostics d
   SET smartphone_only = COALESCE((a.answers ->> 'devicesForSchoolwork')::integer = 0
                                  AND (a.answers ->> 'hasSmartphone')::boolean, FALSE),
       shared_device = COALESCE((a.answers ->> 'devicesForSchoolwork')::integer >= 1
                                AND (a.answers ->> 'pupilsInHousehold')::integer
                                    + (a.answers ->> 'adultsTeleworking')::integer
                                    > 2 * (a.answers ->> 'devicesForSchoolwork')::integer, FALSE),
       parents_without_autonomy = COALESCE(a.answers ->> 'parentAutonomy' = 'NONE', FALSE),
       other_language = COALESCE((a.answers ->> 'needsOtherLanguage')::boolean, FALSE),
       adapted_equipment = COALESCE((a.answers ->> 'needsAdaptedEquipment')::boolean, FALSE)
  FROM (SELECT id, answers::jsonb AS answers FROM diagnostics) a
 WHERE a.id = d.id;
ALTER TABLE diagnostics ALTER COLUMN smartphone_only DROP DEFAULT,
                        ALTER COLUMN shared_device DROP DEFAULT,
                        ALTER COLUMN parents_without_autonomy DROP DEFAULT,
                        ALTER COLUMN other_language DROP DEFAULT,
                        ALTER COLUMN adapted_equipment DROP DEFAULT;
--rollback ALTER TABLE diagnostics DROP COLUMN adapted_equipment, DROP COLUMN other_language,
--rollback     DROP COLUMN parents_without_autonomy, DROP COLUMN shared_device, DROP COLUMN smartphone_only;
