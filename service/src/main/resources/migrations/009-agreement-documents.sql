--liquibase formatted sql

--changeset lending:009-agreement-terms
-- The version of the terms an agreement was made with: it prints those terms, whatever is published later.
ALTER TABLE agreements ADD COLUMN terms_version TEXT;
--rollback ALTER TABLE agreements DROP COLUMN terms_version;

--changeset lending:009-agreement-signature
ALTER TABLE agreements ADD COLUMN signed_by TEXT;
ALTER TABLE agreements ADD COLUMN signed_at BIGINT;
--rollback ALTER TABLE agreements DROP COLUMN signed_at;
--rollback ALTER TABLE agreements DROP COLUMN signed_by;

--changeset lending:009-agreement-documents
-- The agreement as signed: rendered once at signature, then served as these very bytes.
CREATE TABLE agreement_documents (
    agreement_id BIGINT PRIMARY KEY REFERENCES agreements (id),
    pdf          ${blob} NOT NULL,
    rendered_at  BIGINT NOT NULL
);

-- Each renewal of an agreement: the due date before and after; printed as an amendment once signed.
CREATE TABLE agreement_renewals (
    id           ${autoIncrementKey},
    agreement_id BIGINT   NOT NULL REFERENCES agreements (id),
    number       INTEGER  NOT NULL,
    due_before   CHAR(10) NOT NULL,
    due_after    CHAR(10) NOT NULL,
    renewed_by   BIGINT   NOT NULL REFERENCES users (id),
    renewed_at   BIGINT   NOT NULL,
    UNIQUE (agreement_id, number)
);
--rollback DROP TABLE agreement_renewals;
--rollback DROP TABLE agreement_documents;
