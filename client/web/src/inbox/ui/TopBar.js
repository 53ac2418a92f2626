/** The top bar: product, Conversations / Tickets / Reports / Settings, connection, agents online, help, account. */

import { html } from 'htm/preact';
import { useEffect } from 'preact/hooks';
import { useStore } from '../../shared/store.js';
import { goTo } from '../actions.js';
import { signOut } from '../session.js';
import { store } from '../state.js';
import { Avatar, Icon } from './common.js';

const CONN_TEXT = {
  connected: 'Connected',
  connecting: 'Connecting…',
  reconnecting: 'Reconnecting…',
  stopped: 'Offline',
};

export function TopBar() {
  const view = useStore(store, (s) => s.route.view);
  const conn = useStore(store, (s) => s.conn);
  const problem = useStore(store, (s) => s.connProblem);
  const presence = useStore(store, (s) => s.presence);
  const user = useStore(store, (s) => s.session.user);
  const unreadTotal = useStore(store, (s) => Object.values(s.unread).filter((n) => n > 0).length);
  // The tab title counts what needs this agent: unread conversations, and those announced
  // (notifications.js) and not opened yet.
  const needing = useStore(store, (s) => {
    const ids = new Set(Object.keys(s.notices));
    for (const [id, n] of Object.entries(s.unread)) if (n > 0) ids.add(id);
    return ids.size;
  });
  const others = (presence.agents || []).filter((a) => a.id !== user.id);
  useEffect(() => {
    const where = { tickets: 'Tickets', reports: 'Reports', settings: 'Settings' }[view] || 'Inbox';
    document.title = `${needing ? `(${needing}) ` : ''}${where} · FlowSupport`;
  }, [needing, view]);

  return html`<header class="topbar">
    <div class="brand"><span class="brand-mark"><${Icon} name="logo" size=${18} /></span> FlowSupport</div>
    <nav class="tabs" aria-label="Sections">
      <button data-testid="nav-conversations" class=${`tab ${view === 'conversations' ? 'active' : ''}`}
        aria-current=${view === 'conversations' ? 'page' : undefined} onClick=${() => goTo('conversations')}
        title="Conversations (g then c)">
        <${Icon} name="inbox" /> Conversations
        ${unreadTotal > 0 && html`<span class="tab-count" aria-label=${`${unreadTotal} with unread messages`}>${unreadTotal}</span>`}
      </button>
      <button data-testid="nav-tickets" class=${`tab ${view === 'tickets' ? 'active' : ''}`}
        aria-current=${view === 'tickets' ? 'page' : undefined} onClick=${() => goTo('tickets')}
        title="Tickets (g then t)">
        <${Icon} name="ticket" /> Tickets
      </button>
      <button data-testid="nav-reports" class=${`tab ${view === 'reports' ? 'active' : ''}`}
        aria-current=${view === 'reports' ? 'page' : undefined} onClick=${() => goTo('reports')} title="Reports">
        <${Icon} name="chart" /> Reports
      </button>
      <button data-testid="nav-settings" class=${`tab ${view === 'settings' ? 'active' : ''}`}
        aria-current=${view === 'settings' ? 'page' : undefined} onClick=${() => goTo('settings')}
        title="Settings (g then s)">
        <${Icon} name="settings" /> Settings
      </button>
    </nav>
    <div class="topbar-right">
      <span data-testid="inbox-connection" class=${`conn conn-${conn}`} role="status" title=${problem || ''}>
        <span class="dot" aria-hidden="true"></span>${problem ? 'Origin not allowed' : CONN_TEXT[conn] || conn}
      </span>
      <span class="presence" title=${(presence.agents || []).map((a) => a.name).join(', ') || 'Agents online'}>
        <span class="presence-faces" aria-hidden="true">
          ${others.slice(0, 3).map((a) => html`<${Avatar} key=${a.id} name=${a.name} id=${a.id} kind="agent" size=${22} />`)}
        </span>
        <${Icon} name="users" size=${14} /> ${presence.count} online
      </span>
      <button class="icon-btn" onClick=${() => store.set((s) => ({ ...s, help: true }))} aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)">
        <${Icon} name="help" />
      </button>
      <span class="me">
        <${Avatar} name=${user.name} id=${user.id} kind="agent" size=${26} />
        <span class="me-name">${user.name}</span>
      </span>
      <button class="btn btn-ghost btn-sm" data-testid="inbox-signout" onClick=${() => signOut()} title="Sign out">
        <${Icon} name="logout" size=${14} /> Sign out
      </button>
    </div>
  </header>`;
}
