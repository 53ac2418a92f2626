/**
 * The conversation list: loading it over HTTP with the filters, merging live events into
 * it, sorting; a transcript's messages older than its replay (HTTP); and unread counts:
 * the server's `unread_count` where conversation objects carry it (unread.js), else
 * counted here (messages by others after the last seq this agent saw in this browser: an
 * older server).
 */

import { parseTime } from '../shared/time.js';
import { api } from './http.js';
import { patchIn, STATUS_FILTERS, saveSeen, store, toastError } from './state.js';
import { addMessages } from './thread.js';
import { adoptUnread, liveUnread, readUnread, serverCounts } from './unread.js';
import { request } from './wire.js';

const PAGE = 50;
let listGeneration = 0;

function statusesOf(filter) {
  return (STATUS_FILTERS.find((f) => f.value === filter) || STATUS_FILTERS[0]).statuses;
}

function queryOf(filters, cursor) {
  const statuses = statusesOf(filters.status);
  return {
    status: statuses ? statuses.join(',') : '',
    label: filters.label || '',
    snoozed: filters.status === 'snoozed' ? 'true' : '',
    assignee: filters.assignee,
    channel: filters.channel,
    q: filters.q.trim(),
    limit: PAGE,
    cursor,
  };
}

/** Whether a conversation belongs in the list under these filters (live events). */
export function matches(conv, filters, me) {
  const statuses = statusesOf(filters.status);
  if (statuses && !statuses.includes(conv.status)) return false;
  if (filters.assignee === 'me' && conv.assignee_id !== me) return false;
  if (filters.assignee === 'none' && conv.assignee_id) return false;
  if (filters.channel && conv.channel !== filters.channel) return false;
  if (filters.label && !(conv.tags || []).includes(filters.label)) return false;
  if (filters.status === 'snoozed' && !conv.snoozed_until) return false;
  const q = filters.q.trim().toLowerCase();
  if (q) {
    const hay = [conv.subject, conv.contact?.name, conv.contact?.email, conv.preview?.body]
      .filter(Boolean)
      .join(' ')
      .toLowerCase();
    if (!hay.includes(q)) return false;
  }
  return true;
}

export function activityOf(conv) {
  return Math.max(parseTime(conv.updated_at), parseTime(conv.preview?.created_at), conv.activity || 0);
}

/** The rows to show: listed and still matching (the open one stays until it is left). */
export function visibleIds(state) {
  const me = state.session?.user.id;
  const openId = state.route.conversationId;
  return state.list.ids
    .map((id) => state.convs[id])
    .filter((c) => c && (c.id === openId || matches(c, state.filters, me)))
    .sort((a, b) => activityOf(b) - activityOf(a) || (a.id < b.id ? 1 : -1))
    .map((c) => c.id);
}

/**
 * Merge conversations (from HTTP, an ack or a frame) into the cache, keeping what they lack.
 * A conversation object is the truth as of its `last_seq`: one older than the cached copy (an
 * HTTP page read before a `conversation.updated` that came first) only fills gaps, so a late
 * list refresh cannot take back a rating, a status or an assignee the inbox already shows.
 */
export function mergeConversations(state, conversations) {
  conversations = conversations.filter((c) => c?.id);
  if (!conversations.length) return state;
  const convs = { ...state.convs };
  for (const c of conversations) {
    const before = convs[c.id] || {};
    const older = Number(c.last_seq) < Number(before.last_seq);
    const [base, top] = older ? [c, before] : [before, c];
    convs[c.id] = {
      ...base,
      ...top,
      contact: top.contact || base.contact,
      preview: top.preview !== undefined ? top.preview : base.preview,
    };
  }
  return conversations.reduce((next, c) => adoptUnread(next, c, next.readUpTo[c.id] || 0), { ...state, convs });
}

/** (Re)load the first page for the current filters. */
export async function loadList() {
  const generation = ++listGeneration;
  const { filters } = store.get();
  store.set((s) => ({ ...s, list: { ...s.list, loading: true, error: null } }));
  try {
    const page = await api('/v1/conversations', { query: queryOf(filters) });
    if (generation !== listGeneration) return;
    store.set((s) => {
      const next = mergeConversations(s, page.conversations);
      const ids = page.conversations.map((c) => c.id);
      return { ...next, list: { ...s.list, ids, loading: false, nextCursor: page.next_cursor, source: 'http' } };
    });
    countUnread(page.conversations.map((c) => c.id));
  } catch (error) {
    if (generation !== listGeneration) return;
    if (error.status === 404 || error.status === 405) {
      // The list endpoint is missing on this server: the inbox.subscribe page stands in.
      store.set((s) => ({ ...s, list: { ...s.list, loading: false, source: 'ws', ids: Object.keys(s.convs) } }));
      return;
    }
    store.set((s) => ({ ...s, list: { ...s.list, loading: false, error: error.message } }));
  }
}

