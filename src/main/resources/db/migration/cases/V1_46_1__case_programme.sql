-- The programme a case belongs to (the programme module's id; cases keeps it so that its figures can be
-- counted per programme in one query). NULL: no programme chosen yet, shown as such.
ALTER TABLE cas_client ADD COLUMN programme_id UUID;
CREATE INDEX cas_client_programme ON cas_client (org_id, programme_id);
