--liquibase formatted sql

--changeset lending:021-hand-ins
-- A device brought back to a school whose desk does not serve the device's own: recorded there on
-- behalf of the owning school, whose desk confirms it (the loan then ends as at any return) or
-- refuses it. Until then nothing of the loan changes. Its number is drawn from the returns' own
-- (AgreementDao.reserveReturnNumber): a confirmed hand-in becomes the return of the same number.
CREATE TABLE hand_ins (
    id                  BIGINT  NOT NULL PRIMARY KEY,
    loan_id             BIGINT  NOT NULL REFERENCES loans (id),
    received_uai        CHAR(8) NOT NULL REFERENCES establishments (uai),
    condition           TEXT    NOT NULL CHECK (condition IN ('GOOD', 'DAMAGED', 'BROKEN')),
    missing_accessories TEXT    NOT NULL,
    note                TEXT,
    received_by         BIGINT  NOT NULL REFERENCES users (id),
    received_at         BIGINT  NOT NULL,
    status              TEXT    NOT NULL CHECK (status IN ('PENDING', 'CONFIRMED', 'REFUSED', 'SUPERSEDED')),
    decided_by          BIGINT  REFERENCES users (id),
    decided_at          BIGINT,
    refusal_reason      TEXT
);
CREATE INDEX hand_ins_by_loan ON hand_ins (loan_id);
-- At most one hand-in of a loan waits for the owning school: the database refuses a second one.
CREATE UNIQUE INDEX one_pending_hand_in_per_loan ON hand_ins (loan_id) WHERE status = 'PENDING';
--rollback DROP TABLE hand_ins;