export async function loadMore() {
  const { filters, list } = store.get();
  if (!list.nextCursor || list.loadingMore) return;
  const generation = listGeneration;
  store.set((s) => ({ ...s, list: { ...s.list, loadingMore: true } }));
  try {
    const page = await api('/v1/conversations', { query: queryOf(filters, list.nextCursor) });
    if (generation !== listGeneration) return;
    store.set((s) => {
      const next = mergeConversations(s, page.conversations);
      const ids = [...new Set([...s.list.ids, ...page.conversations.map((c) => c.id)])];
      return { ...next, list: { ...s.list, ids, loadingMore: false, nextCursor: page.next_cursor } };
    });
    countUnread(page.conversations.map((c) => c.id));
  } catch (error) {
    store.set((s) => ({ ...s, list: { ...s.list, loadingMore: false } }));
    toastError(error, 'Loading more conversations');
  }
}

let searchTimer = null;

export function setFilters(patch) {
  store.set((s) => ({ ...s, filters: { ...s.filters, ...patch } }));
  clearTimeout(searchTimer);
  if ('q' in patch) searchTimer = setTimeout(loadList, 250);
  else loadList();
}

/** The inbox.subscribe ack page: the list's source when the HTTP list is missing. */
export function mergeInboxPage(conversations) {
  store.set((s) => {
    const next = mergeConversations(s, conversations);
    if (s.list.source !== 'ws') return next;
    const ids = [...new Set([...s.list.ids, ...conversations.map((c) => c.id)])];
    return { ...next, list: { ...next.list, ids } };
  });
  countUnread(conversations.map((c) => c.id));
}

/** A live event touched `conv`: list it if it matches (new conversations appear on top). */
export function admitToList(state, id) {
  if (state.list.ids.includes(id)) return state;
  const conv = state.convs[id];
  if (!conv || !matches(conv, state.filters, state.session?.user.id)) return state;
  return { ...state, list: { ...state.list, ids: [id, ...state.list.ids] } };
}

let refreshTimer = null;

/** Fetch the first page again soon, merging (a conversation we knew nothing about appeared). */
export function refreshSoon() {
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(async () => {
    const { filters, list } = store.get();
    if (list.source === 'ws') {
      request('inbox.subscribe', {})
        .then((ack) => mergeInboxPage(ack.conversations || []))
        .catch(() => {});
      return;
    }
    try {
      const page = await api('/v1/conversations', {
        query: { ...queryOf({ ...filters, status: 'all', assignee: '', channel: '', q: '', label: '' }), limit: 20 },
      });
      store.set((s) =>
        page.conversations.reduce((acc, c) => admitToList(acc, c.id), mergeConversations(s, page.conversations)),
      );
    } catch {
      /* the next event retries */
    }
  }, 300);
}

// -- unread ----------------------------------------------------------------------------------

let counted = {}; // conversation id -> highest seq already counted
let countQueue = [];
let counting = 0;

/** Forget the counting bookkeeping (sign-out: the next agent counts afresh). */
export function resetUnread() {
  counted = {};
  countQueue = [];
}

/** Count others' messages after `seen` for conversations with news (4 requests at a time). */
export function countUnread(ids) {
  const s = store.get();
  const me = s.session?.user.id;
  for (const id of ids) {
    const conv = s.convs[id];
    const seen = s.seen[id] || 0;
    if (
      !conv ||
      serverCounts(s, id) ||
      conv.last_seq <= Math.max(seen, counted[id] || 0) ||
      id === s.route.conversationId
    )
      continue;
    if (!countQueue.includes(id)) countQueue.push(id);
  }
  while (counting < 4 && countQueue.length) {
    const id = countQueue.shift();
    counting += 1;
    const after = store.get().seen[id] || 0;
    api(`/v1/conversations/${encodeURIComponent(id)}/messages`, { query: { after_seq: after, limit: 200 } })
      .then((page) => {
        const mine = (m) => m.sender?.kind === 'agent' && m.sender?.id === me;
        const theirs = page.messages.filter((m) => !mine(m));
        const top = page.messages.reduce((x, m) => Math.max(x, m.seq), after);
        counted[id] = Math.max(counted[id] || 0, top);
        store.set((st) => {
          if (st.route.conversationId === id) return st;
          return patchIn(st, 'unread', id, () => theirs.length);
        });
      })
      .catch(() => {})
      .finally(() => {
        counting -= 1;
        countUnread([]);
      });
  }
}

