-- Funder reports that went out (R17): the figures exactly as released, after disclosure control, so
-- that erasing a client later changes no report already given; aggregates only, no client data. One
-- report per period of an agreement, never re-issued (the unique key); the funder's link is stored as
-- the SHA-256 of its token only.
CREATE TABLE dis_funder_report (
    id                UUID                     PRIMARY KEY,
    org_id            UUID                     NOT NULL,
    programme_id      UUID                     NOT NULL,
    agreement_id      UUID                     NOT NULL,
    agreement_version INT                      NOT NULL,
    funder_id         UUID                     NOT NULL,
    period_start      DATE                     NOT NULL,
    period_end        DATE                     NOT NULL,
    threshold         INT                      NOT NULL,
    language          VARCHAR(5)               NOT NULL,
    content           VARCHAR(200000)          NOT NULL,
    released_by       UUID                     NOT NULL,
    released_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    token_hash        BYTEA                    NOT NULL,
    link_expires_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT dis_funder_report_period UNIQUE (agreement_id, period_start),
    CONSTRAINT dis_funder_report_token UNIQUE (token_hash)
);
CREATE INDEX dis_funder_report_programme ON dis_funder_report (org_id, programme_id, period_start);

-- One row per programme, locked while a report is released, so two releases cannot both pass the
-- overlap check.
CREATE TABLE dis_funder_report_lock (
    programme_id UUID PRIMARY KEY
);
