/**
 * Labels (admins): the workspace's managed labels, `GET|POST /v1/labels`,
 * `PATCH|DELETE /v1/labels/{id}`. A label's name is the tag conversations carry: renaming
 * one renames its tag on every conversation, deleting one removes the tag from them.
 */

import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { api } from '../../http.js';
import { Icon } from '../common.js';
import { loadLabels, PALETTE } from '../Labels.js';
import { ErrorNote, Field, Loaded, PageHead, Section, useAction, useConfirm, useLoad } from './kit.js';

export function LabelsSettings() {
  const data = useLoad(() => api('/v1/labels'));
  const [editing, setEditing] = useState(null); // null | 'new' | a label id
  const action = useAction();
  const [dialog, confirm] = useConfirm();

  async function reload() {
    await data.reload();
    loadLabels({ force: true }); // the inbox's chips and menus
  }

  async function remove(label) {
    const sure = await confirm({
      title: `Delete the label “${label.name}”?`,
      text: 'Its tag is removed from every conversation that carries it.',
      confirm: 'Delete',
    });
    if (!sure) return;
    const done = await action.run(label.id, () =>
      api(`/v1/labels/${encodeURIComponent(label.id)}`, { method: 'DELETE' }),
    );
    if (done) await reload();
  }

  const finish = async (saved) => {
    setEditing(null);
    if (saved) await reload();
  };

  return html`<${PageHead} title="Labels"
      text="Coloured labels agents put on conversations and filter the inbox by. A label is the conversation's tag: renaming it renames the tag everywhere." />
    <${Loaded} resource=${data} what="Labels">
      ${(d) => html`<${Section} title="Workspace labels" testid="labels-settings"
        actions=${html`<button type="button" class="btn btn-sm" data-testid="label-new" onClick=${() => setEditing('new')}><${Icon} name="plus" size=${13} /> New label</button>`}>
        <${ErrorNote} error=${action.error} />
        ${editing === 'new' && html`<${LabelForm} onDone=${finish} />`}
        ${
          d.labels.length
            ? html`<ul class="reply-list">
              ${d.labels.map((l) =>
                editing === l.id
                  ? html`<li key=${l.id}><${LabelForm} label=${l} onDone=${finish} /></li>`
                  : html`<li key=${l.id} class="reply-row" data-testid="label-row" data-label=${l.name}>
                    <div class="reply-row-head">
                      <span class=${`label-chip label-${l.colour}`}>${l.name}</span>
                      <span class="muted small">${l.description}</span>
                      <span class="cell-actions">
                        <button class="btn btn-sm" data-testid="label-edit" onClick=${() => setEditing(l.id)}>Edit</button>
                        <button class="btn btn-sm btn-danger-ghost" data-testid="label-delete" disabled=${!!action.busy} onClick=${() => remove(l)}>Delete</button>
                      </span>
                    </div>
                  </li>`,
              )}
            </ul>`
            : editing !== 'new' && html`<p class="muted" data-testid="labels-empty">No labels yet.</p>`
        }
        ${dialog}
      </${Section}>`}
    </${Loaded}>`;
}

function LabelForm({ label, onDone }) {
  const [name, setName] = useState(label?.name || '');
  const [colour, setColour] = useState(label?.colour || 'blue');
  const [description, setDescription] = useState(label?.description || '');
  const action = useAction();
  const key = label?.id || 'new';

  async function submit(e) {
    e.preventDefault();
    const values = { name: name.trim(), colour, description: description.trim() };
    const saved = await action.run('save', () =>
      label
        ? api(`/v1/labels/${encodeURIComponent(label.id)}`, { method: 'PATCH', body: values })
        : api('/v1/labels', { method: 'POST', body: values }),
    );
    if (saved) onDone(true);
  }

  return html`<form class="reply-form" onSubmit=${submit} data-testid="label-form">
    <div class="form-row">
      <${Field} label="Name" id=${`label-name-${key}`} help="The tag conversations carry (no commas)">
        <input id=${`label-name-${key}`} required maxlength="50" pattern="[^,]+" value=${name}
          onInput=${(e) => setName(e.currentTarget.value)} data-testid="label-name" placeholder="billing" />
      </${Field}>
      <${Field} label="Colour" id=${`label-colour-${key}`}>
        <select id=${`label-colour-${key}`} value=${colour} onChange=${(e) => setColour(e.currentTarget.value)} data-testid="label-colour">
          ${PALETTE.map((c) => html`<option value=${c}>${c[0].toUpperCase() + c.slice(1)}</option>`)}
        </select>
      </${Field}>
    </div>
    <p><span class=${`label-chip label-${colour}`} aria-label="Preview">${name.trim() || 'preview'}</span></p>
    <${Field} label="Description" id=${`label-description-${key}`} wide=${true}>
      <input id=${`label-description-${key}`} maxlength="200" value=${description}
        onInput=${(e) => setDescription(e.currentTarget.value)} data-testid="label-description" placeholder="What the label is for" />
    </${Field}>
    <${ErrorNote} error=${action.error} testid="label-error" />
    <div class="form-actions">
      <button type="button" class="btn" onClick=${() => onDone(false)}>Cancel</button>
      <button type="submit" class="btn btn-primary" disabled=${!!action.busy} data-testid="label-save">${action.busy ? 'Saving…' : 'Save label'}</button>
    </div>
  </form>`;
}
