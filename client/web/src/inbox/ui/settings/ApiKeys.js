/**
 * API keys (admins): the keys bots sign in with (README "Writing a bot"). A new key is
 * shown once (`POST /v1/apikeys`: the server keeps only its hash); the list says when each
 * was last used (`GET /v1/apikeys`); revoking one (`DELETE /v1/apikeys/{id}`) refuses it
 * at once and closes the bot's sockets.
 */

import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { ago } from '../../../shared/time.js';
import { api } from '../../http.js';
import { Icon } from '../common.js';
import {
  ErrorNote,
  Field,
  Loaded,
  OnceSecret,
  PageHead,
  Section,
  useAction,
  useConfirm,
  useLoad,
  when,
} from './kit.js';

export function ApiKeys() {
  const keys = useLoad(() => api('/v1/apikeys').then((d) => d.api_keys));
  return html`<${PageHead} title="API keys" text="Bots and scripts use a key as their bearer credential, over HTTP and the WebSocket protocol." />
    <${Loaded} resource=${keys} what="API keys">
      ${(list) => html`<${NewKey} reload=${keys.reload} /><${KeyList} list=${list} reload=${keys.reload} refreshError=${keys.error} />`}
    </${Loaded}>`;
}

function NewKey({ reload }) {
  const [name, setName] = useState('');
  const [made, setMade] = useState(null);
  const action = useAction();
  async function submit(e) {
    e.preventDefault();
    const key = await action.run('create', () => api('/v1/apikeys', { method: 'POST', body: { name: name.trim() } }));
    if (!key) return;
    setMade(key);
    setName('');
    await reload();
  }
  return html`<${Section} title="Create a key" text="Name it after what uses it, so you know what to revoke." testid="apikey-create">
    <form class="invite-form" onSubmit=${submit}>
      <${Field} label="Name" id="apikey-name">
        <input id="apikey-name" required maxlength="100" placeholder="Order-status bot" value=${name}
          onInput=${(e) => setName(e.currentTarget.value)} data-testid="apikey-name" />
      </${Field}>
      <button class="btn btn-primary" type="submit" disabled=${!!action.busy} data-testid="apikey-submit">
        ${action.busy ? 'Creating…' : 'Create key'}
      </button>
    </form>
    <${ErrorNote} error=${action.error} testid="apikey-error" />
    ${
      made &&
      html`<${OnceSecret} title=${`The key for ${made.name}`} testid="apikey-secret" secret=${made.api_key}
        text="Copy it now and store it where the bot runs: it is not shown again. Lost it? Revoke it and create another."
        onDone=${() => setMade(null)} />`
    }
  </${Section}>`;
}

function KeyList({ list, reload, refreshError }) {
  const action = useAction();
  const [dialog, confirm] = useConfirm();
  const live = list.filter((k) => !k.revoked_at);
  const revoked = list.filter((k) => k.revoked_at);

  async function revoke(key) {
    const sure = await confirm({
      title: `Revoke ${key.name}?`,
      text: 'Whatever uses it is refused from now on and its connections close. This cannot be undone.',
      confirm: 'Revoke key',
    });
    if (!sure) return;
    const done = await action.run(key.id, async () => {
      await api(`/v1/apikeys/${encodeURIComponent(key.id)}`, { method: 'DELETE' });
      return true;
    });
    if (done) await reload();
  }

  return html`<${Section} title="Keys" text=${`${live.length} in use`} testid="apikey-list">
    ${refreshError && html`<${ErrorNote} error=${`Could not read the keys again: ${refreshError.message}`} />`}
    <${ErrorNote} error=${action.error} />
    ${
      list.length
        ? html`<table class="settings-table" data-testid="apikey-table">
        <thead><tr><th scope="col">Name</th><th scope="col">Created</th><th scope="col">Last used</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
        <tbody>
          ${[...live, ...revoked].map(
            (
              k,
            ) => html`<tr key=${k.id} data-testid="apikey-row" data-name=${k.name} class=${k.revoked_at ? 'revoked' : ''}>
            <td><span class="inline-icon"><${Icon} name="key" size=${14} /> <strong>${k.name}</strong></span></td>
            <td class="muted small">${when(k.created_at)}</td>
            <td class="muted small">${k.last_used_at ? ago(k.last_used_at) : 'Never'}</td>
            <td class="cell-actions">${
              k.revoked_at
                ? html`<span class="chip" data-testid="apikey-revoked">Revoked ${when(k.revoked_at)}</span>`
                : html`<button class="btn btn-sm btn-danger-ghost" onClick=${() => revoke(k)} disabled=${!!action.busy} data-testid="apikey-revoke">
                  ${action.busy === k.id ? 'Revoking…' : 'Revoke'}</button>`
            }</td>
          </tr>`,
          )}
        </tbody>
      </table>`
        : html`<p class="muted">No keys yet.</p>`
    }
    ${dialog}
  </${Section}>`;
}
