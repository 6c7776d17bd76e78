--liquibase formatted sql

--changeset lending:033-message-channels
-- A message leaves by e-mail or, when an SMS gateway is configured, by SMS: the same queue, claims and
-- back-off. An SMS's recipient is the phone number written to (international form), nothing more is
-- kept for it; the e-mails queued before keep EMAIL.
ALTER TABLE messages ADD COLUMN channel VARCHAR(5) NOT NULL DEFAULT 'EMAIL' CHECK (channel IN ('EMAIL', 'SMS'));
CREATE INDEX messages_due_by_channel ON messages (channel, status, next_attempt_at);
--rollback DROP INDEX messages_due_by_channel;
--rollback ALTER TABLE messages DROP COLUMN channel;
