--liquibase formatted sql

--changeset lending:023-record-keys-sqlite dbms:sqlite
-- Each counted record gets a permanent random key (0 to 2^31 - 1): a report's figure is perturbed by
-- a noise that the keys of the records it counts decide, so that the same records always get the same
-- figure (docs/disclosure-control.md). SQLite adds a column with a constant default only: existing
-- rows are drawn here, new ones by the triggers below.
ALTER TABLE families ADD COLUMN record_key INTEGER;
ALTER TABLE agreements ADD COLUMN record_key INTEGER;
ALTER TABLE loans ADD COLUMN record_key INTEGER;
ALTER TABLE devices ADD COLUMN record_key INTEGER;
UPDATE families SET record_key = abs(random() % 2147483648);
UPDATE agreements SET record_key = abs(random() % 2147483648);
UPDATE loans SET record_key = abs(random() % 2147483648);
UPDATE devices SET record_key = abs(random() % 2147483648);
--rollback ALTER TABLE devices DROP COLUMN record_key;
--rollback ALTER TABLE loans DROP COLUMN record_key;
--rollback ALTER TABLE agreements DROP COLUMN record_key;
--rollback ALTER TABLE families DROP COLUMN record_key;

--changeset lending:023-record-key-triggers-sqlite dbms:sqlite splitStatements:false
-- Whatever writes a row (the desks, an import, the benchmark's generator), its key is drawn at once
-- and never changes: a key given on insert is kept, an update cannot clear it.
CREATE TRIGGER families_record_key AFTER INSERT ON families WHEN NEW.record_key IS NULL
BEGIN UPDATE families SET record_key = abs(random() % 2147483648) WHERE id = NEW.id; END;
CREATE TRIGGER agreements_record_key AFTER INSERT ON agreements WHEN NEW.record_key IS NULL
BEGIN UPDATE agreements SET record_key = abs(random() % 2147483648) WHERE id = NEW.id; END;
CREATE TRIGGER loans_record_key AFTER INSERT ON loans WHEN NEW.record_key IS NULL
BEGIN UPDATE loans SET record_key = abs(random() % 2147483648) WHERE id = NEW.id; END;
CREATE TRIGGER devices_record_key AFTER INSERT ON devices WHEN NEW.record_key IS NULL
BEGIN UPDATE devices SET record_key = abs(random() % 2147483648) WHERE id = NEW.id; END;
--rollback DROP TRIGGER devices_record_key;
--rollback DROP TRIGGER loans_record_key;
--rollback DROP TRIGGER agreements_record_key;
--rollback DROP TRIGGER families_record_key;

--changeset lending:023-record-keys-postgresql dbms:postgresql
-- As on SQLite: a permanent random key per counted record. A volatile default is drawn for each
-- existing row when the column is added, and for each new row.
ALTER TABLE families ADD COLUMN record_key INTEGER NOT NULL DEFAULT floor(random() * 2147483648)::integer;
ALTER TABLE agreements ADD COLUMN record_key INTEGER NOT NULL DEFAULT floor(random() * 2147483648)::integer;
ALTER TABLE loans ADD COLUMN record_key INTEGER NOT NULL DEFAULT floor(random() * 2147483648)::integer;
ALTER TABLE devices ADD COLUMN record_key INTEGER NOT NULL DEFAULT floor(random() * 2147483648)::integer;
--rollback ALTER TABLE devices DROP COLUMN record_key;
--rollback ALTER TABLE loans DROP COLUMN record_key;
--rollback ALTER TABLE agreements DROP COLUMN record_key;
--rollback ALTER TABLE families DROP COLUMN record_key;
