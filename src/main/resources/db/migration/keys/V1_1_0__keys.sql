-- Per-client data keys (Tink AEAD keysets), each wrapped by the master key with the client id as
-- associated data. Deleting a row here is crypto-shredding: the client's ciphertexts become noise.
CREATE TABLE key_client (
    client_id      UUID                     PRIMARY KEY,
    org_id         UUID                     NOT NULL,
    wrapped_keyset BYTEA                    NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Keys for secrets that belong to no client (for example staff second-factor seeds).
CREATE TABLE key_system (
    name           VARCHAR(64) PRIMARY KEY,
    wrapped_keyset BYTEA       NOT NULL
);
