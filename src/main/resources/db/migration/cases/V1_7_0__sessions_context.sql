-- Sessions (R4), context persons (R12) and the institutions a client passes through.
-- Plaintext columns hold only what queries need (ids, dates, enum codes, numbers); every text is
-- BYTEA, encrypted with the client's key.

-- The session note grows into a full session. Every new column is nullable: a note written before
-- (or through CaseWork.writeNote) is a session with a date and a note, nothing else, and stays
-- readable as it is.
ALTER TABLE cas_session_note ADD COLUMN duration_minutes INT;
ALTER TABLE cas_session_note ADD COLUMN setting VARCHAR(32);
ALTER TABLE cas_session_note ADD COLUMN place_kind VARCHAR(32);
ALTER TABLE cas_session_note ADD COLUMN client_present BOOLEAN;
ALTER TABLE cas_session_note ADD COLUMN next_steps BYTEA;
ALTER TABLE cas_session_note ADD COLUMN next_steps_due DATE;
ALTER TABLE cas_session_note ADD COLUMN next_steps_done_on DATE;
-- Dates in plain text so that the start page finds what is due without decrypting anything.
ALTER TABLE cas_session_note ADD COLUMN next_meeting_at TIMESTAMP WITH TIME ZONE;

-- Themes that came up (R4); several per session.
CREATE TABLE cas_session_theme (
    session_id UUID        NOT NULL REFERENCES cas_session_note (id) ON DELETE CASCADE,
    theme      VARCHAR(40) NOT NULL,
    PRIMARY KEY (session_id, theme)
);

-- Which members of the tandem took part.
CREATE TABLE cas_session_staff (
    session_id UUID NOT NULL REFERENCES cas_session_note (id) ON DELETE CASCADE,
    staff_id   UUID NOT NULL,
    PRIMARY KEY (session_id, staff_id)
);

-- Family, friends, peers and institutional caretakers (R12). Name and note describe a person
-- around the client and are encrypted like everything about the client. Removing deletes the row.
CREATE TABLE cas_context_person (
    id            UUID                     PRIMARY KEY,
    client_id     UUID                     NOT NULL REFERENCES cas_client (id) ON DELETE CASCADE,
    relation_kind VARCHAR(32)              NOT NULL,
    name          BYTEA                    NOT NULL,
    note          BYTEA,
    recorded_by   UUID                     NOT NULL,
    recorded_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    changed_at    TIMESTAMP WITH TIME ZONE
);
CREATE INDEX cas_context_person_client ON cas_context_person (client_id);

-- Which context persons took part in a session (a family/context session, R12).
CREATE TABLE cas_session_context_person (
    session_id UUID NOT NULL REFERENCES cas_session_note (id) ON DELETE CASCADE,
    person_id  UUID NOT NULL REFERENCES cas_context_person (id) ON DELETE CASCADE,
    PRIMARY KEY (session_id, person_id)
);

-- Where the client is: one open stay (ended_on NULL) and its history. A move ends the open stay
-- and opens a new one; nothing is overwritten.
CREATE TABLE cas_institution_stay (
    id          UUID                     PRIMARY KEY,
    client_id   UUID                     NOT NULL REFERENCES cas_client (id) ON DELETE CASCADE,
    kind        VARCHAR(32)              NOT NULL,
    name        BYTEA                    NOT NULL,
    started_on  DATE                     NOT NULL,
    ended_on    DATE,
    recorded_by UUID                     NOT NULL,
    recorded_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX cas_institution_stay_client ON cas_institution_stay (client_id, started_on);
