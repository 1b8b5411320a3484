-- Corrections of care records (R14): a supervision or intervision session, a training and a check-up
-- can be corrected; the record as it was before is kept in a *_version table (free texts sealed with
-- the system key, bound to the version's row) and stays readable to whoever may read the record.
-- version counts the corrections of the row: a form sends the version it showed and is refused when
-- the record was corrected meanwhile. changed names the corrected parts (codes only, never a text).
ALTER TABLE qua_supervision ADD COLUMN version INT DEFAULT 0 NOT NULL;
CREATE TABLE qua_supervision_version (
    id              UUID                     PRIMARY KEY,
    supervision_id  UUID                     NOT NULL REFERENCES qua_supervision (id) ON DELETE CASCADE,
    version         INT                      NOT NULL,
    held_on         DATE                     NOT NULL,
    kind            VARCHAR(32)              NOT NULL,
    topic           BYTEA,
    supervisor_name BYTEA,
    replaced_by     UUID                     NOT NULL,
    replaced_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    changed         VARCHAR(100)             NOT NULL
);
CREATE INDEX qua_supervision_version_of ON qua_supervision_version (supervision_id, version);

CREATE TABLE qua_supervision_version_participant (
    version_id UUID NOT NULL REFERENCES qua_supervision_version (id) ON DELETE CASCADE,
    staff_id   UUID NOT NULL,
    PRIMARY KEY (version_id, staff_id)
);

ALTER TABLE qua_training ADD COLUMN version INT DEFAULT 0 NOT NULL;
CREATE TABLE qua_training_version (
    id          UUID                     PRIMARY KEY,
    training_id UUID                     NOT NULL REFERENCES qua_training (id) ON DELETE CASCADE,
    version     INT                      NOT NULL,
    taken_on    DATE                     NOT NULL,
    title       BYTEA                    NOT NULL,
    provider    BYTEA,
    topic_id    UUID                     REFERENCES qua_induction_topic (id) ON DELETE SET NULL,
    replaced_by UUID                     NOT NULL,
    replaced_at TIMESTAMP WITH TIME ZONE NOT NULL,
    changed     VARCHAR(100)             NOT NULL
);
CREATE INDEX qua_training_version_of ON qua_training_version (training_id, version);

ALTER TABLE qua_checkup ADD COLUMN version INT DEFAULT 0 NOT NULL;
CREATE TABLE qua_checkup_version (
    id          UUID                     PRIMARY KEY,
    checkup_id  UUID                     NOT NULL REFERENCES qua_checkup (id) ON DELETE CASCADE,
    version     INT                      NOT NULL,
    done_on     DATE                     NOT NULL,
    replaced_by UUID                     NOT NULL,
    replaced_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX qua_checkup_version_of ON qua_checkup_version (checkup_id, version);
