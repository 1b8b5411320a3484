-- Each chain numbers its own entries.
ALTER TABLE aud_entry DROP PRIMARY KEY;
ALTER TABLE aud_entry ADD CONSTRAINT aud_entry_pk PRIMARY KEY (chain, seq);

-- The earlier chain's end is sealed: its head no longer moves. Checkpoints are append-only; a
-- chain's head only moves one entry forward.
CREATE TRIGGER aud_head_append_only
    BEFORE UPDATE, DELETE ON aud_head
    FOR EACH ROW CALL 'org.exitwork.audit.internal.AppendOnlyTrigger';
CREATE TRIGGER aud_checkpoint_append_only
    BEFORE UPDATE, DELETE ON aud_checkpoint
    FOR EACH ROW CALL 'org.exitwork.audit.internal.AppendOnlyTrigger';
CREATE TRIGGER aud_chain_forward_only
    BEFORE UPDATE, DELETE ON aud_chain
    FOR EACH ROW CALL 'org.exitwork.audit.internal.ForwardOnlyTrigger';
