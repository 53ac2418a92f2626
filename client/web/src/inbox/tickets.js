/**
 * Tickets over HTTP (README "Escalation and tickets"), kept current by the live-only
 * `ticket.created` / `ticket.updated` / `ticket.sla_breached` frames to inbox watchers.
 */

import { api } from './http.js';
import { isStaff } from './staff.js';
import { patchIn, store, toast, toastError } from './state.js';

let generation = 0;

function queryOf(filters, cursor) {
  return { ...filters, q: filters.q.trim(), limit: 50, cursor };
}

export function ticketMatches(ticket, filters, me) {
  if (filters.status && ticket.status !== filters.status) return false;
  if (filters.priority && ticket.priority !== filters.priority) return false;
  if (filters.assignee === 'me' && ticket.assignee_id !== me) return false;
  if (filters.assignee === 'none' && ticket.assignee_id) return false;
  if (filters.q.trim() && !ticket.subject.toLowerCase().includes(filters.q.trim().toLowerCase())) return false;
  return true;
}

export function visibleTicketIds(state) {
  const me = state.session?.user.id;
  const openId = state.route.ticketId;
  return state.ticketList.ids
    .map((id) => state.tickets[id])
    .filter((t) => t && (t.id === openId || ticketMatches(t, state.ticketFilters, me)))
    .sort((a, b) => Date.parse(b.updated_at) - Date.parse(a.updated_at) || b.number - a.number)
    .map((t) => t.id);
}

function mergeTickets(state, tickets) {
  const all = { ...state.tickets };
  for (const t of tickets) all[t.id] = { ...all[t.id], ...t };
  return { ...state, tickets: all };
}

export async function loadTickets() {
  const mine = ++generation;
  const filters = store.get().ticketFilters;
  store.set((s) => ({ ...s, ticketList: { ...s.ticketList, loading: true, error: null } }));
  try {
    const page = await api('/v1/tickets', { query: queryOf(filters) });
    if (mine !== generation) return;
    store.set((s) => ({
      ...mergeTickets(s, page.tickets),
      ticketList: {
        ...s.ticketList,
        ids: page.tickets.map((t) => t.id),
        loading: false,
        nextCursor: page.next_cursor,
        loaded: true,
      },
    }));
  } catch (error) {
    if (mine !== generation) return;
    store.set((s) => ({ ...s, ticketList: { ...s.ticketList, loading: false, error: error.message } }));
  }
}

export async function loadMoreTickets() {
  const { ticketFilters, ticketList } = store.get();
  if (!ticketList.nextCursor || ticketList.loadingMore) return;
  store.set((s) => ({ ...s, ticketList: { ...s.ticketList, loadingMore: true } }));
  try {
    const page = await api('/v1/tickets', { query: queryOf(ticketFilters, ticketList.nextCursor) });
    store.set((s) => ({
      ...mergeTickets(s, page.tickets),
      ticketList: {
        ...s.ticketList,
        ids: [...new Set([...s.ticketList.ids, ...page.tickets.map((t) => t.id)])],
        loadingMore: false,
        nextCursor: page.next_cursor,
      },
    }));
  } catch (error) {
    store.set((s) => ({ ...s, ticketList: { ...s.ticketList, loadingMore: false } }));
    toastError(error, 'Loading more tickets');
  }
}

let searchTimer = null;

export function setTicketFilters(patch) {
  store.set((s) => ({ ...s, ticketFilters: { ...s.ticketFilters, ...patch } }));
  clearTimeout(searchTimer);
  if ('q' in patch) searchTimer = setTimeout(loadTickets, 250);
  else loadTickets();
}

/** After a reconnect: ticket frames are live-only, so re-read what is on screen. */
export function reloadTickets() {
  const s = store.get();
  if (s.ticketList.loaded) loadTickets();
  if (s.route.ticketId) loadTicket(s.route.ticketId);
}

