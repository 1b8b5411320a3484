-- Sessions can be corrected and cancelled (marked as recorded in error); every earlier version stays
-- readable to the tandem. The current version stays in cas_session_note, so every query that reads
-- sessions reads the current one; row_version is the optimistic check of a correction (a form based
-- on an older version is refused, not silently lost).
ALTER TABLE cas_session_note ADD COLUMN row_version INT DEFAULT 1 NOT NULL;
-- Who made the current version and why (NULL while the session is as first recorded); the reason is
-- encrypted with the client's key like the note.
ALTER TABLE cas_session_note ADD COLUMN changed_by UUID;
ALTER TABLE cas_session_note ADD COLUMN changed_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE cas_session_note ADD COLUMN change_reason BYTEA;
-- Cancelled: recorded in error. The session stays (with its history) but no longer counts anywhere.
ALTER TABLE cas_session_note ADD COLUMN cancelled_by UUID;
ALTER TABLE cas_session_note ADD COLUMN cancelled_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE cas_session_note ADD COLUMN cancel_reason BYTEA;
-- The next meeting as planned in the session: how long, the kind of place (never the place) and
-- whether both of the tandem go. The staff-safety appointment is made from these.
ALTER TABLE cas_session_note ADD COLUMN next_meeting_minutes INT;
ALTER TABLE cas_session_note ADD COLUMN next_meeting_place VARCHAR(32);
ALTER TABLE cas_session_note ADD COLUMN next_meeting_with_tandem BOOLEAN;

-- Earlier versions of a session, whole: every field of the version (dates, setting, participants,
-- themes, note, next steps, the reason it was made) in one value encrypted with the client's key
-- (associated data cas_session_version|id|content), so nothing of an earlier version is readable
-- in the database. Who wrote the version and when stay plain, as for the current one. Erasing the
-- client removes every version (the session row and the client cascade).
CREATE TABLE cas_session_version (
    id         UUID                     PRIMARY KEY,
    session_id UUID                     NOT NULL REFERENCES cas_session_note (id) ON DELETE CASCADE,
    client_id  UUID                     NOT NULL REFERENCES cas_client (id) ON DELETE CASCADE,
    version    INT                      NOT NULL,
    written_by UUID                     NOT NULL,
    written_at TIMESTAMP WITH TIME ZONE NOT NULL,
    content    BYTEA                    NOT NULL,
    CONSTRAINT cas_session_version_once UNIQUE (session_id, version)
);
CREATE INDEX cas_session_version_client ON cas_session_version (client_id);

-- A family or context session without the client is now a setting of its own, so that the form
-- no longer ticks the client for it. Sessions recorded so far keep their meaning.
UPDATE cas_session_note SET setting = 'CONTEXT_ONLY' WHERE setting = 'FAMILY_CONTEXT' AND client_present = FALSE;
