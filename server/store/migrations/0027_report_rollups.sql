-- What the reports read, kept as it happens (README "Reports"), so a report ranges over a
-- period's conversations, tickets and per-quarter-hour counts instead of its million
-- messages and a business-hours calculation per ticket.
--
-- Conversations: the first visitor message, the first public AI and agent replies, the first
-- `resolved` event and the first `reopened` event after it (the AI report's outcomes). Only
-- ever earlier: least() of what is stored and what arrives, so a late import cannot move them.
--
-- report_message_counts: the public messages (not system notices, not private notes) per
-- tenant, quarter hour (UTC-aligned: every time zone's offset is a multiple of 15 minutes,
-- so a quarter never straddles a local midnight), channel and shard.
-- report_citation_counts: the AI's citations per tenant, quarter hour, article and shard,
-- with the title last cited. The shard (the low three bits of the conversation id) spreads
-- concurrent writers of one tenant over eight rows, so busy tenants do not queue on one
-- counter. A report reads whole quarters here and the partial ones at its edges from the
-- messages themselves (report_message_counts_in, report_citations_in below): exact for any
-- period.
--
-- One statement trigger on messages keeps all three, set-based, for every way a message is
-- written (append_message, imports, a bulk load); ENABLE ALWAYS keeps it firing when a bulk
-- load runs with session_replication_role = replica to skip the foreign-key checks. It is
-- SECURITY DEFINER (as the schema owner, the counters' only writer) because a visitor's
-- message counts too and the counters are no customer's to read; it writes only rows
-- derived from the messages the statement inserted, which passed row-level security
-- themselves, in the same security context. Erasure and the retention sweep leave the counts (they name
-- nobody), so a past period's figures stay as they were.
--
-- Tickets: the first-response and resolution minutes, in the tenant's business hours when it
-- has them (business_minutes, migration 0025) and wall-clock otherwise, computed when
-- first_responded_at or solved_at is written, with the hours in force then (as Zendesk
-- does); reopening clears solved_at and with it the resolution minutes.

ALTER TABLE conversations
    ADD COLUMN first_customer_at timestamptz,
    ADD COLUMN first_ai_reply_at timestamptz,
    ADD COLUMN first_agent_reply_at timestamptz,
    ADD COLUMN first_resolved_at timestamptz,
    ADD COLUMN reopened_after_resolved_at timestamptz;

CREATE TABLE report_message_counts (
    tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    bucket    timestamptz NOT NULL,
    channel   text NOT NULL,
    shard     smallint NOT NULL,
    messages  integer NOT NULL,
    PRIMARY KEY (tenant_id, bucket, channel, shard)
);
CREATE TABLE report_citation_counts (
    tenant_id     uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    bucket        timestamptz NOT NULL,
    article_id    text NOT NULL,
    shard         smallint NOT NULL,
    citations     integer NOT NULL,
    title         text,
    last_cited_at timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, bucket, article_id, shard)
);
-- Staff read their tenant's counts; only the schema owner (this migration's user, who runs
-- the trigger below) writes them, for the tenant of the security context it writes in.
ALTER TABLE report_message_counts ENABLE ROW LEVEL SECURITY;
ALTER TABLE report_message_counts FORCE ROW LEVEL SECURITY;
ALTER TABLE report_citation_counts ENABLE ROW LEVEL SECURITY;
ALTER TABLE report_citation_counts FORCE ROW LEVEL SECURITY;
CREATE POLICY report_message_counts_staff ON report_message_counts FOR SELECT
    USING ((SELECT app_role()) = 'super_admin'
           OR (tenant_id = (SELECT app_tenant_id()) AND (SELECT app_is_staff())));
CREATE POLICY report_message_counts_writer ON report_message_counts FOR ALL TO CURRENT_USER
    USING (app_in_tenant(tenant_id)) WITH CHECK (app_in_tenant(tenant_id));
CREATE POLICY report_citation_counts_staff ON report_citation_counts FOR SELECT
    USING ((SELECT app_role()) = 'super_admin'
           OR (tenant_id = (SELECT app_tenant_id()) AND (SELECT app_is_staff())));
CREATE POLICY report_citation_counts_writer ON report_citation_counts FOR ALL TO CURRENT_USER
    USING (app_in_tenant(tenant_id)) WITH CHECK (app_in_tenant(tenant_id));
GRANT SELECT ON report_message_counts, report_citation_counts TO flowsupport_app;

