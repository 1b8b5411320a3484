-- Referrals in (R7): what lets a partner reach the inbox. Nothing here is about a person.
-- API credentials: one scope each; the secret is ciphertext under the system key, bound to
-- ref_credential|id|secret, because the server must compute the HMAC itself.
CREATE TABLE ref_credential (
    id          UUID                     PRIMARY KEY,
    org_id      UUID                     NOT NULL,
    partner_id  UUID                     NOT NULL,
    key_id      VARCHAR(40)              NOT NULL UNIQUE,
    scope       VARCHAR(30)              NOT NULL,
    secret      BYTEA                    NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by  UUID                     NOT NULL,
    revoked_at  TIMESTAMP WITH TIME ZONE,
    revoked_by  UUID
);
CREATE INDEX ref_credential_org ON ref_credential (org_id, created_at);

-- Nonces seen per credential in the last ten minutes: the primary key refuses a replay on every node.
CREATE TABLE ref_nonce (
    credential_id UUID                     NOT NULL,
    nonce         VARCHAR(64)              NOT NULL,
    seen_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (credential_id, nonce)
);
CREATE INDEX ref_nonce_seen ON ref_nonce (seen_at);

-- Calls per credential and minute, for the rate limit.
CREATE TABLE ref_rate (
    credential_id UUID   NOT NULL,
    window_minute BIGINT NOT NULL,
    hits          INT    NOT NULL,
    PRIMARY KEY (credential_id, window_minute)
);

-- One-time links to the web form: only the SHA-256 of the token is kept.
CREATE TABLE ref_form_link (
    id           UUID                     PRIMARY KEY,
    org_id       UUID                     NOT NULL,
    partner_id   UUID                     NOT NULL,
    token_hash   VARCHAR(64)              NOT NULL UNIQUE,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by   UUID                     NOT NULL,
    expires_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    used_at      TIMESTAMP WITH TIME ZONE,
    withdrawn_at TIMESTAMP WITH TIME ZONE
);
CREATE INDEX ref_form_link_org ON ref_form_link (org_id, created_at);
