/**
 * The app shell: sign-in (or first-run setup), or the top bar over the inbox's three panes
 * or the settings area; help and toasts on top.
 */

import { html } from 'htm/preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useStore } from '../../shared/store.js';
import { SHORTCUTS } from '../shortcuts.js';
import { dismissToast, store } from '../state.js';
import { AcceptInvite, ResetPassword } from './Accounts.js';
import { Checklist, checklistDismissed, isAdmin } from './Checklist.js';
import { ConversationList } from './ConversationList.js';
import { ConversationView } from './ConversationView.js';
import { Icon, Spinner } from './common.js';
import { DetailsPanel } from './DetailsPanel.js';
import { Setup } from './Setup.js';
import { SignIn } from './SignIn.js';
import { TicketDetails, TicketList, TicketView } from './Tickets.js';
import { TopBar } from './TopBar.js';

/** Pages a link opens whatever the session: accepting an invitation, resetting a password. */
const LINK_PAGES = { '/invite': AcceptInvite, '/reset': ResetPassword };

export function App() {
  const session = useStore(store, (s) => s.session); // re-read the path when it changes (accepting signs in)
  const linked = LINK_PAGES[location.pathname];
  const signedOut = location.pathname === '/setup' ? Setup : SignIn;
  const page = linked || (session ? Shell : signedOut);
  return html`<${page} /><${Toasts} />`;
}

function Shell() {
  const route = useStore(store, (s) => s.route);
  const help = useStore(store, (s) => s.help);
  const conn = useStore(store, (s) => s.conn);
  return html`<div class="app" data-testid="inbox-app">
    <${TopBar} />
    ${conn === 'reconnecting' && html`<div class="banner" role="status">Connection lost. Reconnecting… new messages will appear when it is back.</div>`}
    <div class="panes">
      ${
        route.view === 'settings'
          ? html`<${LazySettings} />`
          : route.view === 'reports'
            ? html`<${LazyReports} />`
            : route.view === 'tickets'
              ? html`<${TicketList} />
            ${route.ticketId ? html`<${TicketView} id=${route.ticketId} /><${TicketDetails} id=${route.ticketId} />` : html`<${Empty} icon="ticket" title="Select a ticket" text="Escalated conversations become tickets with an SLA and a handoff summary." />`}`
              : html`<${ConversationList} />
            ${
              route.conversationId
                ? html`<${ConversationView} id=${route.conversationId} /><${DetailsPanel} id=${route.conversationId} />`
                : html`<${Welcome} />`
            }`
      }
    </div>
    ${help && html`<${Help} />`}
  </div>`;
}

/**
 * The settings area, loaded the first time it is opened (its own chunk: most agents never
 * open more than their profile, and the inbox loads without it).
 */
let settingsModule = null;

function LazySettings() {
  const [loaded, setLoaded] = useState(settingsModule);
  const [failed, setFailed] = useState(null);
  useEffect(() => {
    if (loaded) return;
    import('./settings/Settings.js').then(
      (module) => {
        settingsModule = module;
        setLoaded(module);
      },
      (error) => setFailed(error),
    );
  }, []);
  if (failed) {
    return html`<section class="pane main-pane empty-main"><div class="placeholder" role="alert">
      <h2>The settings could not be loaded</h2>
      <p class="muted">${failed.message || 'Check your connection.'}</p>
      <button class="btn" onClick=${() => location.reload()}>Reload</button>
    </div></section>`;
  }
  if (!loaded)
    return html`<section class="pane main-pane empty-main"><div class="placeholder"><${Spinner} label="Loading the settings" /></div></section>`;
  return html`<${loaded.Settings} />`;
}

/** The Reports page, its own chunk too (with its charting library): loaded when opened. */
let reportsModule = null;

function LazyReports() {
  const [loaded, setLoaded] = useState(reportsModule);
  const [failed, setFailed] = useState(null);
  useEffect(() => {
    if (loaded) return;
    import('./Reports.js').then(
      (module) => {
        reportsModule = module;
        setLoaded(module);
      },
      (error) => setFailed(error),
    );
  }, []);
  if (failed) {
    return html`<section class="pane main-pane empty-main"><div class="placeholder" role="alert">
      <h2>The reports could not be loaded</h2>
      <p class="muted">${failed.message || 'Check your connection.'}</p>
      <button class="btn" onClick=${() => location.reload()}>Reload</button>
    </div></section>`;
  }
  if (!loaded)
    return html`<section class="pane main-pane empty-main"><div class="placeholder"><${Spinner} label="Loading the reports" /></div></section>`;
  return html`<${loaded.Reports} />`;
}

/** No conversation open: an admin of a new workspace sees the checklist, others the hint. */
function Welcome() {
  const user = useStore(store, (s) => s.session.user);
  const [hidden, setHidden] = useState(() => !isAdmin(user) || checklistDismissed(user.tenant_id));
  if (hidden) {
    return html`<${Empty} icon="inbox" title="Select a conversation" text="Pick a conversation on the left, or press j / k and Enter." />`;
  }
  return html`<section class="pane main-pane empty-main"><${Checklist} onDismiss=${() => setHidden(true)} /></section>`;
}

function Empty({ icon, title, text }) {
  return html`<section class="pane main-pane empty-main">
    <div class="placeholder">
      <span class="placeholder-icon"><${Icon} name=${icon} size=${28} /></span>
      <h2>${title}</h2>
      <p class="muted">${text}</p>
      <p class="muted small">Press <kbd>?</kbd> for keyboard shortcuts.</p>
    </div>
  </section>`;
}

function Help() {
  const ref = useRef(null);
  useEffect(() => {
    const before = document.activeElement;
    ref.current?.focus();
    return () => before?.focus?.();
  }, []);
  const close = () => store.set((s) => ({ ...s, help: false }));
  return html`<div class="overlay" onClick=${(e) => e.target === e.currentTarget && close()}>
    <div data-testid="shortcuts-help" class="dialog" role="dialog" aria-modal="true" aria-labelledby="help-title" tabIndex="-1" ref=${ref}>
      <div class="dialog-head">
        <h2 id="help-title">Keyboard shortcuts</h2>
        <button class="icon-btn" onClick=${close} aria-label="Close"><${Icon} name="x" /></button>
      </div>
      <dl class="shortcuts">
        ${SHORTCUTS.map(([keys, what]) => html`<dt>${keys.split(' then ').map((k, i) => html`${i ? html`<span class="muted small"> then </span>` : ''}<kbd>${k}</kbd>`)}</dt><dd>${what}</dd>`)}
      </dl>
      <p class="muted small">Shortcuts pause while you type in a field; Esc leaves the field.</p>
    </div>
  </div>`;
}

function Toasts() {
  const toasts = useStore(store, (s) => s.toasts);
  return html`<div class="toasts" role="status" aria-live="polite">
    ${toasts.map(
      (t) => html`<div key=${t.id} data-testid="toast" class=${`toast toast-${t.kind}`}>
      <${Icon} name=${t.kind === 'error' ? 'alert' : t.kind === 'warning' ? 'clock' : 'check'} size=${15} />
      <span>${t.text}</span>
      <button class="icon-btn" aria-label="Dismiss" onClick=${() => dismissToast(t.id)}><${Icon} name="x" size=${14} /></button>
    </div>`,
    )}
  </div>`;
}
