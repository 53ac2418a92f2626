/**
 * One handler per server frame type (PROTOCOL.md "Server to client"), applied to the store:
 * HANDLERS, which session.js hands to live.js's startLive (the connection never imports
 * this module). An unknown type is ignored: v1 servers may add frame types.
 */

import { piecesFrom, piecesWith } from '../shared/order.js';
import { focusComposer } from './actions.js';
import { activityOf, admitToList, countLive, mergeConversations, refreshSoon } from './conversations.js';
import { advance, isSubscribed, reading, scheduleRead } from './live.js';
import { isStaff } from './staff.js';
import { patchIn, removeIn, saveNames, store, toastError } from './state.js';
import { addMessage } from './thread.js';
import { onTicketFrame } from './tickets.js';
import { readUnread, serverCounts } from './unread.js';

function rememberName(state, who) {
  if (!who?.id || !who.name || (who.kind !== 'agent' && who.kind !== 'bot')) return state;
  if (state.names[who.id] === who.name || isStaff(state, who.id)) return state; // the staff list names its own
  const names = { ...state.names, [who.id]: who.name };
  saveNames(state.session.user.tenant_id, names);
  return { ...state, names };
}

function messageCreated(frame) {
  const m = frame.message;
  const id = frame.conversation_id;
  const known = !!store.get().convs[id];
  store.set((s) => {
    let next = rememberName(s, m.sender);
    if (next.convs[id]) {
      next = patchIn(next, 'convs', id, (c) => ({
        ...c,
        last_seq: Math.max(c.last_seq || 0, frame.seq),
        preview: m.private ? c.preview : { body: m.body, sender_kind: m.sender?.kind, created_at: m.created_at },
        activity: Math.max(c.activity || 0, Date.parse(m.created_at) || Date.now()),
      }));
      next = admitToList(next, id);
    }
    if (isSubscribed(id) && next.threads[id]) {
      next = patchIn(next, 'threads', id, (t) => addMessage(t, m));
      next = advance(next, id, frame.seq);
      // The sender stopped typing by sending.
      const key = participantKey(m.sender);
      if (next.typing[id]?.[key]) next = patchIn(next, 'typing', id, (t) => removeKey(t, key));
    }
    return countLive(next, m, { reading: reading(id) });
  });
  if (!known) refreshSoon();
  if (reading(id)) scheduleRead(id);
}

function conversationUpdated(frame) {
  const id = frame.conversation_id;
  const known = store.get().convs[id];
  store.set((s) => {
    let next = mergeConversations(s, [
      { ...frame.conversation, activity: Math.max(known?.activity || 0, activityOf(frame.conversation)) },
    ]);
    next = admitToList(next, id);
    return advance(next, id, frame.seq);
  });
  if (!known?.contact) refreshSoon();
  if (reading(id)) scheduleRead(id);
}

/** PROTOCOL.md additions: a new conversation, before its first message (live-only). */
function conversationCreated(frame) {
  const c = frame.conversation;
  if (!c?.id) return;
  store.set((s) =>
    admitToList(
      mergeConversations(s, [{ ...c, activity: Math.max(s.convs[c.id]?.activity || 0, activityOf(c)) }]),
      c.id,
    ),
  );
  if (!store.get().convs[c.id]?.contact) refreshSoon(); // the list page names its contact
}

function ticketCreated(frame) {
  const id = frame.conversation_id;
  store.set((s) => {
    let next = advance(s, id, frame.seq);
    if (next.convs[id] && frame.ticket) next = patchIn(next, 'convs', id, { ticket_id: frame.ticket.id });
    return next;
  });
  onTicketFrame(frame);
  if (reading(id)) scheduleRead(id);
}

/** A stream is its id and its text's pieces (shared/order.js): {stream_id, next, text, early}. */
function aiStarted(frame) {
  store.set((s) =>
    patchIn(s, 'streams', frame.conversation_id, () => ({ stream_id: frame.stream_id, ...piecesFrom(0) })),
  );
}

function aiDelta(frame) {
  store.set((s) =>
    patchIn(s, 'streams', frame.conversation_id, (st) => {
      // Joining mid-answer (the conversation opened while the AI wrote): from this piece on.
      const first = Number.isInteger(frame.index) ? frame.index : 0;
      const stream = st && st.stream_id === frame.stream_id ? st : { stream_id: frame.stream_id, ...piecesFrom(first) };
      const pieces = piecesWith(stream, frame.index, frame.text); // a repeat changes nothing
      return pieces === stream ? stream : { stream_id: stream.stream_id, ...pieces };
    }),
  );
}

