-- A context person's entry is changed by either member of the tandem: the form sends the version it showed,
-- and a change based on an older one is refused as "changed meanwhile" instead of silently undoing the
-- other's change.
ALTER TABLE cas_context_person ADD COLUMN version INT DEFAULT 0 NOT NULL;
