-- The audit log is append-only in the database itself, not only in the application.
CREATE FUNCTION aud_entry_refuse_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit entries are append-only: % refused', TG_OP;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER aud_entry_append_only
    BEFORE UPDATE OR DELETE ON aud_entry
    FOR EACH ROW EXECUTE FUNCTION aud_entry_refuse_change();

CREATE TRIGGER aud_entry_no_truncate
    BEFORE TRUNCATE ON aud_entry
    FOR EACH STATEMENT EXECUTE FUNCTION aud_entry_refuse_change();
