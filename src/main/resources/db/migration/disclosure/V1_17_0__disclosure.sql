-- The disclosure gate's record (R8, R9, R19): one row per disclosure that left the organisation.
-- Recipient name, purpose and the exact content are ciphertext under the client's key, bound to
-- dis_disclosure|row|field. `what` holds codes only (data kinds, identity fields). No foreign key into
-- other modules: the rows are deleted by a listener on ClientErased, in the erasure's transaction.
CREATE TABLE dis_disclosure (
    id           UUID                     PRIMARY KEY,
    org_id       UUID                     NOT NULL,
    client_id    UUID                     NOT NULL,
    channel      VARCHAR(40)              NOT NULL,
    partner_id   UUID,
    recipient    BYTEA                    NOT NULL,
    what         VARCHAR(1000)            NOT NULL,
    purpose      BYTEA,
    content      BYTEA                    NOT NULL,
    disclosed_by UUID                     NOT NULL,
    disclosed_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX dis_disclosure_client ON dis_disclosure (client_id, disclosed_at);
