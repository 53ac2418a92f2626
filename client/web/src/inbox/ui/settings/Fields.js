/**
 * Ticket fields (admins): the custom fields tickets carry (`ticket_fields` of
 * `GET|PATCH /v1/settings`): a key, a label, a type (text, number, yes/no, one of a list).
 * A value of a key not defined here is refused on tickets, so removing a field asks first.
 */

import { html } from 'htm/preact';
import { useRef } from 'preact/hooks';
import { FIELD_TYPES, fieldKeyOf, fieldsForm, fieldsValue } from '../../settings/values.js';
import { Icon } from '../common.js';
import { Section, useConfirm } from './kit.js';
import { SettingsPage } from './tenant.js';

const TYPE_LABEL = { text: 'Text', number: 'Number', boolean: 'Yes / no', choice: 'One of a list' };

const toForm = (s) => ({ rows: fieldsForm(s.ticket_fields) });

function fromForm(d) {
  const fields = fieldsValue(d.rows);
  return fields.error ? fields : { value: { ticket_fields: fields.value } };
}

export function TicketFields() {
  return html`<${SettingsPage} title="Ticket fields" what="Ticket fields" testid="fields-form" toForm=${toForm} fromForm=${fromForm}
    text="Custom fields on every ticket, set by agents and bots (PATCH /v1/tickets/{id} custom_fields).">
    ${(d, update) => html`<${FieldRows} rows=${d.rows} update=${update} />`}
  </${SettingsPage}>`;
}

function FieldRows({ rows, update }) {
  const [dialog, confirm] = useConfirm();
  const next = useRef(0);
  const setRow = (id, patch) =>
    update((d) => ({ ...d, rows: d.rows.map((r) => (r.id === id ? { ...r, ...patch } : r)) }));

  function add() {
    const id = `new${++next.current}`;
    update((d) => ({
      ...d,
      rows: [...d.rows, { id, key: '', label: '', type: 'text', choices: '', saved: false, autoKey: true }],
    }));
    requestAnimationFrame(() => document.querySelector(`[data-row="${id}"] input`)?.focus());
  }

  async function remove(row) {
    if (row.saved) {
      const sure = await confirm({
        title: `Remove the field ${row.label || row.key}?`,
        text: 'Once you save, tickets can no longer be given a value for it; the values tickets hold now stay on them.',
        confirm: 'Remove field',
      });
      if (!sure) return;
    }
    update((d) => ({ ...d, rows: d.rows.filter((r) => r.id !== row.id) }));
  }

  return html`<${Section} title="Fields" text=${rows.length ? 'Keys are what bots and the API use; labels are what agents read.' : ''}
    actions=${html`<button type="button" class="btn btn-sm" onClick=${add} data-testid="field-add"><${Icon} name="plus" size=${13} /> Add field</button>`}>
    ${
      rows.length
        ? html`<table class="settings-table" data-testid="field-table">
        <thead><tr><th scope="col">Label</th><th scope="col">Key</th><th scope="col">Type</th><th scope="col">Choices</th><th scope="col"><span class="visually-hidden">Remove</span></th></tr></thead>
        <tbody>
          ${rows.map(
            (row, i) => html`<tr key=${row.id} data-row=${row.id} data-testid="field-row">
            <td><input aria-label=${`Field ${i + 1}: label`} value=${row.label} maxlength="100" data-testid="field-label"
              onInput=${(e) => {
                const label = e.currentTarget.value;
                setRow(row.id, row.autoKey ? { label, key: fieldKeyOf(label) } : { label });
              }} /></td>
            <td><input aria-label=${`Field ${i + 1}: key`} class="mono-input" value=${row.key} maxlength="50" data-testid="field-key"
              readOnly=${row.saved} title=${row.saved ? 'Saved keys stay: tickets hold values under them' : ''}
              onInput=${(e) => setRow(row.id, { key: e.currentTarget.value, autoKey: false })} /></td>
            <td><select aria-label=${`Field ${i + 1}: type`} value=${row.type} data-testid="field-type"
              onChange=${(e) => setRow(row.id, { type: e.currentTarget.value })}>
              ${FIELD_TYPES.map((t) => html`<option value=${t}>${TYPE_LABEL[t]}</option>`)}
            </select></td>
            <td>${
              row.type === 'choice'
                ? html`<input aria-label=${`Field ${i + 1}: choices, separated by commas`} value=${row.choices} placeholder="Basic, Pro, Enterprise"
                  data-testid="field-choices" onInput=${(e) => setRow(row.id, { choices: e.currentTarget.value })} />`
                : html`<span class="faint small">—</span>`
            }</td>
            <td><button type="button" class="icon-btn" aria-label=${`Remove field ${row.label || row.key || i + 1}`} onClick=${() => remove(row)}
              data-testid="field-remove"><${Icon} name="trash" size=${15} /></button></td>
          </tr>`,
          )}
        </tbody>
      </table>`
        : html`<p class="muted" data-testid="fields-empty">No custom fields yet. Tickets have a subject, status, priority, assignee and tags; add fields for anything else you track (order number, plan, …).</p>`
    }
    ${dialog}
  </${Section}>`;
}
