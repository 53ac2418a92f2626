/**
 * The inbox's single store and what it keeps between page loads.
 *
 * sessionStorage: the access token (gone with the tab). localStorage, per user: the last
 * seq seen in each conversation (unread counts survive reloads) and agents' names (an
 * assignee offline still has a name).
 */

import { createStore } from '../shared/store.js';
import { loadPrefs } from './prefs.js';
import { settingsPageOf, settingsPath } from './settings/pages.js';

const SESSION_KEY = 'flowsupport.inbox.session';

export const STATUS_FILTERS = [
  { value: 'active', label: 'Active', statuses: ['open', 'waiting_human', 'pending'] },
  { value: 'open', label: 'Open', statuses: ['open'] },
  { value: 'waiting_human', label: 'Waiting for human', statuses: ['waiting_human'] },
  { value: 'pending', label: 'Pending', statuses: ['pending'] },
  { value: 'snoozed', label: 'Snoozed', statuses: ['pending'], snoozed: true },
  { value: 'resolved', label: 'Resolved', statuses: ['resolved'] },
  { value: 'closed', label: 'Closed', statuses: ['closed'] },
  { value: 'all', label: 'All', statuses: null },
];

export function initialState() {
  return {
    session: loadSession(),
    conn: 'connecting', // connecting | connected | reconnecting | stopped
    connProblem: null,
    presence: { count: 0, agents: [] },
    names: {}, // agent id -> name (the staff list, presence, senders, comment authors)
    staff: { state: 'idle', loading: false, users: null }, // GET /v1/users: idle | ok | unavailable | error
    route: parseLocation(globalThis.location),
    lastConversationId: null, // where "Conversations" (g c) returns to
    lastTicketId: null,
    lastSettingsPage: null, // where "Settings" (g s) returns to (null: the first page)
    convs: {}, // id -> conversation (+ contact, preview, activity)
    list: { ids: [], loading: false, loadingMore: false, error: null, nextCursor: null, source: 'http' },
    filters: { status: 'active', assignee: '', channel: '', q: '', label: '' },
    cursor: null, // keyboard-highlighted row (conversation or ticket id)
    seen: {}, // conversation id -> last seq this agent saw
    unread: {}, // conversation id -> unread count shown (the server's, or counted after `seen`)
    unreadServer: {}, // conversation id -> {seq, count, live}: the server's unread_count (unread.js)
    readUpTo: {}, // conversation id -> highest seq this agent's `read` frames told the server
    threads: {}, // conversation id -> thread.js value
    streams: {}, // conversation id -> {stream_id, parts, text}
    typing: {}, // conversation id -> {participant key -> {name, kind, until}}
    viewers: {}, // conversation id -> {agent id -> {name, at}}
    visitorRead: {}, // conversation id -> seq the visitor has read
    drafts: {}, // conversation id -> composer text
    uploads: {}, // conversation id -> files attached in the composer (ui/Attachments.js)
    composerMode: 'reply',
    contacts: {}, // contact id -> {state: loading|ok|missing|error, profile}
    tickets: {}, // ticket id -> ticket
    ticketList: { ids: [], loading: false, loadingMore: false, error: null, nextCursor: null },
    ticketFilters: { status: '', priority: '', assignee: '', q: '' },
    ticketDetail: {}, // ticket id -> {state, comments}
    toasts: [],
    notices: {}, // conversation id -> 'waiting'|'reply': announced, not yet opened (notifications.js)
    help: false,
    kbDraft: null, // {title, body}: a new knowledge-base article to open pre-filled (Reports' knowledge gaps)
    prefs: loadPrefs(null), // this browser's preferences for the signed-in user (prefs.js)
  };
}

export const store = createStore(initialState());

/** Shallow-merge `patch` into `state[key]` (a map), returning the new state. */
export function patchIn(state, key, id, patch) {
  const map = state[key];
  const before = map[id];
  const after = typeof patch === 'function' ? patch(before) : { ...before, ...patch };
  if (after === before) return state;
  return { ...state, [key]: { ...map, [id]: after } };
}

