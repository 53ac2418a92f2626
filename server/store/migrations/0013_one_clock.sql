-- One clock: every time-based query takes the application's Clock (server/clock.py) as a
-- parameter instead of the database's now(), so deadlines, the unanswered-question sweep,
-- job due times and the WhatsApp reply window all follow the same clock (and a test clock
-- moves them together).
--
-- append_message gains p_now (last, required): the message's created_at, the conversation's
-- awaiting_reply_since and the delivery job's run_at are stamped with it. Its definition is
-- server/store/functions/append_message.sql, re-applied after every migration run; a new
-- argument cannot be added by CREATE OR REPLACE, so this drops the signature without it
-- (0012's), leaving the file's the only one.

DROP FUNCTION append_message(uuid, text, uuid, text, text, boolean, text, jsonb, boolean, text);
