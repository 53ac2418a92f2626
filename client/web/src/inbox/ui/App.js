/** The app shell: sign-in, or the top bar over the three panes; help and toasts on top. */

import { html } from 'htm/preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useStore } from '../../shared/store.js';
import { SHORTCUTS } from '../shortcuts.js';
import { dismissToast, store } from '../state.js';
import { Checklist, checklistDismissed, isAdmin } from './Checklist.js';
import { ConversationList } from './ConversationList.js';
import { ConversationView } from './ConversationView.js';
import { Icon } from './common.js';
import { DetailsPanel } from './DetailsPanel.js';
import { Setup } from './Setup.js';
import { SignIn } from './SignIn.js';
import { TicketDetails, TicketList, TicketView } from './Tickets.js';
import { TopBar } from './TopBar.js';

export function App() {
  const signedIn = useStore(store, (s) => !!s.session);
  const signedOut = location.pathname === '/setup' ? Setup : SignIn;
  return html`${signedIn ? html`<${Shell} />` : html`<${signedOut} />`}<${Toasts} />`;
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
        route.view === 'tickets'
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