function aiDone(frame) {
  const id = frame.conversation_id;
  store.set((s) => {
    let next = removeIn(s, 'streams', id);
    // The persisted answer replaces the stream at once; its message.created then dedupes.
    if (frame.message && isSubscribed(id) && next.threads[id])
      next = patchIn(next, 'threads', id, (t) => addMessage(t, frame.message));
    return next;
  });
  if (frame.error?.message && store.get().route.conversationId === id) toastError(frame.error, 'AI answer');
  if (frame.reason === 'stopped' && store.get().route.conversationId === id) focusComposer('reply');
}

function typing(frame) {
  const who = frame.participant || {};
  if (who.kind === 'agent' && who.id === store.get().session?.user.id) return;
  const id = frame.conversation_id;
  const key = participantKey(who);
  store.set((s) => {
    let next = rememberName(s, who);
    if (who.kind === 'agent')
      next = patchIn(next, 'viewers', id, (v) => ({ ...v, [who.id]: { name: who.name, at: Date.now() } }));
    return patchIn(next, 'typing', id, (t) => {
      if (frame.state) return { ...t, [key]: { name: who.name, kind: who.kind, until: Date.now() + 8000 } };
      return t?.[key] ? removeKey(t, key) : t || {};
    });
  });
}

function read(frame) {
  const who = frame.participant || {};
  const id = frame.conversation_id;
  store.set((s) => {
    if (who.kind === 'visitor') return patchIn(s, 'visitorRead', id, (seq) => Math.max(seq || 0, frame.seq));
    if (who.kind === 'agent' && who.id === s.session?.user.id) {
      // This agent read it elsewhere (another tab or device): the server has that position.
      if (!serverCounts(s, id) || !(frame.seq > 0)) return s;
      return readUnread(
        { ...s, readUpTo: { ...s.readUpTo, [id]: Math.max(s.readUpTo[id] || 0, frame.seq) } },
        id,
        frame.seq,
      );
    }
    if (who.kind !== 'agent') return s;
    return patchIn(rememberName(s, who), 'viewers', id, (v) => ({
      ...v,
      [who.id]: { name: who.name, at: Date.now() },
    }));
  });
}

function presence(frame) {
  store.set((s) => {
    let next = { ...s, presence: { count: frame.agents_online || 0, agents: frame.agents || s.presence.agents } };
    for (const a of frame.agents || []) next = rememberName(next, { ...a, kind: 'agent' });
    return next;
  });
}

function error(frame) {
  toastError(frame);
}

/** PROTOCOL.md additions: a message changed (a reply's delivery status): live-only. */
function messageUpdated(frame) {
  const id = frame.conversation_id;
  const m = frame.message;
  store.set((s) => {
    const thread = s.threads[id];
    if (!thread || !m?.id || !thread.messages.some((known) => known.id === m.id)) return s;
    return patchIn(s, 'threads', id, (t) => addMessage(t, m));
  });
}

export const HANDLERS = {
  'message.created': messageCreated,
  'message.updated': messageUpdated,
  'conversation.updated': conversationUpdated,
  'conversation.created': conversationCreated,
  'ticket.created': ticketCreated,
  'ticket.updated': onTicketFrame,
  'ticket.sla_breached': onTicketFrame,
  'ai.started': aiStarted,
  'ai.delta': aiDelta,
  'ai.done': aiDone,
  typing,
  read,
  presence,
  error,
};

// -- helpers ---------------------------------------------------------------------------------

export function participantKey(who) {
  return `${who?.kind || '?'}:${who?.id || ''}`;
}

function removeKey(obj, key) {
  const { [key]: _, ...rest } = obj;
  return rest;
}

/** Forget typing indicators and viewers that went quiet (run every couple of seconds). */
export function expireSignals() {
  const now = Date.now();
  store.set((s) => {
    let changed = false;
    const typingMap = {};
    for (const [id, t] of Object.entries(s.typing)) {
      const kept = Object.fromEntries(Object.entries(t).filter(([, v]) => v.until > now));
      if (Object.keys(kept).length !== Object.keys(t).length) changed = true;
      typingMap[id] = kept;
    }
    const viewers = {};
    for (const [id, v] of Object.entries(s.viewers)) {
      const kept = Object.fromEntries(Object.entries(v).filter(([, x]) => now - x.at < 90000));
      if (Object.keys(kept).length !== Object.keys(v).length) changed = true;
      viewers[id] = kept;
    }
    return changed ? { ...s, typing: typingMap, viewers } : s;
  });
}
