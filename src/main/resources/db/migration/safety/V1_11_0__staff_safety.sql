-- Staff safety (R14): appointments and whereabouts, check-in and check-out, escalating alerts,
-- the duty roster and a work e-mail address for alarms. No staff home address is stored anywhere.

-- A planned appointment of a practitioner. The place text may identify a client: encrypted with a
-- system key bound to this row (shown only to the practitioner and to responders after escalation).
-- client_id is optional, without a foreign key into the cases module; erased with the client.
CREATE TABLE saf_appointment (
    id              UUID PRIMARY KEY,
    organisation_id UUID NOT NULL,
    staff_id        UUID NOT NULL,
    starts_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    ends_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    place_kind      VARCHAR(20) NOT NULL,
    place           BYTEA,
    client_id       UUID,
    arrived_at      TIMESTAMP WITH TIME ZONE,
    left_at         TIMESTAMP WITH TIME ZONE,
    -- The alert raised for this appointment, if any: claimed by a conditional UPDATE so that only one
    -- node opens it. Cleared when the practitioner extends the appointment.
    alert_id        UUID,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX saf_appointment_org_day ON saf_appointment (organisation_id, starts_at);
CREATE INDEX saf_appointment_open ON saf_appointment (left_at, ends_at);
CREATE INDEX saf_appointment_client ON saf_appointment (client_id);

CREATE TABLE saf_appointment_attendee (
    appointment_id UUID NOT NULL REFERENCES saf_appointment (id) ON DELETE CASCADE,
    staff_id       UUID NOT NULL,
    PRIMARY KEY (appointment_id, staff_id)
);

-- An alert climbs steps: 1 the practitioner, 2 the case's tandem partner and managers on duty,
-- 3 everyone on duty. next_step_at is the pending deadline; each step is claimed with
-- UPDATE ... WHERE id = ? AND step = ?, so no step is sent twice, whichever node runs it.
CREATE TABLE saf_alert (
    id              UUID PRIMARY KEY,
    organisation_id UUID NOT NULL,
    appointment_id  UUID NOT NULL REFERENCES saf_appointment (id) ON DELETE CASCADE,
    staff_id        UUID NOT NULL,
    kind            VARCHAR(20) NOT NULL,
    step            INT NOT NULL,
    next_step_at    TIMESTAMP WITH TIME ZONE,
    opened_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    owner_id        UUID,
    acknowledged_at TIMESTAMP WITH TIME ZONE,
    resolved_by     UUID,
    resolved_at     TIMESTAMP WITH TIME ZONE
);
CREATE INDEX saf_alert_due ON saf_alert (next_step_at);
CREATE INDEX saf_alert_org ON saf_alert (organisation_id, resolved_at);

-- Who was alerted at which step. One row per person and alert.
CREATE TABLE saf_alert_responder (
    alert_id    UUID NOT NULL REFERENCES saf_alert (id) ON DELETE CASCADE,
    staff_id    UUID NOT NULL,
    step        INT NOT NULL,
    notified_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (alert_id, staff_id)
);
CREATE INDEX saf_alert_responder_staff ON saf_alert_responder (staff_id);

-- The duty roster: who is on duty on a day. Nobody marked: all active managers.
CREATE TABLE saf_duty (
    organisation_id UUID NOT NULL,
    duty_date       DATE NOT NULL,
    staff_id        UUID NOT NULL,
    PRIMARY KEY (organisation_id, duty_date, staff_id)
);

-- A work e-mail address for alarms (optional), encrypted with a system key bound to the row.
-- Never a home address.
CREATE TABLE saf_contact_address (
    staff_id        UUID PRIMARY KEY,
    organisation_id UUID NOT NULL,
    work_email      BYTEA,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