export function removeIn(state, key, id) {
  if (!(id in state[key])) return state;
  const { [id]: _, ...rest } = state[key];
  return { ...state, [key]: rest };
}

// -- routes ------------------------------------------------------------------------------

/**
 * Where the app is: the settings area by path (`/inbox/settings/<page>`), else the inbox
 * by hash. Without a location (node tests): the conversations.
 */
export function parseLocation(loc) {
  const page = settingsPageOf(loc?.pathname);
  if (page) return { view: 'settings', page, conversationId: null, ticketId: null };
  return parseHash(loc?.hash || '');
}

/** The address of a route: `/inbox/settings/<page>`, or `/inbox#/...`. */
export function urlOf(route) {
  return route.view === 'settings' ? settingsPath(route.page) : `/inbox${hashOf(route)}`;
}

/** `#/conversations/<id>`, `#/tickets`, `#/tickets/<id>`, `#/reports`. */
export function parseHash(hash) {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'tickets') return { view: 'tickets', conversationId: null, ticketId: parts[1] || null };
  if (parts[0] === 'reports') return { view: 'reports', conversationId: null, ticketId: null };
  return { view: 'conversations', conversationId: parts[1] || null, ticketId: null };
}

export function hashOf(route) {
  if (route.view === 'reports') return '#/reports';
  if (route.view === 'tickets') return route.ticketId ? `#/tickets/${encodeURIComponent(route.ticketId)}` : '#/tickets';
  return route.conversationId ? `#/conversations/${encodeURIComponent(route.conversationId)}` : '#/conversations';
}

// -- persistence ---------------------------------------------------------------------------

export function loadSession() {
  try {
    const saved = JSON.parse(sessionStorage.getItem(SESSION_KEY) || 'null');
    if (saved?.token && saved.user && saved.expiresAt > Date.now()) return saved;
  } catch {
    /* unreadable: sign in again */
  }
  return null;
}

export function saveSession(session) {
  try {
    if (session) sessionStorage.setItem(SESSION_KEY, JSON.stringify(session));
    else sessionStorage.removeItem(SESSION_KEY);
  } catch {
    /* private mode: the session lasts as long as the page */
  }
}

const MAX_SEEN = 2000;

export function loadSeen(userId) {
  return readJson(`flowsupport.inbox.seen.${userId}`) || {};
}

export function saveSeen(userId, seen) {
  let entries = Object.entries(seen);
  if (entries.length > MAX_SEEN) entries = entries.slice(entries.length - MAX_SEEN);
  writeJson(`flowsupport.inbox.seen.${userId}`, Object.fromEntries(entries));
}

export function loadNames(tenantId) {
  return readJson(`flowsupport.inbox.names.${tenantId}`) || {};
}

export function saveNames(tenantId, names) {
  writeJson(`flowsupport.inbox.names.${tenantId}`, names);
}

function readJson(key) {
  try {
    return JSON.parse(localStorage.getItem(key) || 'null');
  } catch {
    return null;
  }
}

function writeJson(key, value) {
  try {
    localStorage.setItem(key, JSON.stringify(value));
  } catch {
    /* quota or private mode: a cache, not a record */
  }
}

// -- toasts --------------------------------------------------------------------------------

let toastId = 0;

export function toast(text, kind = 'error') {
  const id = ++toastId;
  store.set((s) => ({ ...s, toasts: [...s.toasts.filter((t) => t.text !== text), { id, text, kind }].slice(-4) }));
  setTimeout(() => dismissToast(id), kind === 'error' ? 7000 : 4000);
}

export function dismissToast(id) {
  store.set((s) => (s.toasts.some((t) => t.id === id) ? { ...s, toasts: s.toasts.filter((t) => t.id !== id) } : s));
}

/** A server error (frame or HTTP body) as a toast. */
export function toastError(error, context) {
  if (!error) return;
  const message = error.message || 'Something went wrong';
  toast(context ? `${context}: ${message}` : message, 'error');
}
