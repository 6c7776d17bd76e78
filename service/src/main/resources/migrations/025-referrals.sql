--liquibase formatted sql

--changeset lending:025-referrals
-- Help that is not a device, proposed to a family by a desk or a social worker: a social internet
-- tariff, a mediator or third place, a public access point, printed work, the city's educational
-- programme, an association. Kept like a diagnostic: the kind and the dates stay for the reports when
-- the family is erased; where to and the note, which may name someone, go.
CREATE TABLE referrals (
    id            ${autoIncrementKey},
    family_id     BIGINT NOT NULL REFERENCES families (id),
    kind          TEXT   NOT NULL CHECK (kind IN ('SOCIAL_TARIFF', 'MEDIATION', 'PUBLIC_ACCESS', 'PRINTED_WORK',
                                                  'EDUCATIONAL_PROGRAMME', 'ASSOCIATION', 'OTHER')),
    -- where the family is sent: a service, a place, a programme
    destination   TEXT,
    note          TEXT,
    status        TEXT   NOT NULL CHECK (status IN ('PROPOSED', 'ACCEPTED', 'DONE', 'DECLINED')),
    proposed_by   BIGINT NOT NULL REFERENCES users (id),
    proposed_at   BIGINT NOT NULL,
    accepted_at   BIGINT,
    done_at       BIGINT,
    declined_at   BIGINT,
    updated_by    BIGINT REFERENCES users (id),
    updated_at    BIGINT NOT NULL,
    anonymised_at BIGINT,
    -- each status has its date; a referral done was accepted first, one declined was not done
    CHECK (status <> 'ACCEPTED' OR (accepted_at IS NOT NULL AND done_at IS NULL AND declined_at IS NULL)),
    CHECK (status <> 'DONE' OR (accepted_at IS NOT NULL AND done_at IS NOT NULL AND declined_at IS NULL)),
    CHECK (status <> 'DECLINED' OR (declined_at IS NOT NULL AND done_at IS NULL)),
    CHECK (status <> 'PROPOSED' OR (accepted_at IS NULL AND done_at IS NULL AND declined_at IS NULL))
);
CREATE INDEX referrals_by_family ON referrals (family_id, id);
--rollback DROP TABLE referrals;
