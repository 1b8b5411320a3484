-- The appointment a session's next meeting made (one per session, so a session saved or corrected
-- again never makes a second one). client_id lets the link go when the client is erased; the
-- appointment itself loses its client link as every appointment does.
CREATE TABLE saf_appointment_from_session (
    session_id     UUID PRIMARY KEY,
    appointment_id UUID NOT NULL REFERENCES saf_appointment (id) ON DELETE CASCADE,
    client_id      UUID NOT NULL
);
CREATE INDEX saf_appointment_from_session_client ON saf_appointment_from_session (client_id);
CREATE INDEX saf_appointment_from_session_appointment ON saf_appointment_from_session (appointment_id);
