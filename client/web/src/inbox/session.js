/**
 * Signing in and out, and starting everything a signed-in agent needs. The token lives in
 * sessionStorage only; any 401 (HTTP) or 4001 (WebSocket) returns to the sign-in screen.
 */

import { applyRoute } from './actions.js';
import { loadList, resetUnread } from './conversations.js';
import { expireSignals, HANDLERS } from './frames.js';
import { api, configureHttp } from './http.js';
import { sendRead, startLive, stopLive } from './live.js';
import { loadStaff } from './staff.js';
import { initialState, loadNames, loadSeen, parseHash, saveSession, store, toast } from './state.js';

let timers = [];

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

/** A login (or setup) answer becomes the session, and the signed-in app starts. */
function begin(data) {
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
  saveSession(null);
  store.set((s) => ({ ...initialState(), session: null, route: s.route }));
  if (reason) toast(reason, 'info');
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
  }));
  startLive({ handlers: HANDLERS, onUnauthorized: expired });
  loadList();
  loadStaff();
  const route = store.get().route;
  store.set((s) => ({ ...s, route: { view: route.view, conversationId: null, ticketId: null } }));
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
  addEventListener('hashchange', () => {
    if (store.get().session) applyRoute(parseHash(location.hash));
    else store.set((s) => ({ ...s, route: parseHash(location.hash) }));
  });
  document.addEventListener('visibilitychange', () => {
    const id = store.get().route.conversationId;
    if (id && document.visibilityState === 'visible') sendRead(id);
  });
  if (store.get().session) start();
}
