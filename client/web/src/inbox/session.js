/**
 * Signing in and out, and starting everything a signed-in agent needs. The token lives in
 * sessionStorage only; any 401 (HTTP) or 4001 (WebSocket) returns to the sign-in screen.
 */

import { applyRoute } from './actions.js';
import { loadList, resetUnread } from './conversations.js';
import { expireSignals, HANDLERS } from './frames.js';
import { api, configureHttp } from './http.js';
import { reading, sendRead, startLive, stopLive } from './live.js';
import { trackAttention, withNotices } from './notifications.js';
import { applyPrefs, loadPrefs, normalizePrefs, savePrefs } from './prefs.js';
import { loadStaff } from './staff.js';
import { initialState, loadNames, loadSeen, parseLocation, saveSession, store, toast, urlOf } from './state.js';

let timers = [];
let stopTracking = () => {};

export async function signIn(email, password) {
  begin(await api('/v1/auth/login', { method: 'POST', body: { email, password }, auth: false }));
}

/**
 * First run: create the workspace and its admin (POST /v1/setup), then start signed in,
 * in the inbox, with the getting-started checklist in view.
 */
export async function setUp(form) {
  const data = await api('/v1/setup', { method: 'POST', body: form, auth: false });
  history.replaceState(null, '', '/inbox#/');
  begin(data);
}

/** A login (or setup, or accepted invitation) answer becomes the session, and the signed-in app starts. */
export function begin(data) {
  const session = {
    token: data.access_token,
    user: data.user,
    expiresAt: Date.now() + (data.expires_in || 3600) * 1000,
  };
  saveSession(session);
  store.set((s) => ({ ...initialState(), session, route: s.route }));
  start();
}

export function signOut(reason) {
  stopLive();
  resetUnread();
  for (const t of timers) clearInterval(t);
  timers = [];
  stopTracking();
  saveSession(null);
  store.set((s) => ({ ...initialState(), session: null, route: s.route }));
  applyPrefs(store.get().prefs);
  if (reason) toast(reason, 'info');
}

/** The signed-in user as the server now tells (`GET /v1/me`): a renamed agent's new name. */
export async function refreshMe() {
  const me = await api('/v1/me');
  store.set((s) => {
    if (!s.session || s.session.user.id !== me.id) return s;
    const session = { ...s.session, user: { ...s.session.user, name: me.name ?? s.session.user.name, role: me.role } };
    saveSession(session);
    return { ...s, session, names: { ...s.names, [me.id]: session.user.name } };
  });
}

/**
 * Change this browser's preferences for the signed-in agent (Settings > Profile); they
 * apply at once. False when the browser would not store them (they then last this page).
 */
export function changePrefs(patch) {
  const { session, prefs } = store.get();
  if (!session) return false;
  const next = normalizePrefs({ ...prefs, ...patch });
  store.set((s) => ({ ...s, prefs: next }));
  applyPrefs(next);
  return savePrefs(session.user.id, next);
}

function expired() {
  signOut('Your session has ended. Please sign in again.');
}

/** Start the signed-in app (after sign-in, or on load with a saved session). */
export function start() {
  const { session } = store.get();
  if (!session) return;
  configureHttp({ accessToken: session.token, unauthorized: expired });
  const me = session.user;
  store.set((s) => ({
    ...s,
    seen: loadSeen(me.id),
    names: { ...loadNames(me.tenant_id), [me.id]: me.name },
    prefs: loadPrefs(me.id),
  }));
  applyPrefs(store.get().prefs);
  startLive({ handlers: withNotices(HANDLERS, { reading }), onUnauthorized: expired });
  stopTracking = trackAttention();
  loadList();
  loadStaff();
  const route = store.get().route;
  store.set((s) => ({ ...s, route: { ...route, conversationId: null, ticketId: null } }));
  applyRoute(route);
  timers.push(setInterval(expireSignals, 2000));
  // While a conversation is on screen, a read every 30 s tells other agents who is viewing.
  timers.push(
    setInterval(() => {
      const id = store.get().route.conversationId;
      if (id) sendRead(id, { heartbeat: true });
    }, 30000),
  );
}

export function boot() {
  configureHttp({ accessToken: null, unauthorized: expired });
  // `/inbox/settings` is its first page: say so in the address bar.
  const { route } = store.get();
  if (route.view === 'settings' && location.pathname !== urlOf(route)) history.replaceState(null, '', urlOf(route));
  // Back and forward between the inbox and the settings area are popstates; inside the
  // inbox, hashchanges. Applying the same route twice changes nothing.
  const follow = () => {
    if (store.get().session) applyRoute(parseLocation(location));
    else store.set((s) => ({ ...s, route: parseLocation(location) }));
  };
  addEventListener('hashchange', follow);
  addEventListener('popstate', follow);
  document.addEventListener('visibilitychange', () => {
    const id = store.get().route.conversationId;
    if (id && document.visibilityState === 'visible') sendRead(id);
  });
  if (store.get().session) start();
}
