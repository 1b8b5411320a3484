-- The data protection officer's verification runs in the background; its progress and its result for
-- the organisation are kept here, so that any node behind the load balancer can show them. Findings are
-- those the organisation may see (its own chain's, or that something elsewhere does not fit).
CREATE TABLE aud_verification (
    id           UUID                     PRIMARY KEY,
    org_id       UUID                     NOT NULL,
    requested_by UUID                     NOT NULL,
    requested_at TIMESTAMP WITH TIME ZONE NOT NULL,
    heartbeat_at TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at  TIMESTAMP WITH TIME ZONE,
    expected     BIGINT                   NOT NULL,
    checked      BIGINT                   NOT NULL,
    own_checked  BIGINT,
    outcome      VARCHAR(16),
    findings     VARCHAR(20000)
);
CREATE INDEX aud_verification_org ON aud_verification (org_id, requested_at);
