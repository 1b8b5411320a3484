-- The installation's chain head is made at its chain's first entry, as every organisation's is
-- (JdbcAuditLog.createHead): a freshly migrated database then holds no audit row at all, and a restore
-- writes the backup's heads as they are. Before, the seed head at entry 0 had to give way to the
-- backup's, which the forward-only rule rightly refuses. Only a head that never moved goes.
DROP TRIGGER aud_chain_forward_only;
DELETE FROM aud_chain WHERE chain = 'installation' AND last_seq = 0;
CREATE TRIGGER aud_chain_forward_only
    BEFORE UPDATE, DELETE ON aud_chain
    FOR EACH ROW CALL 'org.exitwork.audit.internal.ForwardOnlyTrigger';
