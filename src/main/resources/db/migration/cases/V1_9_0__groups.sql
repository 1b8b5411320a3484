-- Group work in schools, youth work and prisons (R13). A group has a data key of its own (a key_client
-- row with the group's id as owner): its name, institution and session notes are encrypted with it.
-- Participants are known by a pseudonym only; no names, nothing else about them.
CREATE TABLE cas_group (
    id          UUID                     PRIMARY KEY,
    org_id      UUID                     NOT NULL,
    name        BYTEA                    NOT NULL,
    setting     VARCHAR(32)              NOT NULL,
    institution BYTEA                    NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by  UUID                     NOT NULL
);
CREATE INDEX cas_group_org ON cas_group (org_id);

-- The practitioners who lead the group: only they read and write it.
CREATE TABLE cas_group_leader (
    group_id UUID NOT NULL REFERENCES cas_group (id) ON DELETE CASCADE,
    staff_id UUID NOT NULL,
    PRIMARY KEY (group_id, staff_id)
);
CREATE INDEX cas_group_leader_staff ON cas_group_leader (staff_id);

-- A participant may also have an individual case (R13). Erasing that client must not erase the
-- group's record, only the link: ON DELETE SET NULL, and nothing else here remembers the link.
CREATE TABLE cas_group_participant (
    id        UUID                     PRIMARY KEY,
    group_id  UUID                     NOT NULL REFERENCES cas_group (id) ON DELETE CASCADE,
    org_id    UUID                     NOT NULL,
    pseudonym VARCHAR(64)              NOT NULL,
    added_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    client_id UUID                     REFERENCES cas_client (id) ON DELETE SET NULL,
    CONSTRAINT cas_group_participant_pseudonym_uq UNIQUE (org_id, pseudonym),
    CONSTRAINT cas_group_participant_case_uq UNIQUE (group_id, client_id)
);
CREATE INDEX cas_group_participant_group ON cas_group_participant (group_id);
CREATE INDEX cas_group_participant_client ON cas_group_participant (client_id);

CREATE TABLE cas_group_session (
    id               UUID                     PRIMARY KEY,
    group_id         UUID                     NOT NULL REFERENCES cas_group (id) ON DELETE CASCADE,
    held_on          DATE                     NOT NULL,
    duration_minutes INT                      NOT NULL,
    note             BYTEA,
    recorded_by      UUID                     NOT NULL,
    recorded_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX cas_group_session_group ON cas_group_session (group_id, held_on);

CREATE TABLE cas_group_session_theme (
    session_id UUID        NOT NULL REFERENCES cas_group_session (id) ON DELETE CASCADE,
    theme      VARCHAR(40) NOT NULL,
    PRIMARY KEY (session_id, theme)
);

CREATE TABLE cas_group_attendance (
    session_id     UUID NOT NULL REFERENCES cas_group_session (id) ON DELETE CASCADE,
    participant_id UUID NOT NULL REFERENCES cas_group_participant (id) ON DELETE CASCADE,
    PRIMARY KEY (session_id, participant_id)
);
CREATE INDEX cas_group_attendance_participant ON cas_group_attendance (participant_id);
