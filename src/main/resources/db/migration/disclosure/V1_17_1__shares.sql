-- Shares with social services under the client's consent (R9). What went out is in dis_disclosure
-- (content encrypted there); a share row keeps what the page and the link need: partner, consent,
-- kinds (codes), form, language, who and when, and the download link, of which only the SHA-256 of
-- the token is stored. No foreign key into other modules: deleted by a listener on ClientErased.
CREATE TABLE dis_share (
    id              UUID                     PRIMARY KEY,
    org_id          UUID                     NOT NULL,
    client_id       UUID                     NOT NULL,
    disclosure_id   UUID                     NOT NULL,
    partner_id      UUID                     NOT NULL,
    consent_id      UUID                     NOT NULL,
    kinds           VARCHAR(400)             NOT NULL,
    form            VARCHAR(10)              NOT NULL,
    language        VARCHAR(5)               NOT NULL,
    shared_by       UUID                     NOT NULL,
    shared_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    token_hash      BYTEA                    NOT NULL,
    link_expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
    withdrawn_at    TIMESTAMP WITH TIME ZONE,
    withdrawn_by    UUID,
    CONSTRAINT dis_share_token UNIQUE (token_hash)
);
CREATE INDEX dis_share_client ON dis_share (client_id, shared_at);
