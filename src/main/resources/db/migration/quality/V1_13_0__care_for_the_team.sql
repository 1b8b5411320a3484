-- Care for the team (R14): supervision and intervision, the yearly well-being check-up, training
-- records and the induction path. Staff data, never case content: a supervision has no notes field
-- (at most a short neutral topic line), a check-up is only "done on a date" (no health data, no
-- notes). Free texts are encrypted with the system key, bound to table, row and field. Staff ids
-- point into the accounts module by value only (no foreign key across modules).
CREATE TABLE qua_supervision (
    id              UUID                     PRIMARY KEY,
    org_id          UUID                     NOT NULL,
    held_on         DATE                     NOT NULL,
    kind            VARCHAR(32)              NOT NULL,
    topic           BYTEA,
    supervisor_name BYTEA,
    recorded_by     UUID                     NOT NULL,
    recorded_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX qua_supervision_org ON qua_supervision (org_id, held_on);

CREATE TABLE qua_supervision_participant (
    supervision_id UUID NOT NULL REFERENCES qua_supervision (id) ON DELETE CASCADE,
    staff_id       UUID NOT NULL,
    PRIMARY KEY (supervision_id, staff_id)
);
CREATE INDEX qua_supervision_participant_staff ON qua_supervision_participant (staff_id);

-- The first due date a manager sets for a staff member; after the first check-up the next is due
-- one year after the last one done.
CREATE TABLE qua_checkup_due (
    staff_id UUID                     PRIMARY KEY,
    org_id   UUID                     NOT NULL,
    due_on   DATE                     NOT NULL,
    set_by   UUID                     NOT NULL,
    set_at   TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Done or not done, nothing else.
CREATE TABLE qua_checkup (
    id          UUID                     PRIMARY KEY,
    org_id      UUID                     NOT NULL,
    staff_id    UUID                     NOT NULL,
    done_on     DATE                     NOT NULL,
    recorded_by UUID                     NOT NULL,
    recorded_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX qua_checkup_staff ON qua_checkup (staff_id, done_on);

CREATE TABLE qua_induction_topic (
    id         UUID                     PRIMARY KEY,
    org_id     UUID                     NOT NULL,
    position   INT                      NOT NULL,
    title      BYTEA                    NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX qua_induction_topic_org ON qua_induction_topic (org_id, position);

CREATE TABLE qua_training (
    id          UUID                     PRIMARY KEY,
    org_id      UUID                     NOT NULL,
    staff_id    UUID                     NOT NULL,
    taken_on    DATE                     NOT NULL,
    title       BYTEA                    NOT NULL,
    provider    BYTEA,
    topic_id    UUID                     REFERENCES qua_induction_topic (id) ON DELETE SET NULL,
    recorded_by UUID                     NOT NULL,
    recorded_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX qua_training_staff ON qua_training (staff_id, taken_on);
