--liquibase formatted sql

--changeset lending:003-devices
-- The loan pool: every device an establishment lends, with its label's asset tag.
CREATE TABLE devices (
    id               ${autoIncrementKey},
    asset_tag        TEXT    NOT NULL UNIQUE,
    uai              CHAR(8) NOT NULL REFERENCES establishments (uai),
    kind             TEXT    NOT NULL CHECK (kind IN ('LAPTOP', 'DONGLE_4G', 'HEADSET', 'TABLET')),
    serial           TEXT,
    model            TEXT    NOT NULL,
    accessories      TEXT    NOT NULL,
    funded_by        TEXT,
    status           TEXT    NOT NULL CHECK (status IN ('AVAILABLE', 'ON_LOAN', 'IN_REPAIR', 'LOST', 'RETIRED')),
    sim_iccid        TEXT,
    sim_phone        TEXT,
    sim_data_plan_gb INTEGER,
    sim_plan_ends    CHAR(10),
    created_at       BIGINT  NOT NULL,
    UNIQUE (kind, serial)
);
CREATE INDEX devices_by_establishment ON devices (uai, status, kind);
--rollback DROP TABLE devices;
