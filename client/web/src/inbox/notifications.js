/**
 * Desktop notifications and a sound for what needs this agent (issue 19): a conversation
 * that starts waiting for a person (unassigned, or assigned to this agent), and a customer's
 * reply in a conversation assigned to this agent. Each kind is a preference (prefs.js);
 * the tab title counts the conversations behind them until each is opened (TopBar.js).
 *
 * Only live news notifies: a frame whose seq the list already holds is a replay (a
 * subscribe's `after_seq`, a reconnect), and a message in a conversation the agent is
 * reading now is seen, not announced. The decision (`noticeFor`) is a pure function of the
 * state before the frame; `withNotices` wraps the frame handlers session.js hands to the
 * connection, so frames.js stays about the store.
 */

import { playChime } from '../shared/chime.js';
import { navigate } from './actions.js';
import { removeIn, store } from './state.js';

const CUSTOMER = new Set(['visitor']);
const PREVIEW_CHARS = 140;

/**
 * @typedef {{conversationId: string, kind: 'waiting'|'reply', title: string, body: string}} Notice
 */

/**
 * What this frame should announce to the agent, given the state before it; null for nothing.
 * @param {object} state the store's state before the frame was applied
 * @param {object} frame a server frame (PROTOCOL.md)
 * @param {{reading: (id: string) => boolean}} o whether the agent is reading a conversation now
 * @returns {Notice|null}
 */
export function noticeFor(state, frame, { reading }) {
  const me = state.session?.user.id;
  const prefs = state.prefs || {};
  if (!me) return null;
  if (frame.type === 'conversation.created' || frame.type === 'conversation.updated') {
    const c = frame.conversation;
    if (!prefs.notifyWaiting || !c?.id || c.status !== 'waiting_human') return null;
    if (c.assignee_id && c.assignee_id !== me) return null;
    const before = state.convs[c.id];
    if (before && (before.status === 'waiting_human' || isReplay(before, frame.seq))) return null;
    if (reading(c.id)) return null;
    return {
      conversationId: c.id,
      kind: 'waiting',
      title: 'A customer is waiting for a person',
      body: clip(c.subject || before?.preview?.body || nameOf(before || c)),
    };
  }
  if (frame.type === 'message.created') {
    const m = frame.message;
    const id = frame.conversation_id;
    const conv = state.convs[id];
    if (!prefs.notifyReplies || !m || m.private || !CUSTOMER.has(m.sender?.kind)) return null;
    if (!conv || conv.assignee_id !== me || isReplay(conv, frame.seq) || reading(id)) return null;
    return { conversationId: id, kind: 'reply', title: `${nameOf(conv, m.sender)} replied`, body: clip(m.body) };
  }
  return null;
}

function isReplay(conv, seq) {
  return Number.isInteger(seq) && seq <= (Number(conv.last_seq) || 0);
}

function nameOf(conv, sender) {
  return conv?.contact?.name || sender?.name || 'A customer';
}

function clip(text) {
  const flat = String(text || '')
    .replace(/\s+/g, ' ')
    .trim();
  return flat.length > PREVIEW_CHARS ? `${flat.slice(0, PREVIEW_CHARS - 1)}…` : flat;
}

/**
 * The frame handlers, each announcing what its frame brings (after the store took it).
 * @param {Record<string, (frame: object) => void>} handlers
 * @param {{reading: (id: string) => boolean, announce?: (n: Notice) => void}} o
 */
export function withNotices(handlers, { reading, announce = announceNotice }) {
  const wrapped = { ...handlers };
  for (const type of ['conversation.created', 'conversation.updated', 'message.created']) {
    const handle = handlers[type];
    wrapped[type] = (frame) => {
      const before = store.get();
      handle?.(frame);
      const notice = noticeFor(before, { ...frame, type }, { reading });
      if (notice) announce(notice);
    };
  }
  return wrapped;
}

/** Count it in the tab title, and show it (and play the sound) as the agent chose. */
export function announceNotice(notice) {
  store.set((s) => ({ ...s, notices: { ...s.notices, [notice.conversationId]: notice.kind } }));
  const { prefs } = store.get();
  if (prefs.sound) playChime();
  if (permission() !== 'granted') return;
  try {
    const shown = new Notification(notice.title, {
      body: notice.body,
      tag: `flowsupport:${notice.conversationId}`, // one per conversation: a newer one replaces it
    });
    shown.onclick = () => {
      globalThis.focus?.();
      navigate({ view: 'conversations', conversationId: notice.conversationId, ticketId: null });
      shown.close();
    };
  } catch {
    // Some browsers allow notifications only from a service worker: the title still counts.
  }
}

/**
 * Opening a conversation attends to what announced it (its count leaves the tab title).
 * @returns {() => void} stop tracking (sign-out)
 */
export function trackAttention() {
  const clear = (s) => {
    const id = s.route.conversationId;
    if (id && s.notices[id]) store.set((now) => removeIn(now, 'notices', id));
  };
  clear(store.get());
  return store.subscribe(clear);
}

/** 'granted', 'denied', 'default', or 'unsupported' (no Notification API in this browser). */
export function permission() {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

/** Ask the browser (from a click: browsers refuse otherwise); resolves to the new permission. */
export async function askPermission() {
  if (permission() === 'unsupported') return 'unsupported';
  try {
    return await Notification.requestPermission();
  } catch {
    return permission();
  }
}

export { playChime }; // shared with the widget's unread badge
