/**
 * Getting started, for admins of a new workspace: paste the widget, import a help center,
 * invite a teammate. Each step reads as done from the server's own state (a web
 * conversation exists, the knowledge base has an article, the team has a second member),
 * so the list stays honest across browsers. Dismissed per workspace in this browser.
 */

import { html } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';
import { useStore } from '../../shared/store.js';
import { navigate } from '../actions.js';
import { api } from '../http.js';
import { settingsPath } from '../settings/pages.js';
import { store } from '../state.js';
import { Icon } from './common.js';

const ADMIN_ROLES = new Set(['admin', 'super_admin']);
const dismissKey = (tenantId) => `flowsupport.inbox.checklist.${tenantId}`;

/** The `<script>` tag a customer pastes into their site. */
export function widgetSnippet(serverOrigin, widgetKey) {
  return `<script src="${serverOrigin}/widget.js" data-widget-key="${widgetKey}" async></script>`;
}

/** A shell word, quoted when it needs to be (workspace names have spaces). */
export function shellWord(text) {
  return /^[A-Za-z0-9_.@:/+-]+$/.test(text) ? text : `'${text.replaceAll("'", "'\\''")}'`;
}

export function isAdmin(user) {
  return ADMIN_ROLES.has(user?.role);
}

export function checklistDismissed(tenantId) {
  return localStorage.getItem(dismissKey(tenantId)) === 'dismissed';
}

export function Checklist({ onDismiss }) {
  const user = useStore(store, (s) => s.session.user);
  const staffCount = useStore(store, (s) => (s.staff.state === 'ok' ? s.staff.users.length : 0));
  const hasWebChat = useStore(store, (s) => Object.values(s.convs).some((c) => c.channel === 'web'));
  const [workspace, setWorkspace] = useState(null);
  const [articles, setArticles] = useState(null);
  const [error, setError] = useState(null);

  useEffect(() => {
    api('/v1/settings').then(setWorkspace, (e) => setError(e.message));
    api('/v1/kb/articles', { query: { limit: 1 } }).then(
      (data) => setArticles(data.articles.length),
      () => setArticles(0),
    );
  }, []);

  function dismiss() {
    localStorage.setItem(dismissKey(user.tenant_id), 'dismissed');
    onDismiss();
  }

  if (error) return html`<p class="form-error" role="alert">${error}</p>`;
  if (!workspace) return null;
  const tenant = shellWord(workspace.name);
  // The server's own tag (its public URL) when it gives one.
  const snippet = workspace.widget_snippet || widgetSnippet(location.origin, workspace.widget_key);
  const steps = [
    {
      id: 'widget',
      done: hasWebChat,
      title: 'Put the chat widget on your website',
      text: html`Paste this before <code>${'</body>'}</code> on ${workspace.allowed_origins.join(', ') || 'your site'}. Visitors' chats then land in Conversations.`,
      code: snippet,
    },
    {
      id: 'kb',
      done: articles > 0,
      title: 'Import your help center',
      text: 'The AI answers visitors from these articles, with links to them, and hands over what they do not cover. Upload Markdown or HTML files (or a .zip) in the settings, or ingest a folder:',
      code: `python -m kb_ingest ./help-center --tenant ${tenant} --base-url https://help.example.com`,
      page: ['kb', 'Upload articles'],
    },
    {
      id: 'team',
      done: staffCount > 1,
      title: 'Invite a teammate',
      text: 'Give each agent their own account: invite them by e-mail, and they choose their password from the link.',
      page: ['team', 'Invite from Settings'],
    },
  ];
  const left = steps.filter((s) => !s.done).length;

  return html`<section class="checklist" data-testid="checklist" aria-labelledby="checklist-title">
    <div class="checklist-head">
      <h2 id="checklist-title">Get ${workspace.name} ready</h2>
      <span class="muted small">${left ? `${left} of ${steps.length} left` : 'All done'}</span>
      <button class="icon-btn" onClick=${dismiss} aria-label="Hide the checklist" title="Hide"><${Icon} name="x" /></button>
    </div>
    <ol class="checklist-steps">
      ${steps.map(
        (step) => html`<li key=${step.id} class=${step.done ? 'done' : ''} data-testid=${`checklist-${step.id}`}>
        <span class="check-mark" aria-label=${step.done ? 'done' : 'to do'}>${step.done ? html`<${Icon} name="check" size=${14} />` : ''}</span>
        <div>
          <h3>${step.title}</h3>
          <p class="muted">${step.text}</p>
          ${step.code && html`<${CopyBox} text=${step.code} testid=${`checklist-${step.id}-code`} />`}
          ${
            step.page &&
            html`<a class="btn btn-sm checklist-go" href=${settingsPath(step.page[0])} data-testid=${`checklist-${step.id}-go`}
              onClick=${(e) => {
                e.preventDefault();
                navigate({ view: 'settings', page: step.page[0] });
              }}>${step.page[1]}</a>`
          }
        </div>
      </li>`,
      )}
    </ol>
  </section>`;
}

function CopyBox({ text, testid }) {
  const [copied, setCopied] = useState(false);
  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    } catch {
      setCopied(false); // no clipboard (insecure origin): the text stays selectable
    }
  }
  return html`<div class="copybox">
    <code data-testid=${testid}>${text}</code>
    <button class="btn btn-sm" type="button" onClick=${copy}>${copied ? 'Copied' : 'Copy'}</button>
  </div>`;
}
