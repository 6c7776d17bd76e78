--liquibase formatted sql

--changeset lending:029-messages
-- The e-mails the service sends to families (overdue reminders, copies of signed agreements): queued in
-- the transaction that decided them, sent after it committed by the mail sender, tried again with
-- back-off. A copy's PDF is not stored twice: {attachment} names the agreement whose kept signed
-- document is attached at send time. The idempotency key (kind, agreement or family, day) keeps one
-- reminder from being queued twice. Recipient and body are personal data (docs/data-protection.md,
-- "Messages"); last_error holds the mail server's failure kind only, never an address.
CREATE TABLE messages (
    id              ${autoIncrementKey},
    uai             CHAR(8)      NOT NULL REFERENCES establishments (uai),
    family_id       BIGINT       REFERENCES families (id),
    kind            VARCHAR(16)  NOT NULL CHECK (kind IN ('REMINDER', 'AGREEMENT_COPY')),
    recipient       TEXT,
    subject         TEXT         NOT NULL,
    body            TEXT,
    attachment      TEXT,
    status          VARCHAR(8)   NOT NULL CHECK (status IN ('QUEUED', 'SENT', 'FAILED')),
    attempts        INTEGER      NOT NULL DEFAULT 0,
    next_attempt_at BIGINT       NOT NULL,
    last_error      TEXT,
    created_at      BIGINT       NOT NULL,
    sent_at         BIGINT,
    idempotency_key VARCHAR(120) NOT NULL UNIQUE
);
CREATE INDEX messages_due ON messages (status, next_attempt_at);
CREATE INDEX messages_by_establishment ON messages (uai, id);
CREATE INDEX messages_by_family ON messages (family_id);
--rollback DROP TABLE messages;
