-- The case list pages in pseudonym order within a stage (keyset, no OFFSET): this index serves the
-- stage filter's page directly. It replaces cas_client_stage (org_id, stage), its prefix.
DROP INDEX cas_client_stage;
CREATE INDEX cas_client_stage_pseudonym ON cas_client (org_id, stage, pseudonym);
