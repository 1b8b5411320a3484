-- Danger in default (R8): an alert to a named contact of a security partner. Everything in words
-- (the danger, to whom, how soon, the contact, the exact message, the notes of approval or review)
-- is ciphertext under the client's key, bound to dis_danger_alert|row|field. `fields` holds the codes
-- of the identity fields chosen to go out. Deleted on ClientErased.
CREATE TABLE dis_danger_alert (
    id                UUID                     PRIMARY KEY,
    org_id            UUID                     NOT NULL,
    client_id         UUID                     NOT NULL,
    partner_id        UUID                     NOT NULL,
    contact_name      BYTEA                    NOT NULL,
    contact_phone     BYTEA,
    contact_email     BYTEA,
    kind              VARCHAR(40)              NOT NULL,
    danger            BYTEA                    NOT NULL,
    at_risk           BYTEA                    NOT NULL,
    how_soon          BYTEA                    NOT NULL,
    fields            VARCHAR(200)             NOT NULL,
    content           BYTEA                    NOT NULL,
    cannot_wait       BOOLEAN                  NOT NULL,
    status            VARCHAR(40)              NOT NULL,
    raised_by         UUID                     NOT NULL,
    raised_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    decided_by        UUID,
    decided_at        TIMESTAMP WITH TIME ZONE,
    decision_note     BYTEA,
    sent_at           TIMESTAMP WITH TIME ZONE,
    mailed            BOOLEAN                  NOT NULL,
    disclosure_id     UUID,
    client_told       BOOLEAN,
    client_told_on    DATE,
    told_recorded_by  UUID,
    told_recorded_at  TIMESTAMP WITH TIME ZONE
);
CREATE INDEX dis_danger_alert_client ON dis_danger_alert (client_id, raised_at);
CREATE INDEX dis_danger_alert_org ON dis_danger_alert (org_id, status);
