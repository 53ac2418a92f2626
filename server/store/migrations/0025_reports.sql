-- Reports (README "Reports"; server/store/reports.py): the indexes their aggregates range
-- over, and business_minutes in SQL.
--
-- business_minutes(start, end, zone, days, opens, closes) is server/domain/sla.py's
-- business_minutes (the one definition; tests/api/test_reports.py checks both agree),
-- counted where the rows are, since the team report sums it over tens of thousands of
-- tickets: per local day of `zone` whose weekday (0 = Monday) is in `days`, the wall-clock
-- overlap of [start, end) with opens..closes, in minutes; 0 when end is not later.

CREATE FUNCTION business_minutes(start_at timestamptz, end_at timestamptz, zone text,
                                 days integer[], opens time, closes time)
RETURNS double precision LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN end_at <= start_at THEN 0::double precision ELSE coalesce((
        SELECT sum(greatest(0, extract(epoch FROM
                   least(end_at AT TIME ZONE zone, d + closes)
                   - greatest(start_at AT TIME ZONE zone, d + opens))))
          FROM generate_series(date_trunc('day', start_at AT TIME ZONE zone),
                               date_trunc('day', end_at AT TIME ZONE zone),
                               interval '1 day') AS d
         WHERE extract(isodow FROM d)::integer - 1 = ANY (days)
    ), 0)::double precision / 60 END
$$;
REVOKE ALL ON FUNCTION business_minutes(timestamptz, timestamptz, text, integer[], time, time)
    FROM PUBLIC;
GRANT EXECUTE ON FUNCTION business_minutes(timestamptz, timestamptz, text, integer[], time, time)
    TO flowsupport_app;

-- A period of a tenant: conversations started, messages written, tickets opened, ratings.
-- The first two carry what the counts and the row-level-security policies read, so a
-- period is counted by an index-only scan.
CREATE INDEX conversations_tenant_created_idx ON conversations (tenant_id, created_at)
    INCLUDE (channel, contact_id);
CREATE INDEX messages_tenant_created_idx ON messages (tenant_id, created_at)
    INCLUDE (conversation_id, sender_kind, private, sender_id);
CREATE INDEX tickets_tenant_created_idx ON tickets (tenant_id, created_at);
CREATE INDEX csat_ratings_tenant_created_idx ON csat_ratings (tenant_id, created_at);
-- The case events of a conversation (resolved, reopened): the AI report looks them up.
CREATE INDEX messages_event_idx ON messages (conversation_id, created_at) WHERE event IS NOT NULL;
