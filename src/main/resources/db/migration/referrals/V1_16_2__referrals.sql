-- Referrals in (R7), after the matcher took them off the inbox. Each referral has a data key of its
-- own (key_client, keyed by the referral's id): the partner's reference and every field are
-- ciphertext bound to table|row|field. There is deliberately no index of references: the matcher
-- decrypts one partner's referrals in memory. Declined, expired and erased referrals are deleted and
-- their key shredded; nothing here is ever reported back to a partner.
CREATE TABLE ref_referral (
    id                UUID                     PRIMARY KEY,
    org_id            UUID                     NOT NULL,
    partner_id        UUID                     NOT NULL,
    received_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    via               VARCHAR(10)              NOT NULL,
    status            VARCHAR(20)              NOT NULL,
    client_id         UUID,
    assigned_at       TIMESTAMP WITH TIME ZONE,
    partner_reference BYTEA                    NOT NULL,
    areas             BYTEA                    NOT NULL,
    context_case      BYTEA                    NOT NULL,
    full_name         BYTEA,
    date_of_birth     BYTEA,
    contact           BYTEA,
    concern           BYTEA
);
CREATE INDEX ref_referral_partner ON ref_referral (org_id, partner_id);
CREATE INDEX ref_referral_status ON ref_referral (org_id, status, received_at);
CREATE INDEX ref_referral_client ON ref_referral (client_id);

-- What the partner added later (information, or the same referral sent again), encrypted with the
-- referral's key. kind INFORMATION: content is the text; kind REFERRAL: content is the referral as JSON.
CREATE TABLE ref_information (
    id          UUID                     PRIMARY KEY,
    referral_id UUID                     NOT NULL REFERENCES ref_referral (id) ON DELETE CASCADE,
    client_id   UUID,
    received_at TIMESTAMP WITH TIME ZONE NOT NULL,
    via         VARCHAR(10)              NOT NULL,
    kind        VARCHAR(20)              NOT NULL,
    content     BYTEA                    NOT NULL
);
CREATE INDEX ref_information_referral ON ref_information (referral_id, received_at);
CREATE INDEX ref_information_client ON ref_information (client_id);

-- ShedLock's table for the matcher and the retention job: one node at a time.
CREATE TABLE ref_shedlock (
    name       VARCHAR(64)              PRIMARY KEY,
    lock_until TIMESTAMP WITH TIME ZONE NOT NULL,
    locked_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    locked_by  VARCHAR(255)             NOT NULL
);
