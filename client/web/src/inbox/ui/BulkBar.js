/**
 * Bulk actions from the conversation list: rows are selected with their checkboxes (a
 * shift-click selects the range from the last one clicked, the header's box the whole
 * page), then one change applies to all of them through `POST /v1/conversations/bulk`
 * (the server runs each through PATCH's rules, audit and events, and answers per id).
 * The store keeps the selection (`selected`: id -> true; `selectAnchor`: the last id).
 */

import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { useStore } from '../../shared/store.js';
import { mergeConversations } from '../conversations.js';
import { api } from '../http.js';
import { STATUS_FILTERS, store, toast, toastError } from '../state.js';
import { assigneeOptions, Icon, STATUS_LABEL } from './common.js';
import { useLabels } from './Labels.js';

const NO_CHANGE = '';

/** The selected ids, in no particular order. */
export function selectedIds(state) {
  return Object.keys(state.selected || {});
}

/** Select or unselect one row; with `shift`, every row between the anchor and it. */
export function toggleSelected(id, { shift = false, ids = [] } = {}) {
  store.set((s) => {
    const selected = { ...(s.selected || {}) };
    const on = !selected[id];
    const from = ids.indexOf(s.selectAnchor);
    const to = ids.indexOf(id);
    const range = shift && from >= 0 && to >= 0 ? ids.slice(Math.min(from, to), Math.max(from, to) + 1) : [id];
    for (const one of range) {
      if (on) selected[one] = true;
      else delete selected[one];
    }
    return { ...s, selected, selectAnchor: id };
  });
}

/** Select every row shown, or none when they all are. */
export function toggleAll(ids) {
  store.set((s) => {
    const all = ids.length > 0 && ids.every((id) => s.selected?.[id]);
    return { ...s, selected: all ? {} : Object.fromEntries(ids.map((id) => [id, true])), selectAnchor: null };
  });
}

export function clearSelection() {
  store.set((s) => ({ ...s, selected: {}, selectAnchor: null }));
}

/** Apply `changes` to the selected conversations; the answer's failures are told. */
export async function applyBulk(changes) {
  const ids = selectedIds(store.get()).slice(0, 100);
  if (!ids.length) return;
  let answer;
  try {
    answer = await api('/v1/conversations/bulk', { method: 'POST', body: { ids, changes } });
  } catch (error) {
    toastError(error, 'Not changed');
    return;
  }
  const failed = answer.results.filter((r) => !r.ok);
  const changed = answer.results.filter((r) => r.ok).map((r) => r.id);
  // The live events update the rows too; fetch them now so the list is right at once.
  const fresh = await Promise.all(
    changed.map((id) => api(`/v1/conversations/${encodeURIComponent(id)}`).catch(() => null)),
  );
  store.set((s) => ({ ...mergeConversations(s, fresh.filter(Boolean)), selected: {}, selectAnchor: null }));
  if (failed.length) {
    toast(`${changed.length} changed; ${failed.length} not: ${failed[0].error?.message || 'refused'}`);
  } else {
    toast(`${changed.length} conversation${changed.length === 1 ? '' : 's'} changed`, 'info');
  }
}

export function BulkBar({ ids }) {
  const state = useStore(store, (s) => s);
  const count = selectedIds(state).length;
  const options = assigneeOptions(state, null);
  const labels = useLabels();
  const [busy, setBusy] = useState(false);
  const all = ids.length > 0 && ids.every((id) => state.selected?.[id]);

  async function run(changes) {
    setBusy(true);
    try {
      await applyBulk(changes);
    } finally {
      setBusy(false);
    }
  }

  const statuses = STATUS_FILTERS.filter((f) => f.statuses?.length === 1 && f.value === f.statuses[0]).map(
    (f) => f.value,
  );
  return html`<div class=${`bulk-bar ${count ? 'on' : ''}`} data-testid="bulk-bar" role="toolbar" aria-label="Bulk actions">
    <label class="bulk-all">
      <input type="checkbox" data-testid="bulk-select-all" checked=${all} aria-label="Select every conversation shown"
        onChange=${() => toggleAll(ids)} />
      <span class="small">${count ? `${count} selected` : 'Select'}</span>
    </label>
    ${
      count > 0 &&
      html`
      <select data-testid="bulk-status" aria-label="Set status" disabled=${busy} value=${NO_CHANGE}
        onChange=${(e) => e.currentTarget.value && run({ status: e.currentTarget.value })}>
        <option value=${NO_CHANGE}>Status…</option>
        ${statuses.map((st) => html`<option value=${st}>${STATUS_LABEL[st] || st}</option>`)}
      </select>
      <select data-testid="bulk-assignee" aria-label="Assign to" disabled=${busy} value="-"
        onChange=${(e) => {
          const v = e.currentTarget.value;
          if (v !== '-') run({ assignee_id: v || null });
        }}>
        <option value="-">Assign…</option>
        ${options.map((o) => html`<option value=${o.value}>${o.label}</option>`)}
      </select>
      <select data-testid="bulk-add-label" aria-label="Add a label" disabled=${busy || !labels.length} value=${NO_CHANGE}
        onChange=${(e) => e.currentTarget.value && run({ add_tags: [e.currentTarget.value] })}>
        <option value=${NO_CHANGE}>Add label…</option>
        ${labels.map((l) => html`<option value=${l.name}>${l.name}</option>`)}
      </select>
      <select data-testid="bulk-remove-label" aria-label="Remove a label" disabled=${busy || !labels.length} value=${NO_CHANGE}
        onChange=${(e) => e.currentTarget.value && run({ remove_tags: [e.currentTarget.value] })}>
        <option value=${NO_CHANGE}>Remove label…</option>
        ${labels.map((l) => html`<option value=${l.name}>${l.name}</option>`)}
      </select>
      <button type="button" class="btn btn-ghost btn-sm" onClick=${clearSelection} aria-label="Clear the selection"><${Icon} name="x" size=${12} /></button>`
    }
  </div>`;
}
