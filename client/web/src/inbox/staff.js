/**
 * The tenant's agents and admins (`GET /v1/users`): the assignee menus' options and every
 * agent's name. Read after sign-in and again after each reconnect. A server without the
 * list (404) or refusing it (403) leaves the inbox as it was before it: assignees from
 * presence, names from what frames and comments told this browser.
 */

import { api } from './http.js';
import { saveNames, store } from './state.js';

let generation = 0;

/** A staff member's display name: name, else e-mail. */
export function staffName(user) {
  return user.name || user.email || '';
}

/** Whether the staff list (when read) has this agent: its name wins over older senders'. */
export function isStaff(state, id) {
  return state.staff.state === 'ok' && !!state.staff.users?.some((u) => u.id === id);
}

/** A staff member's current name by id (null when the list is not read or lacks them). */
export function staffNameOf(state, id) {
  if (state.staff.state !== 'ok' || !id) return null;
  const user = state.staff.users?.find((u) => u.id === id);
  return user ? staffName(user) || null : null;
}

export async function loadStaff() {
  const session = store.get().session;
  if (!session) return;
  const mine = ++generation;
  store.set((s) => ({ ...s, staff: { ...s.staff, loading: true } }));
  let users;
  try {
    const data = await api('/v1/users');
    users = Array.isArray(data?.users) ? data.users : null;
    if (!users) throw new Error('malformed staff list');
  } catch (error) {
    if (mine !== generation || store.get().session !== session) return;
    // 403 / 404: this server or this agent has no staff list: presence it is. Anything else
    // (offline, 5xx): keep a list read earlier, if any; the next reconnect reads it again.
    const state = error.status === 403 || error.status === 404 || error.status === 405 ? 'unavailable' : 'error';
    store.set((s) => ({ ...s, staff: { ...s.staff, loading: false, state: s.staff.users ? s.staff.state : state } }));
    return;
  }
  if (mine !== generation || store.get().session !== session) return; // signed out meanwhile
  store.set((s) => {
    const names = { ...s.names };
    for (const u of users) {
      const name = staffName(u);
      if (u.id && name) names[u.id] = name;
    }
    saveNames(s.session.user.tenant_id, names);
    return { ...s, names, staff: { state: 'ok', loading: false, users } };
  });
}
