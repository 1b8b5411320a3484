-- The installation's chain head is made at its chain's first entry, as every organisation's is
-- (JdbcAuditLog.createHead): a freshly migrated database then holds no audit row at all, and a restore
-- writes the backup's heads as they are. Before, the seed head at entry 0 had to give way to the
-- backup's, which the forward-only rule rightly refuses. Only a head that never moved goes; the rule
-- is off for this one statement of this migration's transaction.
ALTER TABLE aud_chain DISABLE TRIGGER aud_chain_forward_only;
DELETE FROM aud_chain WHERE chain = 'installation' AND last_seq = 0;
ALTER TABLE aud_chain ENABLE TRIGGER aud_chain_forward_only;
