-- ShedLock's one table for every scheduled job of every module (platform.JobLocks):
-- one node at a time runs a job; the lock names say whose job it is (saf_escalation,
-- ref_matcher, key_rotation). Replaces the three tables each module kept for itself.
CREATE TABLE plf_shedlock (
    name       VARCHAR(64)              PRIMARY KEY,
    lock_until TIMESTAMP WITH TIME ZONE NOT NULL,
    locked_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    locked_by  VARCHAR(255)             NOT NULL
);
