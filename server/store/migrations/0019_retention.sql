-- Retention (issue 18): a tenant's `retention_days` setting (one more key of
-- tenants.settings, no schema) has the worker's sweep remove the content of conversations
-- resolved or closed longer ago (server/store/retention.py).
--
-- The conversation stays, as an anonymous shell: its status, times, counts and seq
-- numbering (PROTOCOL.md: seq is gapless for staff, so its messages and events stay too,
-- their bodies blanked). purged_at (the application's clock) says when the sweep last
-- emptied it: a shell is not swept again unless it was resolved again after that (a
-- customer's message reopened it and added content), which keeps the sweep idempotent.

ALTER TABLE conversations ADD COLUMN purged_at timestamptz;

-- What each sweep reads: a tenant's resolved and closed conversations by resolution time.
CREATE INDEX conversations_retention_idx ON conversations (tenant_id, resolved_at, purged_at)
    WHERE status IN ('resolved', 'closed');

-- The sweep deletes a swept conversation's attachments (their bytes are in the row), its
-- mail threading references and the public comments of its ticket (each also one of its
-- messages); until now the application only ever added such rows. Row-level security
-- still limits it to the rows of the tenant in context (or the operator's, the worker).
GRANT DELETE ON attachments, mail_refs, ticket_comments TO flowsupport_app;
