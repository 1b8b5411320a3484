-- The audit log is append-only in the database itself, not only in the application.
CREATE TRIGGER aud_entry_append_only
    BEFORE UPDATE, DELETE ON aud_entry
    FOR EACH ROW CALL 'org.exitwork.audit.internal.AppendOnlyTrigger';