export async function loadTicket(id, { quiet = false } = {}) {
  if (!store.get().ticketDetail[id])
    store.set((s) => patchIn(s, 'ticketDetail', id, { state: 'loading', comments: [] }));
  try {
    const full = await api(`/v1/tickets/${encodeURIComponent(id)}`);
    const { comments, ...ticket } = full;
    store.set((s) => {
      let next = mergeTickets(s, [ticket]);
      next = patchIn(next, 'ticketDetail', id, { state: 'ok', comments: comments || [] });
      const names = { ...next.names };
      for (const c of comments || []) {
        const a = c.author;
        if (a?.kind === 'agent' && a.id && a.name && !isStaff(next, a.id)) names[a.id] = a.name;
      }
      return { ...next, names };
    });
  } catch (error) {
    store.set((s) =>
      patchIn(s, 'ticketDetail', id, { state: error.status === 404 ? 'missing' : 'error', error: error.message }),
    );
    if (!quiet && error.status !== 404) toastError(error, 'Loading the ticket');
  }
}

/** A ticket frame (created, updated, SLA breached): merge; list a new one that matches. */
export function onTicketFrame(frame) {
  const ticket = frame.ticket;
  if (!ticket) return;
  store.set((s) => {
    let next = mergeTickets(s, [ticket]);
    const listed = next.ticketList.ids.includes(ticket.id);
    if (!listed && next.ticketList.loaded && ticketMatches(ticket, next.ticketFilters, next.session?.user.id)) {
      next = { ...next, ticketList: { ...next.ticketList, ids: [ticket.id, ...next.ticketList.ids] } };
    }
    return next;
  });
  const changes = frame.changes || [];
  if (frame.type === 'ticket.sla_breached')
    toast(`Ticket #${ticket.number} missed its ${String(changes[0] || 'SLA').replace('_', ' ')} target`, 'warning');
  const detail = store.get().ticketDetail[ticket.id];
  if (detail && (changes.includes('comments') || frame.type === 'ticket.created'))
    loadTicket(ticket.id, { quiet: true });
}

export async function patchTicket(id, values) {
  const before = store.get().tickets[id];
  store.set((s) => patchIn(s, 'tickets', id, values));
  try {
    const ticket = await api(`/v1/tickets/${encodeURIComponent(id)}`, { method: 'PATCH', body: values });
    store.set((s) => patchIn(s, 'tickets', id, ticket));
  } catch (error) {
    if (before)
      store.set((s) => patchIn(s, 'tickets', id, Object.fromEntries(Object.keys(values).map((k) => [k, before[k]]))));
    toastError(error, 'Ticket not changed');
  }
}

/** Post a comment; resolves true when stored (the caller clears its input only then). */
export async function addComment(id, body, isPublic) {
  try {
    const comment = await api(`/v1/tickets/${encodeURIComponent(id)}/comments`, {
      method: 'POST',
      body: { body, public: isPublic },
    });
    store.set((s) =>
      patchIn(s, 'ticketDetail', id, (d) => {
        const comments = (d?.comments || []).filter((c) => c.id !== comment.id);
        return { ...(d || { state: 'ok' }), comments: [...comments, comment] };
      }),
    );
    return true;
  } catch (error) {
    toastError(error, 'Comment not added');
    return false;
  }
}

/**
 * A ticket's SLA clock (issue 13): paused while the ticket is pending or solved (waiting on
 * the customer, or done until reopened), running toward `due_at` otherwise, none when closed
 * or without a target. A ticket that carries `sla_paused_at` says which (null: running);
 * one without it (an older server) is judged by its status. Missed targets (`breaches`)
 * stay shown whatever the clock does.
 * @returns {{clock: 'paused' | 'running' | null, breached: string[], soon: boolean}}
 */
export function slaClock(ticket, now) {
  const breached = Array.isArray(ticket.breaches) ? ticket.breaches : [];
  const paused =
    'sla_paused_at' in ticket ? !!ticket.sla_paused_at : ticket.status === 'pending' || ticket.status === 'solved';
  let clock = null;
  if (ticket.status === 'closed') clock = null;
  else if (paused) clock = ticket.due_at || breached.length || ticket.sla_paused_at ? 'paused' : null;
  else if (ticket.due_at) clock = 'running';
  const due = Date.parse(ticket.due_at || '');
  return { clock, breached, soon: clock === 'running' && Number.isFinite(due) && due - now < 3600000 };
}