-- The quarter hour `at` falls in.
CREATE FUNCTION report_bucket(at timestamptz) RETURNS timestamptz
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT date_bin('15 minutes', at, timestamptz '2000-01-01 00:00:00+00') $$;

-- One statement (data-modifying CTEs over one read of the inserted rows): a message append
-- pays for one more statement, not four.
CREATE FUNCTION report_rollups_from_messages() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
    WITH m AS (
        SELECT n.tenant_id, n.conversation_id, n.sender_kind, n.private, n.event, n.citations,
               n.created_at, k.channel, k.first_resolved_at,
               get_byte(uuid_send(n.conversation_id), 15) & 7 AS shard
          FROM new_messages n JOIN conversations k ON k.id = n.conversation_id
    ), firsts AS (
        SELECT conversation_id,
               min(created_at) FILTER (WHERE sender_kind = 'visitor') AS customer,
               min(created_at) FILTER (WHERE sender_kind = 'ai' AND NOT private) AS ai,
               min(created_at) FILTER (WHERE sender_kind = 'agent' AND NOT private) AS agent,
               least(min(first_resolved_at), min(created_at) FILTER (WHERE event = 'resolved'))
                   AS resolved,
               array_agg(created_at) FILTER (WHERE event = 'reopened') AS reopens
          FROM m
         WHERE sender_kind IN ('visitor', 'ai', 'agent') OR event IN ('resolved', 'reopened')
         GROUP BY conversation_id
    ), outcomes AS (
        UPDATE conversations c
           SET first_customer_at = least(c.first_customer_at, f.customer),
               first_ai_reply_at = least(c.first_ai_reply_at, f.ai),
               first_agent_reply_at = least(c.first_agent_reply_at, f.agent),
               first_resolved_at = f.resolved,
               reopened_after_resolved_at = least(c.reopened_after_resolved_at, f.reopened)
          FROM (SELECT firsts.*, (SELECT min(r) FROM unnest(reopens) AS r WHERE r > resolved)
                           AS reopened
                  FROM firsts) AS f
         WHERE c.id = f.conversation_id
           AND (c.first_customer_at IS DISTINCT FROM least(c.first_customer_at, f.customer)
                OR c.first_ai_reply_at IS DISTINCT FROM least(c.first_ai_reply_at, f.ai)
                OR c.first_agent_reply_at IS DISTINCT FROM least(c.first_agent_reply_at, f.agent)
                OR c.first_resolved_at IS DISTINCT FROM f.resolved
                OR c.reopened_after_resolved_at IS DISTINCT FROM
                   least(c.reopened_after_resolved_at, f.reopened))
        RETURNING 1
    ), counted AS (
        INSERT INTO report_message_counts AS r (tenant_id, bucket, channel, shard, messages)
        SELECT tenant_id, report_bucket(created_at), channel, shard, count(*)
          FROM m
         WHERE sender_kind <> 'system' AND NOT private
         GROUP BY 1, 2, 3, 4
         ORDER BY 1, 2, 3, 4
            ON CONFLICT (tenant_id, bucket, channel, shard)
            DO UPDATE SET messages = r.messages + excluded.messages
        RETURNING 1
    )
    INSERT INTO report_citation_counts AS r
           (tenant_id, bucket, article_id, shard, citations, title, last_cited_at)
    SELECT m.tenant_id, report_bucket(m.created_at), cit->>'article_id', m.shard, count(*),
           (array_agg(cit->>'title' ORDER BY m.created_at DESC))[1], max(m.created_at)
      FROM m, jsonb_array_elements(CASE WHEN jsonb_typeof(m.citations) = 'array'
                                        THEN m.citations ELSE '[]' END) AS cit
     WHERE m.sender_kind = 'ai' AND cit->>'article_id' IS NOT NULL
     GROUP BY 1, 2, 3, 4
     ORDER BY 1, 2, 3, 4
        ON CONFLICT (tenant_id, bucket, article_id, shard)
        DO UPDATE SET citations = r.citations + excluded.citations,
                      title = CASE WHEN excluded.last_cited_at >= r.last_cited_at
                                   THEN excluded.title ELSE r.title END,
                      last_cited_at = greatest(r.last_cited_at, excluded.last_cited_at);
    RETURN NULL;
END
$$;
REVOKE ALL ON FUNCTION report_rollups_from_messages() FROM PUBLIC;

