/**
 * The inbox's realtime session (PROTOCOL.md) on the shared client: hello, inbox.subscribe,
 * the conversations it follows, read receipts, typing and sending. Server frames go to the
 * handlers session.js passes to startLive (frames.js), never imported here.
 *
 * Resume rule: after every reconnect each followed conversation is subscribed again with
 * `after_seq` = the last seq its thread holds without a gap (shared/order.js), messages
 * not yet acknowledged are sent again with the same `client_msg_id`, and the list, tickets
 * and staff are re-read over HTTP (inbox events and ticket frames are live-only).
 */

import { FORBIDDEN_ORIGIN } from '../shared/backoff.js';
import { seqSeen, seqsConfirmed } from '../shared/order.js';
import { DISCONNECTED, socketUrl } from '../shared/realtime.js';
import { loadList, loadOlder, markSeen, mergeConversations, mergeInboxPage } from './conversations.js';
import { loadStaff } from './staff.js';
import { patchIn, store, toastError } from './state.js';
import { addMessage, emptyThread } from './thread.js';
import { reloadTickets } from './tickets.js';
import { closeWire, connected, everConnected, notify, openWire, request } from './wire.js';

const MAX_REPLAY = 1000; // events one subscribe replays (README "Realtime")
const subscribed = new Set(); // conversation ids with a subscribe sent (and no unsubscribe)
const resubscribing = new Set();
const held = new Set(); // followed for a view other than the open conversation (a ticket's)

/**
 * Connect for the signed-in agent.
 * @param {object} o
 * @param {import('./wire.js').Handlers} o.handlers what to do with each server frame type
 * @param {() => void} o.onUnauthorized the token is refused (close 4001): sign out
 * @param {string} [o.url]
 * @param {typeof WebSocket} [o.WebSocket] tests pass a fake
 */
export function startLive({ handlers, onUnauthorized, url, WebSocket }) {
  stopLive();
  if (!store.get().session) return;
  openWire({
    url: url || socketUrl(),
    WebSocket,
    handlers,
    hello: () => ({ type: 'hello', token: store.get().session?.token, client: 'flowsupport-inbox/0.1' }),
    onWelcome: welcomed,
    onStatus: (status, { code }) => {
      let conn = 'stopped';
      if (status === 'connected') conn = 'connected';
      else if (status === 'connecting' || status === 'offline') conn = everConnected() ? 'reconnecting' : 'connecting';
      store.set((s) => (s.conn === conn ? s : { ...s, conn }));
      if (status !== 'failed') return;
      if (code === FORBIDDEN_ORIGIN) {
        store.set((s) => ({
          ...s,
          connProblem: 'This address is not an allowed origin for agents (FLOWSUPPORT_PUBLIC_URL).',
        }));
      } else onUnauthorized();
    },
  });
}

export function stopLive() {
  closeWire();
  subscribed.clear();
  resubscribing.clear();
  held.clear();
  for (const id of Object.keys(atLatest)) delete atLatest[id];
  for (const id of Object.keys(typingState)) {
    clearTimeout(typingState[id].idleTimer);
    delete typingState[id];
  }
  for (const id of Object.keys(readSent)) delete readSent[id];
}

function welcomed(_welcome, { resumed }) {
  request('inbox.subscribe', {})
    .then((ack) => mergeInboxPage(ack.conversations || []))
    .catch((e) => toastError(e, 'Inbox'));
  // Every conversation followed before the reconnect, from the last seq it holds.
  const again = new Set([...subscribed, ...held, store.get().route.conversationId].filter(Boolean));
  subscribed.clear();
  for (const id of again) subscribe(id);
  if (resumed) {
    loadList();
    reloadTickets();
    loadStaff(); // colleagues added or renamed while away
  }
  resendPending();
}

// -- the open conversation -------------------------------------------------------------------

