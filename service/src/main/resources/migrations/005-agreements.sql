--liquibase formatted sql

--changeset lending:005-agreements
-- A loan agreement (convention de prêt): one family, one lending establishment, a bundle of devices.
CREATE TABLE agreements (
    id                  ${autoIncrementKey},
    -- AGR-<year>-<id>, set in the transaction that creates the agreement
    number              TEXT UNIQUE,
    family_id           BIGINT   NOT NULL REFERENCES families (id),
    uai                 CHAR(8)  NOT NULL REFERENCES establishments (uai),
    status              TEXT     NOT NULL CHECK (status IN ('ACTIVE', 'CLOSED')),
    due_date            CHAR(10) NOT NULL,
    override_reason     TEXT,
    created_by          BIGINT   NOT NULL REFERENCES users (id),
    -- a desk's retry of the same request must not lend twice
    idempotency_key     TEXT     NOT NULL,
    request_fingerprint TEXT     NOT NULL,
    created_at          BIGINT   NOT NULL,
    closed_at           BIGINT,
    UNIQUE (created_by, idempotency_key)
);
CREATE INDEX agreements_by_family ON agreements (family_id);
CREATE INDEX agreements_by_establishment ON agreements (uai, status);

-- One device of an agreement, from the day it went out until it came back (or was declared lost).
CREATE TABLE loans (
    id           ${autoIncrementKey},
    agreement_id BIGINT NOT NULL REFERENCES agreements (id),
    device_id    BIGINT NOT NULL REFERENCES devices (id),
    out_at       BIGINT NOT NULL,
    returned_at  BIGINT,
    lost_at      BIGINT,
    CHECK (returned_at IS NULL OR lost_at IS NULL)
);
CREATE INDEX loans_by_agreement ON loans (agreement_id);
-- A device has at most one open loan: the database refuses a second, whatever the code does.
CREATE UNIQUE INDEX one_open_loan_per_device ON loans (device_id) WHERE returned_at IS NULL AND lost_at IS NULL;

-- A device handed back at the desk, with its condition.
CREATE TABLE returns (
    id                  ${autoIncrementKey},
    loan_id             BIGINT NOT NULL UNIQUE REFERENCES loans (id),
    condition           TEXT   NOT NULL CHECK (condition IN ('GOOD', 'DAMAGED', 'BROKEN')),
    missing_accessories TEXT   NOT NULL,
    note                TEXT,
    received_by         BIGINT NOT NULL REFERENCES users (id),
    received_at         BIGINT NOT NULL
);

-- What happened to a device, oldest first: its history at the desk.
CREATE TABLE device_events (
    id           ${autoIncrementKey},
    device_id    BIGINT NOT NULL REFERENCES devices (id),
    at           BIGINT NOT NULL,
    event        TEXT   NOT NULL,
    actor_id     BIGINT NOT NULL REFERENCES users (id),
    agreement_id BIGINT REFERENCES agreements (id),
    note         TEXT
);
CREATE INDEX device_events_by_device ON device_events (device_id, id);
--rollback DROP TABLE device_events;
--rollback DROP TABLE returns;
--rollback DROP TABLE loans;
--rollback DROP TABLE agreements;
