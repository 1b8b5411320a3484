-- The partner registry's list pages active partners first, then by name and id, by keyset (no OFFSET):
-- net_partner_list serves that order; the group filter (some kinds) reads along it. It replaces
-- net_partner_org (org_id), its prefix.
DROP INDEX net_partner_org;
CREATE INDEX net_partner_list ON net_partner (org_id, active, name, id);
