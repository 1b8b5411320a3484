-- A staff member's own emergency contacts (R14): whom to call if something happens to them at work.
-- Name, relation and phone are encrypted with the system key, bound to this row and field. Only the
-- organisation's managers read them (audited), and the staff member edits their own.
-- Deliberately no address of any kind.
CREATE TABLE acc_emergency_contact (
    id         UUID                     PRIMARY KEY,
    staff_id   UUID                     NOT NULL REFERENCES acc_staff (id),
    org_id     UUID                     NOT NULL REFERENCES acc_organisation (id),
    name       BYTEA                    NOT NULL,
    relation   BYTEA                    NOT NULL,
    phone      BYTEA                    NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX acc_emergency_contact_staff ON acc_emergency_contact (staff_id);
CREATE INDEX acc_emergency_contact_org ON acc_emergency_contact (org_id);
