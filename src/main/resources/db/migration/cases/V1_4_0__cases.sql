-- A client is known everywhere by a pseudonym; identifying data lives only in cas_identity,
-- encrypted with the client's own key. Plaintext columns hold only what queries need.
CREATE TABLE cas_client (
    id         UUID                     PRIMARY KEY,
    org_id     UUID                     NOT NULL,
    pseudonym  VARCHAR(64)              NOT NULL,
    stage      VARCHAR(32)              NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by UUID                     NOT NULL,
    CONSTRAINT cas_client_pseudonym_uq UNIQUE (org_id, pseudonym)
);

CREATE TABLE cas_identity (
    client_id     UUID PRIMARY KEY REFERENCES cas_client (id),
    full_name     BYTEA NOT NULL,
    date_of_birth BYTEA,
    contact       BYTEA,
    aliases       BYTEA
);

-- The tandem: two practitioners carry a case (R2).
CREATE TABLE cas_tandem_member (
    client_id UUID NOT NULL REFERENCES cas_client (id),
    staff_id  UUID NOT NULL,
    position  INT  NOT NULL,
    PRIMARY KEY (client_id, staff_id)
);
CREATE INDEX cas_tandem_member_staff ON cas_tandem_member (staff_id);

CREATE TABLE cas_session_note (
    id           UUID                     PRIMARY KEY,
    client_id    UUID                     NOT NULL REFERENCES cas_client (id),
    session_date DATE                     NOT NULL,
    written_by   UUID                     NOT NULL,
    written_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    body         BYTEA                    NOT NULL
);
CREATE INDEX cas_session_note_client ON cas_session_note (client_id, session_date);

-- Break the glass: a colleague outside the tandem reads a case for a recorded reason (R6).
CREATE TABLE cas_access_grant (
    id          UUID                     PRIMARY KEY,
    client_id   UUID                     NOT NULL REFERENCES cas_client (id),
    staff_id    UUID                     NOT NULL,
    reason_kind VARCHAR(32)              NOT NULL,
    explanation BYTEA                    NOT NULL,
    granted_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX cas_access_grant_client ON cas_access_grant (client_id, staff_id);
