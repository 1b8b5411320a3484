-- Programme design (the organisation's own, no client data): plain text, written by managers.
CREATE TABLE prg_programme (
    id            UUID                     PRIMARY KEY,
    org_id        UUID                     NOT NULL,
    name          VARCHAR(200)             NOT NULL,
    goal          VARCHAR(2000)            NOT NULL,
    target_groups VARCHAR(2000)            NOT NULL,
    changed_by    UUID                     NOT NULL,
    changed_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT prg_programme_name_uq UNIQUE (org_id, name)
);

-- The phenomenon areas and pathways it serves: the codes of the cases module's vocabularies.
CREATE TABLE prg_programme_area (
    programme_id UUID        NOT NULL REFERENCES prg_programme (id) ON DELETE CASCADE,
    area         VARCHAR(32) NOT NULL,
    PRIMARY KEY (programme_id, area)
);
CREATE TABLE prg_programme_pathway (
    programme_id UUID        NOT NULL REFERENCES prg_programme (id) ON DELETE CASCADE,
    pathway      VARCHAR(32) NOT NULL,
    PRIMARY KEY (programme_id, pathway)
);
CREATE TABLE prg_programme_staff (
    programme_id UUID NOT NULL REFERENCES prg_programme (id) ON DELETE CASCADE,
    staff_id     UUID NOT NULL,
    PRIMARY KEY (programme_id, staff_id)
);

-- The theory of change: outcomes, each rated with the client on its own scale (1 to 5 or 1 to 10)
-- whose two ends are described in both languages.
CREATE TABLE prg_outcome (
    id           UUID          PRIMARY KEY,
    programme_id UUID          NOT NULL REFERENCES prg_programme (id) ON DELETE CASCADE,
    position     INT           NOT NULL,
    name         VARCHAR(300)  NOT NULL,
    scale_max    INT           NOT NULL,
    low_en       VARCHAR(200)  NOT NULL,
    low_de       VARCHAR(200)  NOT NULL,
    high_en      VARCHAR(200)  NOT NULL,
    high_de      VARCHAR(200)  NOT NULL,
    CONSTRAINT prg_outcome_scale CHECK (scale_max IN (5, 10))
);
CREATE INDEX prg_outcome_programme ON prg_outcome (programme_id, position);

CREATE TABLE prg_indicator (
    id         UUID         PRIMARY KEY,
    outcome_id UUID         NOT NULL REFERENCES prg_outcome (id) ON DELETE CASCADE,
    position   INT          NOT NULL,
    name       VARCHAR(300) NOT NULL,
    direction  VARCHAR(16)  NOT NULL,
    baseline   VARCHAR(200) NOT NULL,
    frequency  VARCHAR(16)  NOT NULL
);
CREATE INDEX prg_indicator_outcome ON prg_indicator (outcome_id, position);

-- An outcome rated with the client in a session: client data, deleted on erasure. The score stays
-- plain (the dashboard counts it in SQL, like the work agreement's progress ratings); the comment is
-- sealed with the client's key. An outcome with ratings is never deleted, so the rows keep their outcome.
CREATE TABLE prg_outcome_rating (
    id          UUID                     PRIMARY KEY,
    org_id      UUID                     NOT NULL,
    client_id   UUID                     NOT NULL,
    outcome_id  UUID                     NOT NULL REFERENCES prg_outcome (id),
    rated_on    DATE                     NOT NULL,
    score       INT                      NOT NULL,
    comment     BYTEA,
    recorded_by UUID                     NOT NULL,
    recorded_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT prg_outcome_rating_score CHECK (score BETWEEN 1 AND 10),
    CONSTRAINT prg_outcome_rating_uq UNIQUE (client_id, outcome_id, rated_on)
);
CREATE INDEX prg_outcome_rating_outcome ON prg_outcome_rating (outcome_id, client_id, rated_on);
