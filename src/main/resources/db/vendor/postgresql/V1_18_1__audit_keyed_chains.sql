-- Each chain numbers its own entries.
ALTER TABLE aud_entry DROP CONSTRAINT aud_entry_pkey;
ALTER TABLE aud_entry ADD CONSTRAINT aud_entry_pk PRIMARY KEY (chain, seq);

-- The earlier chain's end is sealed: its head no longer moves. Checkpoints are append-only; a
-- chain's head only moves one entry forward. TRUNCATE is refused on all three.
CREATE TRIGGER aud_head_append_only
    BEFORE UPDATE OR DELETE ON aud_head
    FOR EACH ROW EXECUTE FUNCTION aud_entry_refuse_change();
CREATE TRIGGER aud_head_no_truncate
    BEFORE TRUNCATE ON aud_head
    FOR EACH STATEMENT EXECUTE FUNCTION aud_entry_refuse_change();

CREATE TRIGGER aud_checkpoint_append_only
    BEFORE UPDATE OR DELETE ON aud_checkpoint
    FOR EACH ROW EXECUTE FUNCTION aud_entry_refuse_change();
CREATE TRIGGER aud_checkpoint_no_truncate
    BEFORE TRUNCATE ON aud_checkpoint
    FOR EACH STATEMENT EXECUTE FUNCTION aud_entry_refuse_change();

CREATE FUNCTION aud_chain_forward_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.chain = OLD.chain AND NEW.org_id IS NOT DISTINCT FROM OLD.org_id
            AND NEW.last_seq = OLD.last_seq + 1 THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'audit chain heads only move one entry forward: % refused', TG_OP;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER aud_chain_forward_only
    BEFORE UPDATE OR DELETE ON aud_chain
    FOR EACH ROW EXECUTE FUNCTION aud_chain_forward_only();
CREATE TRIGGER aud_chain_no_truncate
    BEFORE TRUNCATE ON aud_chain
    FOR EACH STATEMENT EXECUTE FUNCTION aud_entry_refuse_change();
