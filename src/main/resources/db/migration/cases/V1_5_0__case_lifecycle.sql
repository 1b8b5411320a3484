-- The language the client reads their documents in (consent text, work agreement PDF).
ALTER TABLE cas_client ADD COLUMN language VARCHAR(8) DEFAULT 'en' NOT NULL;
