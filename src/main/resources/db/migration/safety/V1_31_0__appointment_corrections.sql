-- Corrections and cancellations of staff appointments (R14). A correction keeps the appointment as it
-- was in saf_appointment_version (its place sealed with the system key, bound to the version's row),
-- so the practitioner can read what changed, when and by whom. version counts the changes of the row
-- (corrections, check-in, check-out, extension, cancellation): a form sends the version it showed and
-- is refused when the row moved on meanwhile. A cancelled appointment keeps its row for the
-- practitioner's list but is left out of the board, the check-in page and the escalation.
ALTER TABLE saf_appointment ADD COLUMN version INT DEFAULT 0 NOT NULL;
ALTER TABLE saf_appointment ADD COLUMN cancelled_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE saf_appointment ADD COLUMN cancelled_by UUID;
-- Optional, may name the client: sealed with the system key bound to the appointment's row.
ALTER TABLE saf_appointment ADD COLUMN cancel_reason BYTEA;

-- One row per earlier version: the appointment as it was before the correction made by replaced_by
-- at replaced_at; changed names the corrected parts (codes: times, place_kind, place, case, attendees).
-- Goes with the appointment (cascade: retention, erasure after a restore); the client's erasure
-- deletes every version of an appointment that was ever linked to the client.
CREATE TABLE saf_appointment_version (
    id             UUID PRIMARY KEY,
    appointment_id UUID NOT NULL REFERENCES saf_appointment (id) ON DELETE CASCADE,
    version        INT NOT NULL,
    starts_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    ends_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    place_kind     VARCHAR(20) NOT NULL,
    place          BYTEA,
    client_id      UUID,
    replaced_by    UUID NOT NULL,
    replaced_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    changed        VARCHAR(100) NOT NULL
);
CREATE INDEX saf_appointment_version_appointment ON saf_appointment_version (appointment_id, version);
CREATE INDEX saf_appointment_version_client ON saf_appointment_version (client_id);

CREATE TABLE saf_appointment_version_attendee (
    version_id UUID NOT NULL REFERENCES saf_appointment_version (id) ON DELETE CASCADE,
    staff_id   UUID NOT NULL,
    PRIMARY KEY (version_id, staff_id)
);
