-- Erasure in constant time (issue 19): the request shreds the client's key and deletes the client's
-- row with the few rows that hang on it; the rows that grow with the work (sessions with their themes,
-- staff, context-person links and versions, the month counts, the context persons) are deleted
-- afterwards in batches by the purge job. This is its queue: one entry per erased client, written in
-- the erasure's transaction, removed in the transaction that finds nothing of the client left. A
-- restart finds the entries still here and goes on (V1_58_1 detaches those tables from cas_client).
CREATE TABLE cas_erasure_purge (
    client_id       UUID                     PRIMARY KEY,
    org_id          UUID                     NOT NULL,
    enqueued_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    attempts        INT                      DEFAULT 0 NOT NULL,
    last_attempt_at TIMESTAMP WITH TIME ZONE
);
CREATE INDEX cas_erasure_purge_enqueued ON cas_erasure_purge (enqueued_at);
