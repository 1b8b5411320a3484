-- The work agreement (R3). A version is only ever added, never changed: the client's agreement
-- and the progress ratings live in tables of their own, so that nothing has to update a version.
-- All text is ciphertext under the client's key; plaintext only for ids, numbers, dates, codes.
CREATE TABLE cas_agreement_version (
    id         UUID                     PRIMARY KEY,
    client_id  UUID                     NOT NULL REFERENCES cas_client (id) ON DELETE CASCADE,
    version    INT                      NOT NULL,
    language   VARCHAR(8)               NOT NULL,
    written_by UUID                     NOT NULL,
    written_at TIMESTAMP WITH TIME ZONE NOT NULL,
    objective  BYTEA                    NOT NULL,
    next_steps BYTEA                    NOT NULL,
    CONSTRAINT cas_agreement_version_uq UNIQUE (client_id, version)
);

-- An aimed-for personal change as worded in one version. The thread id stays the same from
-- version to version, so progress on a change can be followed when its wording changes.
CREATE TABLE cas_agreement_change (
    id         UUID  PRIMARY KEY,
    version_id UUID  NOT NULL REFERENCES cas_agreement_version (id) ON DELETE CASCADE,
    client_id  UUID  NOT NULL REFERENCES cas_client (id) ON DELETE CASCADE,
    thread_id  UUID  NOT NULL,
    position   INT   NOT NULL,
    wording    BYTEA NOT NULL,
    CONSTRAINT cas_agreement_change_thread_uq UNIQUE (version_id, thread_id)
);
CREATE INDEX cas_agreement_change_client ON cas_agreement_change (client_id);

-- The client's agreement to one version; a version without it is a draft.
CREATE TABLE cas_client_agreement (
    version_id  UUID                     PRIMARY KEY REFERENCES cas_agreement_version (id) ON DELETE CASCADE,
    client_id   UUID                     NOT NULL REFERENCES cas_client (id) ON DELETE CASCADE,
    agreed_on   DATE                     NOT NULL,
    agreed_how  VARCHAR(32)              NOT NULL,
    note        BYTEA,
    recorded_by UUID                     NOT NULL,
    recorded_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX cas_client_agreement_client ON cas_client_agreement (client_id);

-- Progress on an aimed-for change, rated with the client: 1 (not yet begun) to 5 (reached).
CREATE TABLE cas_progress_rating (
    id          UUID                     PRIMARY KEY,
    client_id   UUID                     NOT NULL REFERENCES cas_client (id) ON DELETE CASCADE,
    thread_id   UUID                     NOT NULL,
    rated_on    DATE                     NOT NULL,
    score       INT                      NOT NULL,
    comment     BYTEA,
    recorded_by UUID                     NOT NULL,
    recorded_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT cas_progress_rating_score CHECK (score BETWEEN 1 AND 5),
    CONSTRAINT cas_progress_rating_uq UNIQUE (client_id, thread_id, rated_on)
);
