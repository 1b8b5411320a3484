-- The organisation as the sender of every document that leaves it (GDPR Art. 13/15 name the controller and
-- its contact): postal address, e-mail, telephone and the data protection contact. The organisation's own
-- business address, never a person's home address.
ALTER TABLE acc_organisation ADD COLUMN postal_address VARCHAR(400);
ALTER TABLE acc_organisation ADD COLUMN email VARCHAR(200);
ALTER TABLE acc_organisation ADD COLUMN telephone VARCHAR(40);
ALTER TABLE acc_organisation ADD COLUMN data_protection_contact VARCHAR(400);
ALTER TABLE acc_organisation ADD COLUMN contact_updated_at TIMESTAMP WITH TIME ZONE;
