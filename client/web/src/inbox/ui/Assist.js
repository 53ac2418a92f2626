/**
 * AI help for the agent (issue 19): "Suggest a reply" drafts an answer to the customer's
 * last question from the knowledge base into the composer, with the article it rests on;
 * "Summarise" shows the conversation in a few lines. Both only answer the agent
 * (`POST /v1/conversations/{id}/suggested-reply`, `.../summary`): nothing reaches the
 * customer until the agent sends it.
 */

import { html } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';
import { focusComposer, setDraft } from '../actions.js';
import { api } from '../http.js';
import { store } from '../state.js';
import { Icon } from './common.js';

/** Why there is no draft, in words (the server's `reason`). */
const HELD_BACK = {
  no_question: 'The customer has not asked anything yet.',
  refund: 'The AI leaves refunds and compensation to a person.',
  price: 'The AI does not quote prices the help center does not state.',
  future_price: 'The AI makes no promises about future prices.',
  discount: 'The AI offers no discounts beyond a documented programme.',
  legal: 'The AI makes no legal or compliance commitments.',
  account_action: 'This asks for a change on the account that only a person can make.',
  account_state: "This is about the customer's own account, which the AI cannot see.",
  instruction: 'This gives instructions to the assistant: a person should answer.',
  budget: 'The AI budget is used up.',
  not_grounded: 'The AI found that its sources do not answer this question.',
};
const NOT_COVERED = 'The help center does not answer this question.';

/** A draft's body into the composer: after what the agent already wrote, never over it. */
export function withDraft(current, body) {
  const kept = (current || '').trimEnd();
  return kept ? `${kept}\n\n${body}` : body;
}

export function Assist({ id }) {
  const [busy, setBusy] = useState(null); // 'suggest' | 'summary'
  const [result, setResult] = useState(null); // {kind, ...}
  useEffect(() => setResult(null), [id]);

  async function suggest() {
    setBusy('suggest');
    try {
      const draft = await api(`/v1/conversations/${encodeURIComponent(id)}/suggested-reply`, { method: 'POST' });
      if (draft.body) {
        setDraft(id, withDraft(store.get().drafts[id], draft.body));
        focusComposer('reply');
      }
      setResult({ kind: 'draft', draft });
    } catch (error) {
      setResult({ kind: 'error', message: error.message || 'No suggestion: try again.' });
    } finally {
      setBusy(null);
    }
  }

  async function summarise() {
    setBusy('summary');
    try {
      const found = await api(`/v1/conversations/${encodeURIComponent(id)}/summary`, { method: 'POST' });
      setResult({ kind: 'summary', ...found });
    } catch (error) {
      setResult({ kind: 'error', message: error.message || 'No summary: try again.' });
    } finally {
      setBusy(null);
    }
  }

  return html`<div class="assist" data-testid="assist">
    <div class="assist-bar" role="group" aria-label="AI help">
      <button class="btn btn-ghost btn-sm" data-testid="assist-suggest" disabled=${!!busy} onClick=${suggest}
        title="Draft a reply to the customer's last question from the knowledge base">
        <${Icon} name="sparkle" size=${13} /> ${busy === 'suggest' ? 'Drafting…' : 'Suggest a reply'}
      </button>
      <button class="btn btn-ghost btn-sm" data-testid="assist-summarise" disabled=${!!busy} onClick=${summarise}
        title="The conversation so far in a few lines">
        <${Icon} name="book" size=${13} /> ${busy === 'summary' ? 'Summarising…' : 'Summarise'}
      </button>
    </div>
    ${result && html`<${Result} result=${result} onClose=${() => setResult(null)} />`}
  </div>`;
}

function Result({ result, onClose }) {
  const close = html`<button class="icon-btn assist-close" aria-label="Close" onClick=${onClose}><${Icon} name="x" size=${12} /></button>`;
  if (result.kind === 'error') {
    return html`<div class="assist-card assist-error" role="alert" data-testid="assist-error">${result.message}${close}</div>`;
  }
  if (result.kind === 'summary') {
    return html`<div class="assist-card" data-testid="assist-summary" role="status">
      <div class="assist-head"><strong>Summary</strong>
        <span class="muted small">${result.by === 'llm' ? 'written by the AI' : 'from the conversation'}</span>${close}</div>
      <div class="assist-text">${result.summary.split('\n').map((line) => html`<p>${line}</p>`)}</div>
    </div>`;
  }
  const { draft } = result;
  const sources = (draft.citations || []).map(
    (c) =>
      html`<li>${c.url ? html`<a href=${c.url} target="_blank" rel="noopener noreferrer">${c.title}</a>` : c.title}</li>`,
  );
  if (draft.body) {
    return html`<div class="assist-card" data-testid="assist-draft" role="status">
      <div class="assist-head"><strong>Draft in the composer</strong>
        <span class="muted small">edit it, then send: nothing went to the customer</span>${close}</div>
      ${sources.length > 0 && html`<div class="small">From: <ul class="assist-sources" data-testid="assist-sources">${sources}</ul></div>`}
    </div>`;
  }
  return html`<div class="assist-card" data-testid="assist-none" role="status">
    <div class="assist-head"><strong>No draft</strong>${close}</div>
    <p class="small" data-testid="assist-reason">${HELD_BACK[draft.reason] || NOT_COVERED}</p>
    ${sources.length > 0 && html`<div class="small">Closest articles: <ul class="assist-sources" data-testid="assist-sources">${sources}</ul></div>`}
  </div>`;
}
