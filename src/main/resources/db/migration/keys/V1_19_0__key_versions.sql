-- Which master-key version wrapped each data key (Tink key id, unsigned 32 bit). A version is
-- destroyed only when no row still names it; NULL for rows from before this column (they are
-- re-wrapped, and so named, by the next rotation).
ALTER TABLE key_client ADD COLUMN wrapped_by BIGINT;
ALTER TABLE key_system ADD COLUMN wrapped_by BIGINT;

-- ShedLock's table for the keys module: one node at a time rotates the master key.
CREATE TABLE key_shedlock (
    name       VARCHAR(64) PRIMARY KEY,
    lock_until TIMESTAMP WITH TIME ZONE NOT NULL,
    locked_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    locked_by  VARCHAR(255) NOT NULL
);
