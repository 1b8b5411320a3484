-- Referrals in (R7): the inbox every partner call appends to. The payload (JSON) is ciphertext under
-- the system key, bound to ref_inbox|id|payload. The matcher removes each entry it has handled.
CREATE TABLE ref_inbox (
    id          UUID                     PRIMARY KEY,
    org_id      UUID                     NOT NULL,
    partner_id  UUID                     NOT NULL,
    via         VARCHAR(10)              NOT NULL,
    kind        VARCHAR(20)              NOT NULL,
    payload     BYTEA                    NOT NULL,
    received_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ref_inbox_received ON ref_inbox (received_at, id);
