-- The group list pages newest first by keyset on (created_at, id), no OFFSET (the names are sealed with
-- each group's key, so they cannot be sorted in the database): cas_group_created serves the whole list,
-- cas_group_setting_created the list narrowed to one setting. They replace cas_group_org (org_id), their prefix.
DROP INDEX cas_group_org;
CREATE INDEX cas_group_created ON cas_group (org_id, created_at, id);
CREATE INDEX cas_group_setting_created ON cas_group (org_id, setting, created_at, id);
