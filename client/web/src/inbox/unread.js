/**
 * Unread counts from the server (PROTOCOL.md additions: `unread_count` in conversation
 * objects, for the viewing agent, from the read positions its `read` frames stored).
 *
 * A conversation object is the truth as of its `last_seq`; messages from others that come
 * live after it add one each (once per seq) until the next object; this agent's own `read`
 * clears what it covers. Pure functions of the store's state: `unreadServer` (id ->
 * {seq, count, live: [seq]}) and the shown `unread` (id -> number). A conversation whose
 * objects carry no `unread_count` (an older server) is not in `unreadServer`, and the
 * inbox counts it as before (conversations.js).
 */

/** Whether the server counts this conversation's unread messages. */
export function serverCounts(state, id) {
  return !!state.unreadServer[id];
}

function shown(state, id, entry) {
  const unreadServer = { ...state.unreadServer, [id]: entry };
  const count = entry.count + entry.live.length;
  if (state.unread[id] === count) return { ...state, unreadServer };
  return { ...state, unreadServer, unread: { ...state.unread, [id]: count } };
}

/**
 * A conversation object came (HTTP list, an ack, `conversation.updated`, `conversation.created`).
 * @param {number} readSeq the highest seq this agent's `read` frames covered
 */
export function adoptUnread(state, conv, readSeq = 0) {
  if (!conv || typeof conv.unread_count !== 'number') return state;
  const before = state.unreadServer[conv.id];
  const seq = Number(conv.last_seq) || 0;
  if (before && seq < before.seq) return state; // an older snapshot than the one held
  // A snapshot at or before what this agent has read has nothing unread for it.
  const count = seq <= readSeq ? 0 : Math.max(0, Math.floor(conv.unread_count));
  const live = (before?.live || []).filter((s) => s > seq);
  return shown(state, conv.id, { seq, count, live });
}

/**
 * A message arrived live: one more unread when the customer wrote it and it is not being
 * read (the server counts the customer's messages only: replies, notes, the AI's answers and
 * system lines are not unread work).
 */
export function liveUnread(state, message, { reading }) {
  const id = message.conversation_id;
  const entry = state.unreadServer[id];
  if (!entry || reading) return state;
  if (message.sender?.kind !== 'visitor') return state;
  if (!(message.seq > entry.seq) || entry.live.includes(message.seq)) return state;
  return shown(state, id, { ...entry, live: [...entry.live, message.seq] });
}

/** This agent sent `read` up to `seq`: nothing at or before it is unread any more. */
export function readUnread(state, id, seq) {
  const entry = state.unreadServer[id];
  if (!entry) return state;
  const live = entry.live.filter((s) => s > seq);
  return shown(state, id, { seq: Math.max(entry.seq, seq), count: seq >= entry.seq ? 0 : entry.count, live });
}
