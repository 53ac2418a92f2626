/**
 * The settings area (`/inbox/settings/<page>`): the left nav with the pages this user may
 * open (everyone: Profile; admins: the workspace's pages too), and the page. An admin page
 * opened by a non-admin (a typed address, an old bookmark) shows "admins only"; so does
 * any page the API answers 403, whatever the browser believed about the role.
 */

import { html } from 'htm/preact';
import { useEffect, useRef } from 'preact/hooks';
import { useStore } from '../../../shared/store.js';
import { navigate } from '../../actions.js';
import { isAdminRole, pageById, pagesFor, settingsPath } from '../../settings/pages.js';
import { store } from '../../state.js';
import { Icon } from '../common.js';
import { AiSettings } from './Ai.js';
import { ApiKeys } from './ApiKeys.js';
import { Audit } from './Audit.js';
import { Channels } from './Channels.js';
import { TicketFields } from './Fields.js';
import { Knowledge } from './Knowledge.js';
import { AdminsOnly, PageHead } from './kit.js';
import { LabelsSettings } from './Labels.js';
import { MacrosSettings } from './Macros.js';
import { Privacy } from './Privacy.js';
import { Profile } from './Profile.js';
import { Replies } from './Replies.js';
import { Retention } from './Retention.js';
import { SlaHours } from './Sla.js';
import { Team } from './Team.js';
import { WidgetSettings } from './Widget.js';

const PAGES = {
  profile: Profile,
  replies: Replies,
  macros: MacrosSettings,
  team: Team,
  'api-keys': ApiKeys,
  widget: WidgetSettings,
  channels: Channels,
  ai: AiSettings,
  sla: SlaHours,
  retention: Retention,
  fields: TicketFields,
  labels: LabelsSettings,
  kb: Knowledge,
  audit: Audit,
  privacy: Privacy,
};

export function Settings() {
  const page = useStore(store, (s) => s.route.page);
  const user = useStore(store, (s) => s.session.user);
  const pages = pagesFor(user);
  const admin = isAdminRole(user.role);
  const current = pageById(page);
  const Page = current ? PAGES[current.id] : null;
  const main = useRef(null);
  const first = useRef(true);

  // A new page: its heading takes the focus (a screen reader announces where it is), except
  // on the first render, where the focus stays where the browser put it.
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    main.current?.scrollTo?.(0, 0);
    main.current?.querySelector('#settings-title')?.focus();
  }, [page]);

  let body;
  if (!current || !Page) {
    body = html`<${PageHead} title="No such settings page" text="The address names a page that does not exist." />`;
  } else if (current.admin && !admin) {
    body = html`<${PageHead} title=${current.label} /><${AdminsOnly} what=${current.label} />`;
  } else {
    body = html`<${Page} key=${current.id} />`;
  }

  return html`<div class="settings" data-testid="settings">
    <nav class="settings-nav" aria-label="Settings" data-testid="settings-nav">
      <div class="settings-nav-head">
        <h2>Settings</h2>
        <p class="muted small">${admin ? 'Your account and your workspace' : 'Your account'}</p>
      </div>
      <${NavGroup} title="You" pages=${pages.filter((p) => !p.admin)} current=${page} />
      ${admin && html`<${NavGroup} title="Workspace" pages=${pages.filter((p) => p.admin)} current=${page} />`}
    </nav>
    <main class="settings-main" ref=${main} aria-labelledby="settings-title" data-testid=${`settings-page-${page}`}>
      <div class="settings-page">${body}</div>
    </main>
  </div>`;
}

function NavGroup({ title, pages, current }) {
  const id = `settings-nav-${title.toLowerCase()}`;
  return html`<div class="settings-nav-group">
    <h3 id=${id}>${title}</h3>
    <ul aria-labelledby=${id}>
      ${pages.map(
        (p) => html`<li key=${p.id}>
        <a href=${settingsPath(p.id)} class=${`settings-link ${p.id === current ? 'active' : ''}`}
          aria-current=${p.id === current ? 'page' : undefined} data-testid=${`settings-nav-${p.id}`}
          onClick=${(e) => {
            if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return; // a new tab or window
            e.preventDefault();
            navigate({ view: 'settings', page: p.id });
          }}>
          <${Icon} name=${p.icon} size=${15} /> ${p.label}
        </a>
      </li>`,
      )}
    </ul>
  </div>`;
}
