-- One keyed chain per organisation and one for the installation (organisation-less entries),
-- each with its own sequence. In a keyed chain prev_hash and hash hold HMAC-SHA256 tags (hex)
-- computed with the audit key, which lives outside the database (audit-keys.json), so the chain
-- cannot be recomputed from the database alone. Rows of the earlier installation-wide SHA-256 chain
-- stay as they are, as chain 'legacy', with aud_head as their end; the installation chain's first
-- entry seals that end.
ALTER TABLE aud_entry ADD COLUMN chain VARCHAR(40) DEFAULT 'legacy' NOT NULL;
ALTER TABLE aud_entry ALTER COLUMN chain DROP DEFAULT;

-- The head of each keyed chain; an append locks only its own chain's row.
CREATE TABLE aud_chain (
    chain    VARCHAR(40) PRIMARY KEY,
    org_id   UUID,
    last_seq BIGINT      NOT NULL,
    last_mac CHAR(64)    NOT NULL
);
INSERT INTO aud_chain (chain, org_id, last_seq, last_mac)
VALUES ('installation', NULL, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- Every signed checkpoint written to the checkpoint file: cutting lines off the file's end is seen
-- unless this table is cut back as well.
CREATE TABLE aud_checkpoint (
    checkpoint_no BIGINT                   PRIMARY KEY,
    written_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    line_hash     CHAR(64)                 NOT NULL
);
