--liquibase formatted sql

--changeset lending:007-asset-tag-case
-- A tag read aloud or typed at the desk comes in either case: "inv-9" and "INV-9" are one tag.
CREATE UNIQUE INDEX devices_by_folded_tag ON devices (UPPER(asset_tag));
--rollback DROP INDEX devices_by_folded_tag;
