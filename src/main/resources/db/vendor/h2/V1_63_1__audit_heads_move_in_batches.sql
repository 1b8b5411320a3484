-- The chain writer links waiting entries in batches (issue 19), so a head may pass several entries
-- in one move: ForwardOnlyTrigger lets it move forward onto an entry of its chain stored with the tag
-- it names. The trigger is made again here so that both databases change the rule at the same version.
DROP TRIGGER aud_chain_forward_only;
CREATE TRIGGER aud_chain_forward_only
    BEFORE UPDATE, DELETE ON aud_chain
    FOR EACH ROW CALL 'org.exitwork.audit.internal.ForwardOnlyTrigger';
