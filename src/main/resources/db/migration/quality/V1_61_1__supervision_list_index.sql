-- The sessions of supervision and intervision page newest first by keyset on (held_on, recorded_at, id),
-- no OFFSET: qua_supervision_list serves that order. It replaces qua_supervision_org (org_id, held_on), its prefix.
DROP INDEX qua_supervision_org;
CREATE INDEX qua_supervision_list ON qua_supervision (org_id, held_on, recorded_at, id);