/** A live message in a conversation not being read now: one more unread (once per seq). */
export function countLive(state, message, { reading }) {
  const id = message.conversation_id;
  const me = state.session?.user.id;
  if (serverCounts(state, id)) return liveUnread(state, message, { me, reading });
  if (message.sender?.kind === 'agent' && message.sender?.id === me) return state;
  if (reading || message.seq <= (state.seen[id] || 0) || message.seq <= (counted[id] || 0)) return state;
  counted[id] = message.seq;
  return patchIn(state, 'unread', id, (n) => (n || 0) + 1);
}

/**
 * The agent has seen `seq` in conversation `id`.
 * @param {boolean} told the server has this agent's `read` up to `seq`
 */
export function markSeen(id, seq, told = true) {
  store.set((s) => {
    if (serverCounts(s, id)) {
      if (!told || ((s.readUpTo[id] || 0) >= seq && !s.unread[id])) return s;
      return readUnread({ ...s, readUpTo: { ...s.readUpTo, [id]: Math.max(s.readUpTo[id] || 0, seq) } }, id, seq);
    }
    if ((s.seen[id] || 0) >= seq && !s.unread[id]) return s;
    counted[id] = Math.max(counted[id] || 0, seq);
    const next = {
      ...s,
      seen: { ...s.seen, [id]: Math.max(s.seen[id] || 0, seq) },
      unread: { ...s.unread, [id]: 0 },
    };
    saveSeen(s.session.user.id, next.seen);
    return next;
  });
}

// -- a transcript's older messages ----------------------------------------------------------

/** Page over HTTP what a `subscribe` replay truncated (it replays the latest 1,000 events). */
export async function loadOlder(id) {
  const thread = store.get().threads[id];
  if (!thread || thread.loadingOlder || !thread.truncated) return;
  const until = thread.truncatedAt || 0; // the replay covered everything after this seq
  // Start after the last message already held below that point (a gap after a long outage).
  let after = thread.messages.reduce((top, m) => (m.seq <= until ? Math.max(top, m.seq) : top), 0);
  store.set((s) => patchIn(s, 'threads', id, { loadingOlder: true }));
  try {
    const older = [];
    while (after < until) {
      const page = await api(`/v1/conversations/${encodeURIComponent(id)}/messages`, {
        query: { after_seq: after, limit: 1000 },
      });
      older.push(...page.messages.filter((m) => m.seq <= until));
      if (page.next_after_seq == null || !page.messages.length) break;
      after = page.next_after_seq;
    }
    store.set((s) =>
      patchIn(s, 'threads', id, (t) => ({ ...addMessages(t, older), truncated: false, loadingOlder: false })),
    );
  } catch (error) {
    store.set((s) => patchIn(s, 'threads', id, { loadingOlder: false }));
    toastError(error, 'Loading earlier messages');
  }
}

// -- contacts ------------------------------------------------------------------------------

export async function loadContact(contactId, { force = false } = {}) {
  if (!contactId) return;
  const known = store.get().contacts[contactId];
  if (known && !force && known.state !== 'error') return;
  if (!known) store.set((s) => patchIn(s, 'contacts', contactId, { state: 'loading' }));
  try {
    const profile = await api(`/v1/contacts/${encodeURIComponent(contactId)}`);
    store.set((s) => {
      let next = patchIn(s, 'contacts', contactId, { state: 'ok', profile });
      const tickets = { ...next.tickets };
      for (const t of profile.tickets || []) tickets[t.id] = { ...tickets[t.id], ...t };
      next = { ...next, tickets };
      // The list rows of this contact learn its name.
      const contact = { id: profile.contact.id, name: profile.contact.name, email: profile.contact.email };
      const convs = { ...next.convs };
      for (const c of Object.values(convs)) if (c.contact_id === contactId) convs[c.id] = { ...c, contact };
      return { ...next, convs };
    });
  } catch (error) {
    const state = error.status === 404 || error.status === 405 ? 'missing' : 'error';
    store.set((s) => patchIn(s, 'contacts', contactId, { state, error: error.message }));
  }
}
