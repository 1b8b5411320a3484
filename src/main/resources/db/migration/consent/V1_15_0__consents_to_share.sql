-- Consents to share (R9). The purpose is ciphertext under the client's key, bound to
-- con_consent|row|purpose. No foreign key into the cases or network modules: the rows are deleted by a
-- listener on ClientErased, in the erasure's transaction. A revoked consent stays, marked revoked.
CREATE TABLE con_consent (
    id           UUID                     PRIMARY KEY,
    org_id       UUID                     NOT NULL,
    client_id    UUID                     NOT NULL,
    partner_id   UUID                     NOT NULL,
    purpose      BYTEA                    NOT NULL,
    valid_from   DATE                     NOT NULL,
    valid_until  DATE                     NOT NULL,
    informed_how VARCHAR(40)              NOT NULL,
    recorded_by  UUID                     NOT NULL,
    recorded_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_on   DATE,
    revoked_by   UUID,
    revoked_at   TIMESTAMP WITH TIME ZONE,
    CONSTRAINT con_consent_dates CHECK (valid_until > valid_from)
);
CREATE INDEX con_consent_client ON con_consent (client_id, valid_from);

CREATE TABLE con_consent_kind (
    consent_id UUID        NOT NULL REFERENCES con_consent (id) ON DELETE CASCADE,
    client_id  UUID        NOT NULL,
    kind       VARCHAR(40) NOT NULL,
    PRIMARY KEY (consent_id, kind)
);
CREATE INDEX con_consent_kind_client ON con_consent_kind (client_id);
