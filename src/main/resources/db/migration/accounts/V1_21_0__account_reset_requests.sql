-- Resetting another person's password or second factor takes two people (R6): the administrator
-- asks, a manager who is neither the asker nor the account holder decides. No credential is kept
-- here: a temporary password exists only in the one response that shows it to the approver.
CREATE TABLE acc_reset_request (
    id                UUID                     PRIMARY KEY,
    org_id            UUID                     NOT NULL REFERENCES acc_organisation (id),
    staff_id          UUID                     NOT NULL REFERENCES acc_staff (id),
    kind              VARCHAR(16)              NOT NULL,
    requested_by      UUID                     NOT NULL REFERENCES acc_staff (id),
    requested_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    decision          VARCHAR(16),
    decided_by        UUID                     REFERENCES acc_staff (id),
    decided_at        TIMESTAMP WITH TIME ZONE,
    password_shown_at TIMESTAMP WITH TIME ZONE,
    acknowledged_at   TIMESTAMP WITH TIME ZONE,
    CONSTRAINT acc_reset_request_kind CHECK (kind IN ('PASSWORD', 'SECOND_FACTOR')),
    CONSTRAINT acc_reset_request_decision CHECK (decision IS NULL OR decision IN ('APPROVED', 'REFUSED'))
);
CREATE INDEX acc_reset_request_org ON acc_reset_request (org_id, decision);
CREATE INDEX acc_reset_request_staff ON acc_reset_request (staff_id, decision);
