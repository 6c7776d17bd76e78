--liquibase formatted sql

--changeset lending:032-agreement-handovers
-- An agreement's devices handed with the pupil to the new school: they continue there under a new
-- agreement of that school (to_agreement_id), the first one closing when nothing is left on it. Printed
-- as an amendment numbered from 1 per agreement handed from. A new agreement comes from one handover.
CREATE TABLE agreement_handovers (
    id                ${autoIncrementKey},
    from_agreement_id BIGINT  NOT NULL REFERENCES agreements (id),
    number            INTEGER NOT NULL,
    to_agreement_id   BIGINT  NOT NULL UNIQUE REFERENCES agreements (id),
    from_uai          CHAR(8) NOT NULL REFERENCES establishments (uai),
    to_uai            CHAR(8) NOT NULL REFERENCES establishments (uai),
    handed_by         BIGINT  NOT NULL REFERENCES users (id),
    handed_at         BIGINT  NOT NULL,
    UNIQUE (from_agreement_id, number),
    CHECK (from_agreement_id <> to_agreement_id),
    CHECK (from_uai <> to_uai)
);
-- Each loan handed, and whose pool its device belongs to afterwards: the new school's when the funder
-- lets it change pool, the first school's otherwise (the new school holds it until it comes back).
CREATE TABLE handover_loans (
    handover_id BIGINT  NOT NULL REFERENCES agreement_handovers (id),
    loan_id     BIGINT  NOT NULL REFERENCES loans (id),
    owner_uai   CHAR(8) NOT NULL REFERENCES establishments (uai),
    PRIMARY KEY (handover_id, loan_id)
);
--rollback DROP TABLE handover_loans;
--rollback DROP TABLE agreement_handovers;
