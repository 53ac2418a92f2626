/**
 * Macros (everyone): named lists of actions applied to a conversation at once from its
 * header's Macros menu — send a reply (with variables), add or remove tags, set status,
 * assignee, priority. Shared ones are the workspace's, written by admins; "My macros" are
 * the agent's own (`GET|POST /v1/macros`, `PATCH|DELETE /v1/macros/{id}`).
 */

import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { useStore } from '../../../shared/store.js';
import { api } from '../../http.js';
import { ACTION_LABEL, actionOf, describeAction, rowOf } from '../../replies.js';
import { isAdminRole } from '../../settings/pages.js';
import { store } from '../../state.js';
import { Icon, PRIORITIES, STATUS_LABEL } from '../common.js';
import { ErrorNote, Field, Loaded, PageHead, Section, useAction, useConfirm, useLoad } from './kit.js';

const STATUSES = ['open', 'waiting_human', 'pending', 'resolved', 'closed'];

export function MacrosSettings() {
  const data = useLoad(() => api('/v1/macros').then((d) => d.macros));
  const admin = isAdminRole(useStore(store, (s) => s.session.user.role));
  return html`<${PageHead} title="Macros"
      text="Several actions applied to a conversation in one click, from the Macros menu above its transcript." />
    <${Loaded} resource=${data} what="Macros">
      ${(list) => html`
        <${MacroList} title="Shared macros" shared=${true} editable=${admin} testid="macros-shared" reload=${data.reload}
          list=${list.filter((m) => m.shared)}
          text=${admin ? 'Everyone in the workspace can apply these.' : 'Written by your admins; everyone can apply them.'} />
        <${MacroList} title="My macros" shared=${false} editable=${true} testid="macros-mine" reload=${data.reload}
          list=${list.filter((m) => !m.shared)} text="Only you see these." />`}
    </${Loaded}>`;
}

function MacroList({ title, text, list, shared, editable, reload, testid }) {
  const [editing, setEditing] = useState(null); // null | 'new' | a macro id
  const action = useAction();
  const [dialog, confirm] = useConfirm();
  const done = async (saved) => {
    setEditing(null);
    if (saved) await reload();
  };

  async function remove(macro) {
    const sure = await confirm({
      title: `Delete the macro ${macro.name}?`,
      text: 'It leaves the Macros menu at once.',
      confirm: 'Delete',
    });
    if (!sure) return;
    const gone = await action.run(macro.id, async () => {
      await api(`/v1/macros/${encodeURIComponent(macro.id)}`, { method: 'DELETE' });
      return true;
    });
    if (gone) await reload();
  }

  return html`<${Section} title=${title} text=${text} testid=${testid}
    actions=${
      editable &&
      html`<button type="button" class="btn btn-sm" onClick=${() => setEditing('new')} data-testid=${`${testid}-add`}>
      <${Icon} name="plus" size=${13} /> New macro</button>`
    }>
    <${ErrorNote} error=${action.error} />
    ${editing === 'new' && html`<${MacroForm} shared=${shared} onDone=${done} />`}
    ${
      list.length
        ? html`<ul class="reply-list">
          ${list.map((m) =>
            editing === m.id
              ? html`<li key=${m.id}><${MacroForm} macro=${m} shared=${shared} onDone=${done} /></li>`
              : html`<li key=${m.id} class="reply-row" data-testid="macro-row" data-name=${m.name}>
                <div class="reply-row-head">
                  <strong>${m.name}</strong>
                  ${
                    editable &&
                    html`<span class="reply-actions">
                    <button class="btn btn-sm" onClick=${() => setEditing(m.id)} data-testid="macro-edit">Edit</button>
                    <button class="btn btn-sm btn-danger-ghost" onClick=${() => remove(m)} disabled=${!!action.busy} data-testid="macro-delete">Delete</button>
                  </span>`
                  }
                </div>
                <ol class="macro-steps muted small">${m.actions.map((a, i) => html`<li key=${i}>${describeAction(a)}</li>`)}</ol>
              </li>`,
          )}
        </ul>`
        : editing !== 'new' && html`<p class="muted" data-testid=${`${testid}-empty`}>No macros yet.</p>`
    }
    ${dialog}
  </${Section}>`;
}

