-- Passkeys (WebAuthn) of staff. The user handle is the random id an authenticator keeps for the account
-- (never the username or the staff id, which the authenticator would carry around); one per account.
CREATE TABLE acc_passkey_user (
    staff_id    UUID         PRIMARY KEY REFERENCES acc_staff (id),
    user_handle VARCHAR(100) NOT NULL,
    CONSTRAINT acc_passkey_user_handle_uq UNIQUE (user_handle)
);

-- A registered passkey: only its public key and counters, nothing secret. The label is the holder's own
-- name for the device ("work laptop").
CREATE TABLE acc_passkey (
    id                  UUID                     PRIMARY KEY,
    staff_id            UUID                     NOT NULL REFERENCES acc_staff (id),
    credential_id       VARCHAR(1400)            NOT NULL,
    label               VARCHAR(64)              NOT NULL,
    public_key          BYTEA                    NOT NULL,
    signature_count     BIGINT                   NOT NULL,
    uv_initialized      BOOLEAN                  NOT NULL,
    transports          VARCHAR(200)             NOT NULL,
    backup_eligible     BOOLEAN                  NOT NULL,
    backup_state        BOOLEAN                  NOT NULL,
    attestation_object  BYTEA,
    attestation_client_data BYTEA,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    last_used_at        TIMESTAMP WITH TIME ZONE,
    CONSTRAINT acc_passkey_credential_uq UNIQUE (credential_id)
);
CREATE INDEX acc_passkey_staff ON acc_passkey (staff_id);

-- The organisation may require passkeys of its managers and administrators.
ALTER TABLE acc_organisation ADD COLUMN passkeys_required BOOLEAN DEFAULT FALSE NOT NULL;
