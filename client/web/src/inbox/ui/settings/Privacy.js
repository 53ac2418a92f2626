/**
 * Privacy requests (admins): the data-subject requests of the workspace (`GET
 * /v1/privacy-requests`: exports and erasures, who asked, when, by when they are due),
 * with a warning when one is past or within a week of its one-month deadline. Requests
 * are made from a contact (export, erase) or with `flowsupport contact export|erase`.
 */

import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { api } from '../../http.js';
import { dueState, dueText } from '../../settings/audit.js';
import { ErrorNote, Loaded, PageHead, Section, useAction, useLoad, when } from './kit.js';

const KIND = { export: 'Export', erasure: 'Erasure' };
const STATUS = { received: 'Received', completed: 'Completed', failed: 'Failed' };
const CHIP = {
  overdue: 'chip chip-danger',
  soon: 'chip chip-warn',
  failed: 'chip chip-danger',
  done: 'chip chip-quiet',
};

export function Privacy() {
  const first = useLoad(() => api('/v1/privacy-requests', { query: { limit: 50 } }));
  const [older, setOlder] = useState({ requests: [], cursor: undefined });
  const more = useAction();

  async function loadMore(cursor) {
    const next = await more.run('more', () => api('/v1/privacy-requests', { query: { limit: 50, cursor } }));
    if (next) setOlder((o) => ({ requests: [...o.requests, ...next.requests], cursor: next.next_cursor }));
  }

  return html`<${PageHead} title="Privacy requests" text="Data-subject requests (GDPR): exports and erasures, due one month after they were received." />
    <${Loaded} resource=${first} what="Privacy requests">
      ${(page) => {
        const requests = [...page.requests, ...older.requests];
        const cursor = older.cursor === undefined ? page.next_cursor : older.cursor;
        return html`<${Requests} requests=${requests} cursor=${cursor} more=${more} loadMore=${loadMore} error=${first.error} />`;
      }}
    </${Loaded}>`;
}

function Requests({ requests, cursor, more, loadMore, error }) {
  const now = Date.now();
  const late = requests.filter((r) => dueState(r, now) === 'overdue').length;
  return html`<${Section} title="Requests" text=${late ? `${late} overdue` : `${requests.length} shown, newest first`} testid="privacy-requests">
    ${error && html`<${ErrorNote} error=${`Could not read the requests again: ${error.message}`} />`}
    ${
      requests.length
        ? html`<table class="settings-table" data-testid="privacy-table">
        <thead><tr><th scope="col">Kind</th><th scope="col">Subject</th><th scope="col">Requested</th><th scope="col">By</th><th scope="col">Due</th><th scope="col">Status</th></tr></thead>
        <tbody>
          ${requests.map((r) => {
            const state = dueState(r, now);
            const warning = dueText(r, now);
            return html`<tr key=${r.id} data-testid="privacy-row" data-kind=${r.kind} data-state=${state}>
              <td><strong>${KIND[r.kind] || r.kind}</strong></td>
              <td class="small" title=${r.subject_ref}>${r.contact_id ? `contact ${r.contact_id.slice(0, 8)}…` : `erased (${String(r.subject_ref).slice(0, 8)}…)`}</td>
              <td class="muted small">${when(r.requested_at)}</td>
              <td class="small">${r.requested_by ? r.requested_by.name || 'an admin' : 'operator (CLI)'}</td>
              <td class="small">${when(r.due_at)} ${warning && html`<span class=${CHIP[state]} data-testid="privacy-due-warning">${warning}</span>`}</td>
              <td><span class=${CHIP[state] || 'chip'}>${STATUS[r.status] || r.status}</span>${r.completed_at ? html` <span class="muted small">${when(r.completed_at)}</span>` : ''}</td>
            </tr>`;
          })}
        </tbody>
      </table>`
        : html`<p class="muted" data-testid="privacy-empty">No privacy requests yet.</p>`
    }
    <${ErrorNote} error=${more.error} />
    ${
      cursor &&
      html`<button class="btn" onClick=${() => loadMore(cursor)} disabled=${!!more.busy} data-testid="privacy-more">
        ${more.busy ? 'Loading…' : 'Load more'}
      </button>`
    }
  </${Section}>`;
}