/** Follow a conversation from the last seq held (0: replay its history). */
export function subscribe(id) {
  store.set((s) => (s.threads[id] ? s : patchIn(s, 'threads', id, () => emptyThread())));
  if (!connected()) return;
  const thread = store.get().threads[id];
  subscribed.add(id);
  resubscribing.add(id);
  const resumed = thread.messages.length > 0;
  request('subscribe', { conversation_id: id, after_seq: thread.seq.last })
    .then((ack) => {
      store.set((s) => {
        let next = mergeConversations(s, [ack.conversation]);
        next = patchIn(next, 'threads', id, (t) => {
          t = t || emptyThread();
          // The replay that follows the ack brings every event up to last_seq.
          const seq = seqsConfirmed(t.seq, Number(ack.last_seq) || 0);
          if (!ack.truncated) return { ...t, seq, ready: true, error: null };
          // PROTOCOL.md: the replay starts at last_seq - 1000; what lies before it is
          // paged over HTTP (loadOlder).
          const start = ack.last_seq - MAX_REPLAY;
          return {
            ...t,
            seq,
            ready: true,
            error: null,
            truncated: true,
            truncatedAt: Math.max(t.truncatedAt || 0, start),
          };
        });
        return next;
      });
      if (ack.truncated && resumed) loadOlder(id); // a gap inside what is on screen: fill it
      scheduleRead(id);
    })
    .catch((error) => {
      subscribed.delete(id);
      store.set((s) =>
        patchIn(s, 'threads', id, (t) => ({ ...(t || emptyThread()), ready: true, error: error.message })),
      );
      toastError(error, 'Opening the conversation');
    })
    .finally(() => resubscribing.delete(id));
}

export function unsubscribe(id) {
  if (!subscribed.has(id) || held.has(id)) return;
  subscribed.delete(id);
  stopTyping(id);
  request('unsubscribe', { conversation_id: id }).catch(() => {});
}

/** Follow a conversation for a view other than the conversation's own (a ticket's transcript). */
export function hold(id) {
  held.add(id);
  if (!subscribed.has(id)) subscribe(id);
}

/** That view is gone: stop following unless the conversation is open. */
export function release(id) {
  held.delete(id);
  if (store.get().route.conversationId !== id) unsubscribe(id);
}

/** Whether events of this conversation come through its own subscription. */
export function isSubscribed(id) {
  return subscribed.has(id);
}

/** Apply a seq-carrying event of a subscribed conversation to its thread. */
export function advance(state, id, seq) {
  const thread = state.threads[id];
  if (!subscribed.has(id) || !thread) return state;
  const seen = seqSeen(thread.seq, seq);
  if (seen.verdict === 'gap' && !resubscribing.has(id)) {
    // PROTOCOL.md: a client that sees a gap subscribes again from the last seq it holds.
    queueMicrotask(() => subscribe(id));
  }
  return seen.seqs === thread.seq ? state : patchIn(state, 'threads', id, { seq: seen.seqs });
}

// -- read receipts and "seen" ----------------------------------------------------------------

let readTimer = null;
let readPending = null; // the conversation whose read waits for the debounce
const readSent = {};
const atLatest = {}; // conversation id -> false while the agent has scrolled up from the newest

/**
 * Whether the agent is looking at this conversation's latest message now (open, the page
 * visible, the transcript at its end): what arrives is read, not unread.
 */
export function reading(id) {
  return store.get().route.conversationId === id && document.visibilityState === 'visible' && atLatest[id] !== false;
}

/**
 * The transcript reached its end (true), left it (false), or closed (null). Reaching the end
 * reads what is there (debounced).
 */
export function viewingLatest(id, yes) {
  if (yes === null) {
    // Closing it: a read still waiting for its debounce goes out now, or the messages the
    // agent just saw would stay unread on the server.
    if (readPending === id && atLatest[id] !== false) {
      clearTimeout(readTimer);
      sendRead(id, { closing: true });
    }
    delete atLatest[id];
    return;
  }
  if ((atLatest[id] !== false) === yes) return;
  atLatest[id] = yes;
  if (yes) scheduleRead(id);
}

