--liquibase formatted sql

--changeset lending:013-promotions
-- A school's pupils move up once a school year: a second sending (a double click) moves nobody twice.
CREATE TABLE promotions (
    uai         CHAR(8) NOT NULL REFERENCES establishments (uai),
    school_year INTEGER NOT NULL,
    promoted_by BIGINT  NOT NULL REFERENCES users (id),
    promoted_at BIGINT  NOT NULL,
    PRIMARY KEY (uai, school_year)
);
--rollback DROP TABLE promotions;

--changeset lending:013-return-received-at
-- The school that received a return, when it is not the device's own: its desk gives the receipt.
ALTER TABLE returns ADD COLUMN received_uai CHAR(8) REFERENCES establishments (uai);
--rollback ALTER TABLE returns DROP COLUMN received_uai;
