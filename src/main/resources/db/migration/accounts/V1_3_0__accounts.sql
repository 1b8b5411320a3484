CREATE TABLE acc_organisation (
    id         UUID                     PRIMARY KEY,
    name       VARCHAR(200)             NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Deliberately no address, birth date or other private data of staff (R14).
CREATE TABLE acc_staff (
    id                   UUID                     PRIMARY KEY,
    org_id               UUID                     NOT NULL REFERENCES acc_organisation (id),
    username             VARCHAR(64)              NOT NULL,
    display_name         VARCHAR(200)             NOT NULL,
    role                 VARCHAR(32)              NOT NULL,
    password_hash        VARCHAR(255)             NOT NULL,
    must_change_password BOOLEAN                  NOT NULL,
    totp_secret          BYTEA,
    totp_enrolled        BOOLEAN                  NOT NULL,
    totp_last_step       BIGINT,
    failed_attempts      INT                      NOT NULL,
    locked_until         TIMESTAMP WITH TIME ZONE,
    active               BOOLEAN                  NOT NULL,
    created_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT acc_staff_username_uq UNIQUE (username)
);
CREATE INDEX acc_staff_org ON acc_staff (org_id);

CREATE TABLE acc_recovery_code (
    staff_id  UUID     NOT NULL REFERENCES acc_staff (id),
    code_hash CHAR(64) NOT NULL,
    used_at   TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (staff_id, code_hash)
);

-- One row once the installation has been set up: makes the first-run page race-free.
CREATE TABLE acc_installation (
    id         INT                      PRIMARY KEY CHECK (id = 1),
    set_up_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
