/**
 * The inbox's WebSocket session (PROTOCOL.md): hello, inbox.subscribe, the open
 * conversation's subscription, and one handler per server frame type.
 *
 * Resume rule: after every reconnect the open conversation is subscribed again with
 * `after_seq` = the thread's gapless `lastSeq`, messages not yet acknowledged are sent
 * again with the same `client_msg_id`, and the list, tickets and staff are re-read over
 * HTTP (inbox events and ticket frames are live-only).
 */

import { RealtimeClient, socketUrl } from '../shared/realtime.js';
import { loadList, markSeen, mergeConversations, mergeInboxPage } from './conversations.js';
import { addMessage, emptyThread, hasGap, noteSeq } from './thread.js';
import { patchIn, store, toastError } from './state.js';
import { loadOlder } from './actions.js';
import { HANDLERS } from './frames.js';
import { reloadTickets } from './tickets.js';
import { loadStaff } from './staff.js';

const MAX_REPLAY = 1000; // events one subscribe replays (README "Realtime")
let client = null;
const subscribed = new Set(); // conversation ids with a subscribe sent (and no unsubscribe)
const resubscribing = new Set();
const held = new Set(); // followed for a view other than the open conversation (a ticket's)
let handlingFrame = false;

/** Whether a server frame is being applied now (main.js batches those renders per frame). */
export function inNetworkFrame() {
  return handlingFrame;
}

function ignore() {} // frame types this client has no use for (PROTOCOL.md: additive changes)

export function startLive(onUnauthorized) {
  stopLive();
  const { session } = store.get();
  client = new RealtimeClient({
    url: socketUrl(),
    hello: () => ({ type: 'hello', token: store.get().session?.token, client: 'flowsupport-inbox/0.1' }),
    onWelcome: welcomed,
    onFrame: (frame) => {
      handlingFrame = true;
      try {
        (HANDLERS[frame.type] || ignore)(frame);
      } finally {
        handlingFrame = false;
      }
    },
    onStatus: (conn) => store.set((s) => (s.conn === conn ? s : { ...s, conn })),
    onFatal: (reason) => {
      if (reason === 'unauthorized') onUnauthorized();
      else store.set((s) => ({ ...s, connProblem: 'This address is not an allowed origin for agents (FLOWSUPPORT_PUBLIC_URL).' }));
    },
  });
  if (session) client.start();
}

export function stopLive() {
  if (client) client.stop();
  client = null;
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

export function request(type, fields, options) {
  if (!client) return Promise.reject(new Error('Not connected'));
  return client.request(type, fields, options);
}

export function notify(frame) {
  return client ? client.notify(frame) : false;
}

function welcomed(welcome, { resumed }) {
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
  if (!client || !client.connected) return;
  const thread = store.get().threads[id];
  subscribed.add(id);
  resubscribing.add(id);
  const resumed = thread.messages.length > 0;
  request('subscribe', { conversation_id: id, after_seq: thread.lastSeq })
    .then((ack) => {
      store.set((s) => {
        let next = mergeConversations(s, [ack.conversation]);
        next = patchIn(next, 'threads', id, (t) => {
          t = t || emptyThread();
          if (!ack.truncated) return { ...t, ready: true, error: null };
          // PROTOCOL.md: the replay starts at last_seq - 1000; what lies before it is
          // paged over HTTP (loadOlder). The replay is contiguous from that point.
          const start = ack.last_seq - MAX_REPLAY;
          return {
            ...t,
            ready: true,
            error: null,
            truncated: true,
            truncatedAt: Math.max(t.truncatedAt || 0, start),
            lastSeq: Math.max(t.lastSeq, start),
            ahead: t.ahead.filter((seq) => seq > start),
          };
        });
        return next;
      });
      if (ack.truncated && resumed) loadOlder(id); // a gap inside what is on screen: fill it
      scheduleRead(id);
    })
    .catch((error) => {
      subscribed.delete(id);
      store.set((s) => patchIn(s, 'threads', id, (t) => ({ ...(t || emptyThread()), ready: true, error: error.message })));
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
  if (!subscribed.has(id) || !state.threads[id]) return state;
  const next = patchIn(state, 'threads', id, (t) => noteSeq(t, seq));
  if (hasGap(next.threads[id]) && !resubscribing.has(id)) {
    // PROTOCOL.md: a client that sees a gap subscribes again from the last seq it holds.
    queueMicrotask(() => subscribe(id));
  }
  return next;
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
  if (!thread || !thread.ready) return;
  const seq = thread.lastSeq;
  // PROTOCOL.md additions: a `read` is stored; it sets this agent's position (unread_count).
  const told = (!heartbeat && readSent[id] === seq) || notify({ type: 'read', conversation_id: id, seq });
  if (told) readSent[id] = seq;
  markSeen(id, seq, told);
}

// -- typing (PROTOCOL.md typing: true while typing, throttled; false when idle or sent) -----

const typingState = {}; // id -> {sentAt, idleTimer}

export function agentTyping(id) {
  const t = (typingState[id] ||= { sentAt: 0, idleTimer: null });
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
  store.set((s) => patchIn(s, 'threads', id, (t) => ({
    ...t,
    pending: t.pending.map((p) => (p.client_msg_id === item.client_msg_id ? { ...p, state: 'sending' } : p)),
  })));
  request('message.send', { conversation_id: id, client_msg_id: item.client_msg_id, body: item.body, private: item.private })
    .then((ack) => {
      store.set((s) => patchIn(s, 'threads', id, (t) => addMessage(t, ack.message)));
      scheduleRead(id);
    })
    .catch((error) => {
      if (error.retryable) {
        // Kept and sent again after the reconnect (or after the rate limit's pause).
        store.set((s) => patchIn(s, 'threads', id, (t) => ({
          ...t,
          pending: t.pending.map((p) => (p.client_msg_id === item.client_msg_id ? { ...p, state: 'queued' } : p)),
        })));
        if (error.code !== 'unavailable') setTimeout(() => deliver(id, item), error.retry_after_ms || 2000);
        return;
      }
      // Refused for good: the text goes back into the composer, never lost.
      store.set((s) => {
        let next = patchIn(s, 'threads', id, (t) => ({ ...t, pending: t.pending.filter((p) => p.client_msg_id !== item.client_msg_id) }));
        const draft = next.drafts[id] || '';
        next = patchIn(next, 'drafts', id, () => (draft ? `${item.body}\n${draft}` : item.body));
        return { ...next, composerMode: item.private ? 'note' : 'reply' };
      });
      toastError(error, 'Message not sent');
    });
}

/** Focus the composer in a mode (r / n shortcuts, after "Stop AI and take over"). */
export function focusComposer(mode) {
  if (mode) store.set((s) => (s.composerMode === mode ? s : { ...s, composerMode: mode }));
  const focus = () => document.querySelector('[data-testid="composer"]')?.focus();
  focus();
  requestAnimationFrame(focus); // after a render that (re)creates it
}
