-- The NGO's own resources and safety assessment (R5). Internal: it is never exported, reported or
-- shared. Each revision is a new row (version 1, 2, ...), so earlier judgements stay readable.
-- Everything that describes the person is encrypted with the client's key, including the two
-- danger levels: a judgement about a person is as sensitive as the text that explains it. Only
-- ids, the version number and dates are plain, because the history is ordered by them.
CREATE TABLE cas_assessment (
    id                   UUID                     PRIMARY KEY,
    client_id            UUID                     NOT NULL REFERENCES cas_client (id) ON DELETE CASCADE,
    version              INT                      NOT NULL,
    assessed_on          DATE                     NOT NULL,
    recorded_by          UUID                     NOT NULL,
    recorded_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    resources            BYTEA,
    capacities           BYTEA,
    protective_factors   BYTEA,
    social_context       BYTEA,
    danger_to_self       BYTEA                    NOT NULL,
    danger_to_self_why   BYTEA,
    danger_to_others     BYTEA                    NOT NULL,
    danger_to_others_why BYTEA,
    CONSTRAINT cas_assessment_version UNIQUE (client_id, version)
);
