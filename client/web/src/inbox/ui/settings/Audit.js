/**
 * The audit log (admins): who did what, to what, from which address (`GET /v1/audit`),
 * newest first, filtered by action (a prefix ending in "." such as `auth.`), actor and a
 * range of days; older entries by "Load more" (the server's keyset cursor); the whole
 * filtered range as CSV (an authenticated download: the token is a bearer header). The
 * access review (every staff account, its role and last activity) downloads here too.
 */

import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { api, download } from '../../http.js';
import { auditQuery, detailsSummary, who } from '../../settings/audit.js';
import { ErrorNote, Field, Loaded, PageHead, Section, useAction, useLoad, when } from './kit.js';

const EMPTY = { action: '', actor: '', from: '', to: '' };

export function Audit() {
  const [draft, setDraft] = useState(EMPTY);
  const [applied, setApplied] = useState(EMPTY);
  const [problem, setProblem] = useState(null);
  const [older, setOlder] = useState({ entries: [], cursor: undefined });
  const page = useLoad(() => {
    setOlder({ entries: [], cursor: undefined });
    return api('/v1/audit', { query: auditQuery(applied).query });
  }, [applied]);
  const more = useAction();
  const files = useAction();
  const [notice, setNotice] = useState(null);

  function apply(e) {
    e.preventDefault();
    const built = auditQuery(draft);
    setProblem(built.error || null);
    if (!built.error) setApplied({ ...draft });
  }

  async function loadMore(cursor) {
    const next = await more.run('more', () => api('/v1/audit', { query: auditQuery(applied, cursor).query }));
    if (next) setOlder((o) => ({ entries: [...o.entries, ...next.entries], cursor: next.next_cursor }));
  }

  async function csv() {
    const { limit: _limit, ...query } = auditQuery(applied).query;
    const headers = await files.run('audit', () =>
      download('/v1/audit', { query: { ...query, format: 'csv' }, filename: 'audit-log.csv' }),
    );
    if (headers) {
      setNotice(
        headers.get('x-truncated') === 'true'
          ? 'Downloaded the newest 100,000 entries: narrow the filters for the rest.'
          : 'Downloaded the filtered log as CSV.',
      );
    }
  }

  async function review() {
    const headers = await files.run('review', () =>
      download('/v1/users/access-review', { query: { format: 'csv' }, filename: 'access-review.csv' }),
    );
    if (headers) setNotice('Downloaded the access review as CSV.');
  }

  return html`<${PageHead} title="Audit log" text="Every change to your workspace, sign-ins and refused attempts: who, what, when and from where. Entries cannot be changed or removed.">
      <button class="btn" onClick=${review} disabled=${!!files.busy} data-testid="access-review-download">
        ${files.busy === 'review' ? 'Preparing…' : 'Access review (CSV)'}
      </button>
    </${PageHead}>
    <${Section} title="Filters" testid="audit-filters">
      <form class="invite-form" onSubmit=${apply}>
        <${Field} label="Action" id="audit-action" help="e.g. auth. for every sign-in entry">
          <input id="audit-action" placeholder="auth." value=${draft.action} maxlength="200"
            onInput=${(e) => setDraft({ ...draft, action: e.currentTarget.value })} data-testid="audit-action" />
        </${Field}>
        <${Field} label="Actor id" id="audit-actor">
          <input id="audit-actor" placeholder="a user or key id" value=${draft.actor} maxlength="200"
            onInput=${(e) => setDraft({ ...draft, actor: e.currentTarget.value })} data-testid="audit-actor" />
        </${Field}>
        <${Field} label="From" id="audit-from">
          <input id="audit-from" type="date" value=${draft.from}
            onInput=${(e) => setDraft({ ...draft, from: e.currentTarget.value })} data-testid="audit-from" />
        </${Field}>
        <${Field} label="To" id="audit-to">
          <input id="audit-to" type="date" value=${draft.to}
            onInput=${(e) => setDraft({ ...draft, to: e.currentTarget.value })} data-testid="audit-to" />
        </${Field}>
        <button class="btn btn-primary" type="submit" data-testid="audit-apply">Apply</button>
        <button class="btn" type="button" onClick=${csv} disabled=${!!files.busy} data-testid="audit-csv">
          ${files.busy === 'audit' ? 'Preparing…' : 'Download CSV'}
        </button>
      </form>
      <${ErrorNote} error=${problem} testid="audit-filter-error" />
      <${ErrorNote} error=${files.error} testid="audit-download-error" />
      ${notice && html`<p class="form-ok" role="status" data-testid="audit-notice">${notice}</p>`}
    </${Section}>
    <${Loaded} resource=${page} what="Audit log">
      ${(first) => {
        const entries = [...first.entries, ...older.entries];
        const cursor = older.cursor === undefined ? first.next_cursor : older.cursor;
        return html`<${Entries} entries=${entries} cursor=${cursor} more=${more} loadMore=${loadMore} error=${page.error} />`;
      }}
    </${Loaded}>`;
}

function Entries({ entries, cursor, more, loadMore, error }) {
  return html`<${Section} title="Entries" text=${`${entries.length} shown, newest first`} testid="audit-entries">
    ${error && html`<${ErrorNote} error=${`Could not read the log again: ${error.message}`} />`}
    ${
      entries.length
        ? html`<table class="settings-table" data-testid="audit-table">
        <thead><tr><th scope="col">Time</th><th scope="col">Actor</th><th scope="col">Action</th><th scope="col">Target</th><th scope="col">Client address</th><th scope="col">Details</th></tr></thead>
        <tbody>
          ${entries.map(
            (e) => html`<tr key=${e.id} data-testid="audit-row" data-action=${e.action}>
            <td class="muted small" title=${e.at}>${when(e.at)}</td>
            <td class="small" title=${e.actor.id || ''}>${who(e.actor)}</td>
            <td><code>${e.action}</code></td>
            <td class="small" title=${e.target?.id || ''}>${who(e.target)}</td>
            <td class="small">${e.client_address || '—'}</td>
            <td class="muted small" title=${JSON.stringify(e.details)}>${detailsSummary(e.details)}</td>
          </tr>`,
          )}
        </tbody>
      </table>`
        : html`<p class="muted" data-testid="audit-empty">No entries match these filters.</p>`
    }
    <${ErrorNote} error=${more.error} testid="audit-more-error" />
    ${
      cursor &&
      html`<button class="btn" onClick=${() => loadMore(cursor)} disabled=${!!more.busy} data-testid="audit-more">
        ${more.busy ? 'Loading…' : 'Load more'}
      </button>`
    }
  </${Section}>`;
}
