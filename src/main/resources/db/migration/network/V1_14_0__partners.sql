-- The organisation's partners (R11). Plain columns: a partner is an institution, not a person.
-- Contact persons, mandates and agreements are added by the partner registry.
CREATE TABLE net_partner (
    id         UUID                     PRIMARY KEY,
    org_id     UUID                     NOT NULL,
    name       VARCHAR(200)             NOT NULL,
    kind       VARCHAR(32)              NOT NULL,
    active     BOOLEAN                  NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT net_partner_name_uq UNIQUE (org_id, name)
);
CREATE INDEX net_partner_org ON net_partner (org_id);
