-- Optimistic versions of the plans two people edit (the tandem): a form sends the version it showed, and a
-- save based on an older one is refused as "changed meanwhile" instead of silently replacing the other
-- person's plan. A client without a plan is at version 0; the first save makes version 1.
ALTER TABLE saf_emergency_plan ADD COLUMN version INT DEFAULT 1 NOT NULL;
ALTER TABLE saf_shield_plan ADD COLUMN version INT DEFAULT 1 NOT NULL;
