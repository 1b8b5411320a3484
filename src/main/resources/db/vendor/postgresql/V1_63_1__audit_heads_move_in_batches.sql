-- The chain writer links waiting entries in batches (issue 19), so a head may pass several entries
-- in one move. It still only moves forward, and only onto an entry of its chain stored with the tag
-- it names: never back over a cut-off tail, never past what exists.
CREATE OR REPLACE FUNCTION aud_chain_forward_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.chain = OLD.chain AND NEW.org_id IS NOT DISTINCT FROM OLD.org_id
            AND NEW.last_seq > OLD.last_seq
            AND EXISTS (SELECT 1 FROM aud_entry e
                        WHERE e.chain = NEW.chain AND e.seq = NEW.last_seq AND e.hash = NEW.last_mac) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'audit chain heads only move forward onto a stored entry: % refused', TG_OP;
END;
$$ LANGUAGE plpgsql;
