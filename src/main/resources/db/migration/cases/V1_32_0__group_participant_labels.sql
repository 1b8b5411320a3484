-- A group's leaders may give a participant a private label of their own ("tall one, blue jacket") so
-- that they can tell participants apart (R13). Only the leaders read it; it is encrypted with the
-- group's own key, so erasing the group shreds it with the rest. Erasing a client linked to the
-- participant clears it (the group keeps the pseudonym and the attendance, nothing that points to a
-- person).
ALTER TABLE cas_group_participant ADD COLUMN label BYTEA;
