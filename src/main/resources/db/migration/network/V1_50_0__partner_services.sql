-- What a partner offers (R11): the needs it serves and its contact protocol (how to reach it for a
-- request, in which language, within how many days it agreed to answer). How to reach may name a
-- person, so it is ciphertext under the system key, bound to net_partner_protocol|partner|how_to_reach.
CREATE TABLE net_partner_protocol (
    partner_id    UUID                     PRIMARY KEY REFERENCES net_partner (id),
    org_id        UUID                     NOT NULL,
    how_to_reach  BYTEA                    NOT NULL,
    language      VARCHAR(80),
    response_days INT                      NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT net_partner_protocol_days CHECK (response_days BETWEEN 1 AND 90)
);

CREATE TABLE net_partner_service (
    partner_id UUID        NOT NULL REFERENCES net_partner_protocol (partner_id) ON DELETE CASCADE,
    org_id     UUID        NOT NULL,
    need       VARCHAR(20) NOT NULL,
    PRIMARY KEY (partner_id, need)
);
CREATE INDEX net_partner_service_org ON net_partner_service (org_id);
