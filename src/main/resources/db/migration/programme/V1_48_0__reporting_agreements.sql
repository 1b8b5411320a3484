-- Reporting agreements with funders (R17): what a funder receives is agreed up front. No client data:
-- the funder is a partner of the registry by id (no foreign key into another module), the measures and
-- breakdowns are codes of a fixed catalogue. A change makes a new version; versions are never changed.
CREATE TABLE prg_reporting_agreement (
    id           UUID                     PRIMARY KEY,
    org_id       UUID                     NOT NULL,
    programme_id UUID                     NOT NULL REFERENCES prg_programme (id),
    funder_id    UUID                     NOT NULL,
    version      INT                      NOT NULL,
    created_by   UUID                     NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX prg_reporting_agreement_programme ON prg_reporting_agreement (org_id, programme_id);

CREATE TABLE prg_agreement_version (
    agreement_id       UUID                     NOT NULL REFERENCES prg_reporting_agreement (id),
    version            INT                      NOT NULL,
    measures           VARCHAR(400)             NOT NULL,
    breakdowns         VARCHAR(200)             NOT NULL,
    period_months      INT                      NOT NULL CHECK (period_months IN (3, 6, 12)),
    first_period_start DATE                     NOT NULL,
    language           VARCHAR(5)               NOT NULL,
    agreed_on          DATE                     NOT NULL,
    reference          VARCHAR(200)             NOT NULL,
    saved_by           UUID                     NOT NULL,
    saved_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (agreement_id, version)
);

-- The organisation's disclosure-control threshold (default 10 where no row exists; never below 5).
CREATE TABLE prg_report_threshold (
    org_id     UUID                     PRIMARY KEY,
    threshold  INT                      NOT NULL CHECK (threshold >= 5 AND threshold <= 100),
    changed_by UUID                     NOT NULL,
    changed_at TIMESTAMP WITH TIME ZONE NOT NULL
);
