--liquibase formatted sql

--changeset lending:028-agreement-swaps
-- A device swapped within an agreement: the loan that ended (its return holds the condition) and the
-- loan that replaced it under the same agreement; printed as an amendment numbered from 1 per agreement.
CREATE TABLE agreement_swaps (
    id           ${autoIncrementKey},
    agreement_id BIGINT  NOT NULL REFERENCES agreements (id),
    number       INTEGER NOT NULL,
    out_loan_id  BIGINT  NOT NULL UNIQUE REFERENCES loans (id),
    in_loan_id   BIGINT  NOT NULL UNIQUE REFERENCES loans (id),
    swapped_by   BIGINT  NOT NULL REFERENCES users (id),
    swapped_at   BIGINT  NOT NULL,
    UNIQUE (agreement_id, number),
    CHECK (out_loan_id <> in_loan_id)
);
--rollback DROP TABLE agreement_swaps;
