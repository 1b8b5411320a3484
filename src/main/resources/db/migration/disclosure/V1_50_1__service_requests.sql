-- Service requests to social services (R11) under the client's consent (R9). What went out is in
-- dis_disclosure (content encrypted there); a request row keeps what the pages, the partner's link,
-- the reminders and the network's figures need: partner, consent, need and kinds (codes), the status
-- (HL7 FHIR Task status), when an answer is due, the link (only the SHA-256 of its token), when the
-- tandem and then the managers were reminded, and an optional follow-up date for the aftercare plan.
-- No foreign key into other modules: deleted by a listener on ClientErased.
CREATE TABLE dis_service_request (
    id                  UUID                     PRIMARY KEY,
    org_id              UUID                     NOT NULL,
    client_id           UUID                     NOT NULL,
    disclosure_id       UUID                     NOT NULL,
    partner_id          UUID                     NOT NULL,
    consent_id          UUID                     NOT NULL,
    need                VARCHAR(20)              NOT NULL,
    kinds               VARCHAR(400)             NOT NULL,
    language            VARCHAR(5)               NOT NULL,
    requested_by        UUID                     NOT NULL,
    requested_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    response_days       INT                      NOT NULL,
    answer_due_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    status              VARCHAR(20)              NOT NULL,
    status_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    row_version         INT                      NOT NULL,
    first_answer_at     TIMESTAMP WITH TIME ZONE,
    token_hash          BYTEA                    NOT NULL,
    link_expires_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    link_ended_at       TIMESTAMP WITH TIME ZONE,
    tandem_reminded_at  TIMESTAMP WITH TIME ZONE,
    manager_reminded_at TIMESTAMP WITH TIME ZONE,
    follow_up_on        DATE,
    CONSTRAINT dis_service_request_token UNIQUE (token_hash)
);
CREATE INDEX dis_service_request_client ON dis_service_request (client_id, requested_at);
CREATE INDEX dis_service_request_due ON dis_service_request (status, answer_due_at);
CREATE INDEX dis_service_request_org ON dis_service_request (org_id, partner_id);

-- Every status a request went through, in order (seq: the request's row_version it made): who (a staff member, or the partner's staff member by the
-- name they gave, sealed with the client's key) and when; a rejection's reason sealed likewise.
CREATE TABLE dis_service_request_event (
    id          UUID                     PRIMARY KEY,
    request_id  UUID                     NOT NULL REFERENCES dis_service_request (id) ON DELETE CASCADE,
    seq         INT                      NOT NULL,
    client_id   UUID                     NOT NULL,
    status      VARCHAR(20)              NOT NULL,
    by_partner  BOOLEAN                  NOT NULL,
    staff_id    UUID,
    answered_by BYTEA,
    reason      BYTEA,
    at          TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE UNIQUE INDEX dis_service_request_event_seq ON dis_service_request_event (request_id, seq);