function MacroForm({ macro, shared, onDone }) {
  const [name, setName] = useState(macro?.name || '');
  const [rows, setRows] = useState(macro ? macro.actions.map(rowOf) : [{ type: 'send_reply', text: '' }]);
  const [problem, setProblem] = useState('');
  const action = useAction();
  const key = macro?.id || (shared ? 'new-shared' : 'new-mine');
  const setRow = (i, patch) => setRows((all) => all.map((r, j) => (j === i ? { ...r, ...patch } : r)));

  async function submit(e) {
    e.preventDefault();
    const checked = rows.map(actionOf);
    const bad = checked.findIndex((c) => c.error);
    if (bad >= 0) {
      setProblem(`Action ${bad + 1}: ${checked[bad].error}`);
      return;
    }
    setProblem('');
    const values = { name: name.trim(), actions: checked.map((c) => c.value) };
    const saved = await action.run('save', () =>
      macro
        ? api(`/v1/macros/${encodeURIComponent(macro.id)}`, { method: 'PATCH', body: values })
        : api('/v1/macros', { method: 'POST', body: { ...values, shared } }),
    );
    if (saved) onDone(true);
  }

  return html`<form class="reply-form" onSubmit=${submit} data-testid="macro-form">
    <${Field} label="Name" id=${`macro-name-${key}`}>
      <input id=${`macro-name-${key}`} required maxlength="100" value=${name} onInput=${(e) => setName(e.currentTarget.value)}
        data-testid="macro-name" placeholder="Refund issued" />
    </${Field}>
    <ol class="macro-editor">
      ${rows.map(
        (row, i) => html`<li key=${i} class="macro-action" data-testid="macro-action">
        <select aria-label=${`Action ${i + 1}`} value=${row.type} data-testid="macro-action-type"
          onChange=${(e) => setRow(i, { type: e.currentTarget.value, text: '' })}>
          ${Object.entries(ACTION_LABEL).map(([value, label]) => html`<option value=${value}>${label}</option>`)}
        </select>
        <${ActionValue} row=${row} index=${i} onChange=${(text) => setRow(i, { text })} />
        <button type="button" class="icon-btn" aria-label=${`Remove action ${i + 1}`} disabled=${rows.length === 1}
          onClick=${() => setRows((all) => all.filter((_, j) => j !== i))}><${Icon} name="trash" size=${15} /></button>
      </li>`,
      )}
    </ol>
    <button type="button" class="btn btn-sm" disabled=${rows.length >= 20} data-testid="macro-add-action"
      onClick=${() => setRows((all) => [...all, { type: 'add_tags', text: '' }])}><${Icon} name="plus" size=${13} /> Add action</button>
    <${ErrorNote} error=${problem || action.error} testid="macro-error" />
    <div class="form-actions">
      <button type="button" class="btn" onClick=${() => onDone(false)}>Cancel</button>
      <button type="submit" class="btn btn-primary" disabled=${!!action.busy} data-testid="macro-save">${action.busy ? 'Saving…' : 'Save macro'}</button>
    </div>
  </form>`;
}

function ActionValue({ row, index, onChange }) {
  const label = `Action ${index + 1}: value`;
  const staff = useStore(store, (s) => (s.staff?.state === 'ok' ? s.staff.users || [] : []));
  if (row.type === 'send_reply') {
    return html`<textarea aria-label=${label} rows="2" maxlength="5000" value=${row.text} data-testid="macro-action-value"
      placeholder="Hi {contact.first_name}, …" onInput=${(e) => onChange(e.currentTarget.value)}></textarea>`;
  }
  if (row.type === 'set_status' || row.type === 'set_priority') {
    const values = row.type === 'set_status' ? STATUSES : PRIORITIES;
    const value = row.text || (row.type === 'set_status' ? 'open' : 'normal');
    return html`<select aria-label=${label} value=${value} data-testid="macro-action-value" onChange=${(e) => onChange(e.currentTarget.value)}>
      ${values.map((v) => html`<option value=${v}>${STATUS_LABEL[v] || v[0].toUpperCase() + v.slice(1)}</option>`)}
    </select>`;
  }
  if (row.type === 'assign') {
    return html`<select aria-label=${label} value=${row.text || 'me'} data-testid="macro-action-value" onChange=${(e) => onChange(e.currentTarget.value)}>
      <option value="me">The agent applying it</option>
      <option value="none">Nobody (unassign)</option>
      ${staff.map((u) => html`<option value=${u.id}>${u.name || u.email}</option>`)}
    </select>`;
  }
  return html`<input aria-label=${label} value=${row.text} maxlength="500" data-testid="macro-action-value"
    placeholder="billing, refund" onInput=${(e) => onChange(e.currentTarget.value)} />`;
}
