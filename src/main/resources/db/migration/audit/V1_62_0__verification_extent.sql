-- Whether a verification read every entry (a full run) or started from the last signed checkpoint, and
-- from which. Jobs before this migration were all full runs.
ALTER TABLE aud_verification ADD COLUMN full_run BOOLEAN DEFAULT TRUE NOT NULL;
ALTER TABLE aud_verification ADD COLUMN from_checkpoint BIGINT;
