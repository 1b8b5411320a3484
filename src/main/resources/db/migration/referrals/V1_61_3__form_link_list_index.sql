-- The one-time links page newest first by keyset on (created_at, id), no OFFSET: ref_form_link_list
-- serves that order. It replaces ref_form_link_org (org_id, created_at), its prefix.
DROP INDEX ref_form_link_org;
CREATE INDEX ref_form_link_list ON ref_form_link (org_id, created_at, id);
