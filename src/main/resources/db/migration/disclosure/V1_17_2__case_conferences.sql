-- Case conferences (R10): a stated purpose, participants only from partners the client consented to,
-- minutes under the pseudonym. Purpose, the names of the people attending and the minutes are
-- ciphertext under the client's key, bound to table|row|field. Deleted on ClientErased.
CREATE TABLE dis_conference (
    id               UUID                     PRIMARY KEY,
    org_id           UUID                     NOT NULL,
    client_id        UUID                     NOT NULL,
    held_on          DATE                     NOT NULL,
    purpose          BYTEA                    NOT NULL,
    client_invited   BOOLEAN                  NOT NULL,
    client_took_part BOOLEAN,
    planned_by       UUID                     NOT NULL,
    planned_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    minutes          BYTEA,
    minutes_by       UUID,
    minutes_at       TIMESTAMP WITH TIME ZONE,
    sent_by          UUID,
    sent_at          TIMESTAMP WITH TIME ZONE
);
CREATE INDEX dis_conference_client ON dis_conference (client_id, held_on);

-- One row per participating partner; the consent it rested on when planned. `outcome` after sending:
-- SENT or REFUSED (the consent was no longer valid).
CREATE TABLE dis_conference_partner (
    id            UUID         PRIMARY KEY,
    conference_id UUID         NOT NULL,
    client_id     UUID         NOT NULL,
    partner_id    UUID         NOT NULL,
    consent_id    UUID         NOT NULL,
    position      INT          NOT NULL,
    attendees     BYTEA,
    outcome       VARCHAR(20),
    disclosure_id UUID
);
CREATE INDEX dis_conference_partner_conf ON dis_conference_partner (conference_id);
CREATE INDEX dis_conference_partner_client ON dis_conference_partner (client_id);
