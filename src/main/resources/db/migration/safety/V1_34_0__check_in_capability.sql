-- Check-in from the phone (R14): each check-in action that arrives with the phone's event id is kept
-- once, with the phone's time and the server's, so a queued action sent twice counts once. The rows go
-- with their appointment (retention). A work telephone number (sealed like the work e-mail) lets a
-- phone without signal show whom to call.
CREATE TABLE saf_check_in_event (
    event_id       UUID PRIMARY KEY,
    appointment_id UUID NOT NULL REFERENCES saf_appointment (id) ON DELETE CASCADE,
    staff_id       UUID NOT NULL,
    action         VARCHAR(20) NOT NULL,
    phone_time     TIMESTAMP WITH TIME ZONE,
    server_time    TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX saf_check_in_event_appointment ON saf_check_in_event (appointment_id);

ALTER TABLE saf_contact_address ADD COLUMN work_phone BYTEA;
