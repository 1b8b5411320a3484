-- ShedLock's table: the escalation job runs on one node at a time (the steps are claimed
-- one by one as well, see saf_alert).
CREATE TABLE saf_shedlock (
    name       VARCHAR(64) PRIMARY KEY,
    lock_until TIMESTAMP WITH TIME ZONE NOT NULL,
    locked_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    locked_by  VARCHAR(255) NOT NULL
);
