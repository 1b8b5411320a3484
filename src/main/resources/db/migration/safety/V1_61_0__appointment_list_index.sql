-- A practitioner's own appointments page in order of their start by keyset on (starts_at, id), no
-- OFFSET, from a first day on: saf_appointment_staff_starts serves that order for one practitioner.
CREATE INDEX saf_appointment_staff_starts ON saf_appointment (organisation_id, staff_id, starts_at, id);
-- A page names each appointment's open alert, looked up for the whole page at once by appointment.
CREATE INDEX saf_alert_appointment ON saf_alert (appointment_id, resolved_at);