export function scheduleRead(id) {
  clearTimeout(readTimer);
  readPending = id;
  readTimer = setTimeout(() => sendRead(id), 250);
}

export function sendRead(id, { heartbeat = false, closing = false } = {}) {
  if (readPending === id) readPending = null;
  if (!closing && !reading(id)) return;
  const thread = store.get().threads[id];
  if (!thread?.ready) return;
  const seq = thread.seq.last;
  // PROTOCOL.md additions: a `read` is stored; it sets this agent's position (unread_count).
  const told = (!heartbeat && readSent[id] === seq) || notify({ type: 'read', conversation_id: id, seq });
  if (told) readSent[id] = seq;
  markSeen(id, seq, told);
}

// -- typing (PROTOCOL.md typing: true while typing, throttled; false when idle or sent) -----

const typingState = {}; // id -> {sentAt, idleTimer}

export function agentTyping(id) {
  if (!typingState[id]) typingState[id] = { sentAt: 0, idleTimer: null };
  const t = typingState[id];
  const now = Date.now();
  if (now - t.sentAt >= 3000 && notify({ type: 'typing', conversation_id: id, state: true })) t.sentAt = now;
  clearTimeout(t.idleTimer);
  t.idleTimer = setTimeout(() => stopTyping(id), 5000);
}

export function stopTyping(id) {
  const t = typingState[id];
  if (!t) return;
  clearTimeout(t.idleTimer);
  delete typingState[id];
  if (t.sentAt) notify({ type: 'typing', conversation_id: id, state: false });
}

// -- sending ---------------------------------------------------------------------------------

export function resendPending() {
  const { threads } = store.get();
  for (const [id, thread] of Object.entries(threads)) {
    for (const item of thread.pending) if (item.state !== 'failed') deliver(id, item);
  }
}

/** Send (or send again: same client_msg_id, stored once) one optimistic message. */
export function deliver(id, item) {
  store.set((s) =>
    patchIn(s, 'threads', id, (t) => ({
      ...t,
      pending: t.pending.map((p) => (p.client_msg_id === item.client_msg_id ? { ...p, state: 'sending' } : p)),
    })),
  );
  request('message.send', {
    conversation_id: id,
    client_msg_id: item.client_msg_id,
    body: item.body,
    private: item.private,
    // PROTOCOL.md additions: files go by their upload ids (ui/Attachments.js).
    ...(item.attachments?.length ? { attachments: item.attachments.map((f) => f.upload_id) } : {}),
  })
    .then((ack) => {
      store.set((s) => patchIn(s, 'threads', id, (t) => addMessage(t, ack.message)));
      scheduleRead(id);
    })
    .catch((error) => {
      if (error.retryable) {
        // Kept and sent again after the reconnect (or after the rate limit's pause).
        store.set((s) =>
          patchIn(s, 'threads', id, (t) => ({
            ...t,
            pending: t.pending.map((p) => (p.client_msg_id === item.client_msg_id ? { ...p, state: 'queued' } : p)),
          })),
        );
        if (error.code !== DISCONNECTED) setTimeout(() => deliver(id, item), error.retry_after_ms || 2000);
        return;
      }
      // Refused for good: the text goes back into the composer, never lost.
      store.set((s) => {
        let next = patchIn(s, 'threads', id, (t) => ({
          ...t,
          pending: t.pending.filter((p) => p.client_msg_id !== item.client_msg_id),
        }));
        const draft = next.drafts[id] || '';
        next = patchIn(next, 'drafts', id, () => (draft ? `${item.body}\n${draft}` : item.body));
        return { ...next, composerMode: item.private ? 'note' : 'reply' };
      });
      toastError(error, 'Message not sent');
    });
}