CREATE TRIGGER messages_report_rollups AFTER INSERT ON messages
    REFERENCING NEW TABLE AS new_messages
    FOR EACH STATEMENT EXECUTE FUNCTION report_rollups_from_messages();
ALTER TABLE messages ENABLE ALWAYS TRIGGER messages_report_rollups;

-- The rows already there.
UPDATE conversations c
   SET first_customer_at = n.customer, first_ai_reply_at = n.ai,
       first_agent_reply_at = n.agent, first_resolved_at = n.resolved
  FROM (SELECT conversation_id,
               min(created_at) FILTER (WHERE sender_kind = 'visitor') AS customer,
               min(created_at) FILTER (WHERE sender_kind = 'ai' AND NOT private) AS ai,
               min(created_at) FILTER (WHERE sender_kind = 'agent' AND NOT private) AS agent,
               min(created_at) FILTER (WHERE event = 'resolved') AS resolved
          FROM messages
         GROUP BY conversation_id) n
 WHERE c.id = n.conversation_id;
UPDATE conversations c
   SET reopened_after_resolved_at = n.reopened
  FROM (SELECT m.conversation_id, min(m.created_at) AS reopened
          FROM messages m JOIN conversations k ON k.id = m.conversation_id
         WHERE m.event = 'reopened' AND m.created_at > k.first_resolved_at
         GROUP BY m.conversation_id) n
 WHERE c.id = n.conversation_id;

INSERT INTO report_message_counts (tenant_id, bucket, channel, shard, messages)
SELECT m.tenant_id, report_bucket(m.created_at), k.channel,
       get_byte(uuid_send(m.conversation_id), 15) & 7, count(*)
  FROM messages m JOIN conversations k ON k.id = m.conversation_id
 WHERE m.sender_kind <> 'system' AND NOT m.private
 GROUP BY 1, 2, 3, 4;
INSERT INTO report_citation_counts
       (tenant_id, bucket, article_id, shard, citations, title, last_cited_at)
SELECT m.tenant_id, report_bucket(m.created_at), cit->>'article_id',
       get_byte(uuid_send(m.conversation_id), 15) & 7, count(*),
       (array_agg(cit->>'title' ORDER BY m.created_at DESC))[1], max(m.created_at)
  FROM messages m, jsonb_array_elements(CASE WHEN jsonb_typeof(m.citations) = 'array'
                                             THEN m.citations ELSE '[]' END) AS cit
 WHERE m.sender_kind = 'ai' AND jsonb_typeof(m.citations) = 'array'
   AND cit->>'article_id' IS NOT NULL
 GROUP BY 1, 2, 3, 4;

