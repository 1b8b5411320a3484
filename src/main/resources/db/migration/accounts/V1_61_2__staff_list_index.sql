-- The staff administration's list pages by display name and user name (unique) by keyset, no OFFSET:
-- acc_staff_list serves that order. acc_staff_org (org_id) stays: on H2 it backs the foreign key to
-- the organisation.
CREATE INDEX acc_staff_list ON acc_staff (org_id, display_name, username);
