/**
 * A conversation's transcript as an immutable value, and the pure functions that merge
 * events into it (PROTOCOL.md "Ordering and delivery").
 *
 * `seq` tracks the conversation's event seqs (shared/order.js, as the widget does): its
 * `last` is the highest seq held *without a gap*, what `subscribe` sends as `after_seq` on
 * reconnect, so the server replays exactly what is missing. Messages are deduplicated by
 * seq and by id, so a replay overlapping what is held changes nothing.
 */

import { seqsFrom } from '../shared/order.js';

export function emptyThread() {
  return {
    messages: [], // sorted by seq
    seq: seqsFrom(0), // {last, until, ahead}
    ready: false, // the first subscribe was acknowledged
    truncated: false, // older messages exist beyond the replay (page over HTTP)
    pending: [], // optimistic sends: {client_msg_id, body, private, state, created_at}
  };
}

/** Insert or replace one message (dedupe by id and seq); drops its optimistic twin. */
export function addMessage(thread, message) {
  const list = thread.messages;
  const byId = list.findIndex((m) => m.id === message.id || m.seq === message.seq);
  let messages;
  if (byId >= 0) {
    messages = list.slice();
    messages[byId] = message;
  } else if (!list.length || list[list.length - 1].seq < message.seq) {
    messages = [...list, message];
  } else {
    messages = [...list, message].sort((a, b) => a.seq - b.seq);
  }
  const pending = message.client_msg_id
    ? thread.pending.filter((p) => p.client_msg_id !== message.client_msg_id)
    : thread.pending;
  return { ...thread, messages, pending };
}

export function addMessages(thread, messages) {
  return messages.reduce(addMessage, thread);
}

export function addPending(thread, item) {
  return { ...thread, pending: [...thread.pending, item] };
}

const GROUP_GAP_MS = 5 * 60 * 1000;

/**
 * Display rows: day separators, and runs of messages by one sender (same kind, id and
 * privacy) within five minutes grouped under one name and time. System messages stand alone.
 */
export function groupMessages(messages, dayOf) {
  const rows = [];
  let day = null;
  let group = null;
  for (const m of messages) {
    const d = dayOf(m.created_at);
    if (d !== day) {
      rows.push({ kind: 'day', key: `day-${m.seq ?? m.id}`, label: d });
      day = d;
      group = null;
    }
    const sender = m.sender || {};
    const t = Date.parse(m.created_at) || 0;
    if (sender.kind === 'system') {
      rows.push({ kind: 'system', key: `m-${m.id}`, message: m });
      group = null;
      continue;
    }
    const sameRun =
      group &&
      group.sender.kind === sender.kind &&
      (group.sender.id || null) === (sender.id || null) &&
      group.private === !!m.private &&
      group.comment === !!m.comment &&
      sender.kind !== 'ai' &&
      t - group.lastAt <= GROUP_GAP_MS;
    if (sameRun) {
      group.messages.push(m);
      group.lastAt = t;
    } else {
      group = {
        kind: 'group',
        key: `g-${m.id}`,
        sender,
        private: !!m.private,
        comment: !!m.comment,
        messages: [m],
        lastAt: t,
      };
      rows.push(group);
    }
  }
  return rows;
}

/**
 * One transcript for a ticket (issue 13): its conversation's messages with the ticket's
 * comments among them by time. A public comment is also a message to the customer (the
 * server posts it with client_msg_id `comment-<id>`), so it shows once, as that message;
 * internal comments (and public ones with no message, a ticket without a conversation)
 * come in as entries `{comment: true}` shaped like messages, without a seq.
 */
export function withComments(messages, comments) {
  if (!comments?.length) return messages;
  const posted = new Set(messages.map((m) => m.client_msg_id).filter(Boolean));
  const said = new Set(
    messages.filter((m) => !m.private).map((m) => `${m.sender?.id || ''}\u0000${String(m.body || '').trim()}`),
  );
  const extra = comments
    .filter(
      (c) =>
        !posted.has(`comment-${c.id}`) &&
        !(c.public && said.has(`${c.author?.id || ''}\u0000${String(c.body || '').trim()}`)),
    )
    .map((c) => ({
      id: `comment-${c.id}`,
      comment: true,
      sender: c.author || { kind: 'agent' },
      body: c.body,
      private: !c.public,
      created_at: c.created_at,
    }));
  if (!extra.length) return messages;
  const at = (x) => Date.parse(x.created_at) || 0;
  const out = [];
  let i = 0;
  for (const m of messages) {
    while (i < extra.length && at(extra[i]) < at(m)) out.push(extra[i++]);
    out.push(m);
  }
  while (i < extra.length) out.push(extra[i++]);
  return out;
}
