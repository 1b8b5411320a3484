-- The partner registry (R11): mandate, agreement and contact persons of each partner.
-- The mandate, the agreement's reference and everything about a contact person are encrypted with
-- the system key, bound to table, row and field; plain columns only for what queries need.
ALTER TABLE net_partner ADD COLUMN mandate BYTEA;
ALTER TABLE net_partner ADD COLUMN agreement VARCHAR(16) DEFAULT 'INFORMAL' NOT NULL;
ALTER TABLE net_partner ADD COLUMN agreement_from DATE;
ALTER TABLE net_partner ADD COLUMN agreement_until DATE;
ALTER TABLE net_partner ADD COLUMN agreement_reference BYTEA;
ALTER TABLE net_partner ADD COLUMN updated_at TIMESTAMP WITH TIME ZONE;

-- Contact persons: people, so nothing about them is stored in plain text.
CREATE TABLE net_partner_contact (
    id         UUID                     PRIMARY KEY,
    partner_id UUID                     NOT NULL REFERENCES net_partner (id),
    org_id     UUID                     NOT NULL,
    position   INT                      NOT NULL,
    name       BYTEA                    NOT NULL,
    role       BYTEA,
    phone      BYTEA,
    email      BYTEA,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX net_partner_contact_partner ON net_partner_contact (partner_id);
