-- An inbox entry whose matching failed goes behind the others, so a few entries that keep failing
-- cannot fill every batch and hold up the rest of the inbox.
ALTER TABLE ref_inbox ADD COLUMN attempts INT DEFAULT 0 NOT NULL;
