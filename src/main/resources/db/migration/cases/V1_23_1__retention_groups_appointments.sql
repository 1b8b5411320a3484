-- Groups and staff appointments follow the organisation's retention too (R20): a group is erased
-- this many days after its last session (or its creation if it never met), an appointment this many
-- days after its end. NULL (organisations that set their periods before these existed): the
-- installation's defaults.
ALTER TABLE cas_retention ADD COLUMN group_days INT;
ALTER TABLE cas_retention ADD COLUMN appointment_days INT;
