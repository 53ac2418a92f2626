-- A contact's visits and what its widget last reported (README "Contact profile"): the
-- page, referrer, language and time zone the widget sends in `hello`, the browser and OS
-- read from the connection's User-Agent. A visit is a connection after 30 minutes of
-- absence. Erasure deletes the contact row, and these with it.
ALTER TABLE contacts
    ADD COLUMN visits integer NOT NULL DEFAULT 0 CHECK (visits >= 0),
    ADD COLUMN last_seen_at timestamptz,
    ADD COLUMN seen jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(seen) = 'object');
