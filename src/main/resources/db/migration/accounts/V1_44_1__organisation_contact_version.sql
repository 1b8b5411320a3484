-- The organisation's contact is kept by the administrator and every programme manager: a form sends the
-- version it showed, and a save based on an older one is refused as "changed meanwhile" instead of
-- silently undoing the other person's change.
ALTER TABLE acc_organisation ADD COLUMN contact_version INT DEFAULT 0 NOT NULL;