-- The whole quarters of a period [p_since, p_until): from report_quarters_from to
-- report_quarters_until (both the period's end when it holds no whole quarter). Expressions
-- of the period alone, so a generic prepared plan still bounds its index scans with them.
CREATE FUNCTION report_quarters_from(p_since timestamptz, p_until timestamptz)
RETURNS timestamptz LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN q < report_bucket(p_until) THEN q ELSE p_until END
      FROM (SELECT CASE WHEN report_bucket(p_since) = p_since THEN p_since
                        ELSE report_bucket(p_since) + interval '15 minutes' END AS q) AS c
$$;
CREATE FUNCTION report_quarters_until(p_since timestamptz, p_until timestamptz)
RETURNS timestamptz LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN report_quarters_from(p_since, p_until) < p_until
                THEN report_bucket(p_until) ELSE p_until END
$$;

-- A period [p_since, p_until) of a tenant, read in the caller's security context: the whole
-- quarters from the counts, the partial ones at either edge (or the whole period when it
-- holds no whole quarter) from the messages. `at` is the quarter's start or the message's
-- time.
CREATE FUNCTION report_message_counts_in(p_tenant uuid, p_since timestamptz,
                                         p_until timestamptz)
RETURNS TABLE (at timestamptz, channel text, messages bigint) LANGUAGE sql STABLE AS $$
    SELECT r.bucket, r.channel, r.messages::bigint
      FROM report_message_counts r
     WHERE r.tenant_id = p_tenant AND r.bucket >= report_quarters_from(p_since, p_until)
       AND r.bucket < report_quarters_until(p_since, p_until)
    UNION ALL
    SELECT m.created_at, k.channel, 1::bigint
      FROM messages m JOIN conversations k ON k.id = m.conversation_id
     WHERE m.tenant_id = p_tenant AND m.sender_kind <> 'system' AND NOT m.private
       AND m.created_at >= p_since AND m.created_at < report_quarters_from(p_since, p_until)
    UNION ALL
    SELECT m.created_at, k.channel, 1::bigint
      FROM messages m JOIN conversations k ON k.id = m.conversation_id
     WHERE m.tenant_id = p_tenant AND m.sender_kind <> 'system' AND NOT m.private
       AND m.created_at >= report_quarters_until(p_since, p_until) AND m.created_at < p_until
$$;

-- The same for the AI's citations: (article, title, when, citations).
CREATE FUNCTION report_citations_in(p_tenant uuid, p_since timestamptz, p_until timestamptz)
RETURNS TABLE (article_id text, title text, cited_at timestamptz, citations bigint)
    LANGUAGE sql STABLE AS $$
    SELECT r.article_id, r.title, r.last_cited_at, r.citations::bigint
      FROM report_citation_counts r
     WHERE r.tenant_id = p_tenant AND r.bucket >= report_quarters_from(p_since, p_until)
       AND r.bucket < report_quarters_until(p_since, p_until)
    UNION ALL
    SELECT cit->>'article_id', cit->>'title', m.created_at, 1::bigint
      FROM messages m, jsonb_array_elements(CASE WHEN jsonb_typeof(m.citations) = 'array'
                                             THEN m.citations ELSE '[]' END) AS cit
     WHERE m.tenant_id = p_tenant AND m.sender_kind = 'ai' AND m.citations IS NOT NULL
       AND cit->>'article_id' IS NOT NULL
       AND ((m.created_at >= p_since AND m.created_at < report_quarters_from(p_since, p_until))
            OR (m.created_at >= report_quarters_until(p_since, p_until)
                AND m.created_at < p_until))
       AND m.created_at >= p_since AND m.created_at < p_until
$$;

-- Minutes from start_at to end_at for the tenant: business minutes in its business hours
-- (the settings' business_hours, validated by server/domain/tenant_settings.py), wall-clock
-- minutes when it has none. In the caller's security context: a tenant's own roles read
-- their tenant row (tenants_read).
CREATE FUNCTION tenant_minutes(p_tenant uuid, start_at timestamptz, end_at timestamptz)
RETURNS double precision LANGUAGE sql STABLE AS $$
    SELECT CASE WHEN jsonb_typeof(h) IS DISTINCT FROM 'object'
                THEN extract(epoch FROM end_at - start_at) / 60
                ELSE business_minutes(
                    start_at, end_at, h->>'timezone',
                    ARRAY(SELECT jsonb_array_elements_text(h->'days')::integer),
                    (h->>'start')::time, (h->>'end')::time) END
      FROM (SELECT (SELECT settings->'business_hours' FROM tenants WHERE id = p_tenant) AS h) s
$$;
REVOKE ALL ON FUNCTION tenant_minutes(uuid, timestamptz, timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION tenant_minutes(uuid, timestamptz, timestamptz) TO flowsupport_app;

ALTER TABLE tickets
    ADD COLUMN first_response_minutes double precision,
    ADD COLUMN resolution_minutes double precision;

CREATE FUNCTION ticket_minutes() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' OR NEW.first_responded_at IS DISTINCT FROM OLD.first_responded_at THEN
        NEW.first_response_minutes := CASE WHEN NEW.first_responded_at IS NOT NULL
            THEN tenant_minutes(NEW.tenant_id, NEW.created_at, NEW.first_responded_at) END;
    END IF;
    IF TG_OP = 'INSERT' OR NEW.solved_at IS DISTINCT FROM OLD.solved_at THEN
        NEW.resolution_minutes := CASE WHEN NEW.solved_at IS NOT NULL
            THEN tenant_minutes(NEW.tenant_id, NEW.created_at, NEW.solved_at) END;
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER tickets_minutes BEFORE INSERT OR UPDATE OF first_responded_at, solved_at
    ON tickets FOR EACH ROW EXECUTE FUNCTION ticket_minutes();
ALTER TABLE tickets ENABLE ALWAYS TRIGGER tickets_minutes;

UPDATE tickets
   SET first_response_minutes = CASE WHEN first_responded_at IS NOT NULL
           THEN tenant_minutes(tenant_id, created_at, first_responded_at) END,
       resolution_minutes = CASE WHEN solved_at IS NOT NULL
           THEN tenant_minutes(tenant_id, created_at, solved_at) END
 WHERE first_responded_at IS NOT NULL OR solved_at IS NOT NULL;

