-- Append-only, hash-chained audit log. Each entry's hash covers its own fields and the previous
-- entry's hash; aud_head remembers the newest entry so that cutting off the tail is detected too.
CREATE TABLE aud_entry (
    seq         BIGINT                   PRIMARY KEY,
    occurred_at TIMESTAMP WITH TIME ZONE NOT NULL,
    org_id      UUID,
    actor_id    UUID,
    actor_name  VARCHAR(200),
    action      VARCHAR(64)              NOT NULL,
    subject     VARCHAR(200),
    detail      VARCHAR(1000),
    prev_hash   CHAR(64)                 NOT NULL,
    hash        CHAR(64)                 NOT NULL
);
CREATE INDEX aud_entry_org_subject ON aud_entry (org_id, subject);

CREATE TABLE aud_head (
    id        INT      PRIMARY KEY CHECK (id = 1),
    last_seq  BIGINT   NOT NULL,
    last_hash CHAR(64) NOT NULL
);
INSERT INTO aud_head (id, last_seq, last_hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
