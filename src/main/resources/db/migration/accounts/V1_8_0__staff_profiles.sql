-- What makes a tandem diverse (R2): gender, professional backgrounds and, if the staff member wants
-- to say, social background and languages. Deliberately nothing else: no address, no birth date (R14).
-- The two free texts are encrypted with the system key, bound to this row and field; the codes stay
-- plain because they are all the comparison of a tandem needs.
CREATE TABLE acc_staff_profile (
    staff_id          UUID                     PRIMARY KEY REFERENCES acc_staff (id),
    gender            VARCHAR(32),
    social_background BYTEA,
    languages         BYTEA,
    updated_at        TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE acc_staff_background (
    staff_id   UUID        NOT NULL REFERENCES acc_staff_profile (staff_id) ON DELETE CASCADE,
    background VARCHAR(32) NOT NULL,
    PRIMARY KEY (staff_id, background)
);
