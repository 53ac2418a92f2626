/**
 * Channels (admins): where customers' e-mail, texts and WhatsApp messages come from
 * (`GET /v1/channels`). Adding one (`POST /v1/channels`, the fields of `flowsupport channel
 * add`) shows the webhook URL to give the provider; removing one asks first; a channel
 * whose credentials the server can no longer open (`sealed_ok: false`, after the secret
 * key changed) takes them again (`POST /v1/channels/{id}/credentials`).
 */

import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { api } from '../../http.js';
import { CHANNEL_FORMS, CHANNEL_SECRETS, channelBody, credentialsBody } from '../../settings/values.js';
import { Icon } from '../common.js';
import { CopyField, ErrorNote, Field, Loaded, PageHead, Section, useAction, useConfirm, useLoad, when } from './kit.js';

const KIND_LABEL = { email: 'E-mail', sms: 'SMS', whatsapp: 'WhatsApp' };
const PROVIDER_LABEL = { smtp: 'Mailgun or SMTP', twilio: 'Twilio', meta: 'Meta Cloud API' };
const SECRET_LABEL = {
  auth_token: 'Auth token',
  app_secret: 'App secret',
  verify_token: 'Verify token',
  access_token: 'Access token',
};

/** Where in the provider's console the webhook URL goes. */
function webhookHint(kind, provider) {
  if (provider === 'twilio')
    return 'In the Twilio console, set the number’s “A message comes in” webhook (HTTP POST) to this URL.';
  if (provider === 'meta')
    return 'In the app’s WhatsApp configuration, set the callback URL to this, the verify token to the one you gave, and subscribe to messages.';
  return kind === 'email'
    ? 'Mail to this address reaches the inbox through your Mailgun route or the SMTP listener.'
    : '';
}

export function Channels() {
  const channels = useLoad(() => api('/v1/channels').then((d) => d.channels));
  return html`<${PageHead} title="Channels" text="E-mail, SMS and WhatsApp land in the same inbox as web chats; replies go back the way the customer wrote." />
    <${Loaded} resource=${channels} what="Channels">
      ${(list) => html`<${AddChannel} reload=${channels.reload} /><${ChannelList} list=${list} reload=${channels.reload} refreshError=${channels.error} />`}
    </${Loaded}>`;
}

function AddChannel({ reload }) {
  const [formId, setFormId] = useState('email');
  const [values, setValues] = useState({});
  const [added, setAdded] = useState(null);
  const action = useAction();
  const form = CHANNEL_FORMS.find((f) => f.id === formId);

  async function submit(e) {
    e.preventDefault();
    const made = await action.run('add', () =>
      api('/v1/channels', { method: 'POST', body: channelBody(formId, values) }),
    );
    if (!made) return;
    setAdded({ ...made, kind: form.kind, provider: form.provider });
    setValues({});
    await reload();
  }

  return html`<${Section} title="Add a channel" testid="channel-add">
    <form class="settings-form" onSubmit=${submit} autocomplete="off">
      <fieldset class="choice-list wrap">
        <legend class="visually-hidden">Channel</legend>
        ${CHANNEL_FORMS.map(
          (f) => html`<label class=${`choice-card ${f.id === formId ? 'on' : ''}`}>
          <input type="radio" name="channel-form" value=${f.id} checked=${f.id === formId} data-testid=${`channel-form-${f.id}`}
            onChange=${() => {
              setFormId(f.id);
              action.setError(null);
            }} />
          <${Icon} name=${f.kind} size=${15} /> ${f.label}
        </label>`,
        )}
      </fieldset>
      <div class="field-grid">
        ${form.fields.map(
          (
            field,
          ) => html`<${Field} key=${`${formId}-${field.key}`} label=${field.label} id=${`ch-${field.key}`} help=${field.help}>
          <input id=${`ch-${field.key}`} type=${field.secret ? 'password' : field.type || 'text'} required placeholder=${field.placeholder || ''}
            autocomplete=${field.secret ? 'new-password' : 'off'} value=${values[field.key] || ''} data-testid=${`channel-${field.key}`}
            aria-describedby=${field.help ? `ch-${field.key}-help` : undefined}
            onInput=${(e) => setValues((v) => ({ ...v, [field.key]: e.currentTarget.value }))} />
        </${Field}>`,
        )}
      </div>
      ${
        form.provider &&
        html`<details class="advanced">
        <summary>Advanced</summary>
        <${Field} label="API base URL" id="ch-api-base" help="Only to reach the provider through a proxy or a stand-in; empty: the provider's own.">
          <input id="ch-api-base" type="url" placeholder="https://api.twilio.com" value=${values.api_base || ''} data-testid="channel-api_base"
            aria-describedby="ch-api-base-help" onInput=${(e) => setValues((v) => ({ ...v, api_base: e.currentTarget.value }))} />
        </${Field}>
      </details>`
      }
      <${ErrorNote} error=${action.error} testid="channel-error" />
      <div><button class="btn btn-primary" type="submit" disabled=${!!action.busy} data-testid="channel-submit">
        ${action.busy ? 'Adding…' : `Add ${form.label}`}
      </button></div>
    </form>
    ${
      added &&
      html`<div class="once" role="region" aria-label="The channel was added" data-testid="channel-added">
      <div class="once-head"><${Icon} name="check" size=${15} /> <strong>${KIND_LABEL[added.kind]} ${added.channel?.address || ''} added</strong></div>
      ${
        added.webhook_url
          ? html`<p class="small">${webhookHint(added.kind, added.provider)}</p><${CopyField} text=${added.webhook_url} testid="channel-webhook" />`
          : html`<p class="small">${webhookHint(added.kind, added.provider)}</p>`
      }
      <div><button class="btn btn-sm" onClick=${() => setAdded(null)} data-testid="channel-added-done">Done</button></div>
    </div>`
    }
  </${Section}>`;
}

function ChannelList({ list, reload, refreshError }) {
  const action = useAction();
  const [dialog, confirm] = useConfirm();
  const [resealing, setResealing] = useState(null);

  async function remove(ch) {
    const sure = await confirm({
      title: `Remove ${KIND_LABEL[ch.kind]} ${ch.address}?`,
      text: 'Messages to it are refused from now on, and replies to its conversations can no longer go out this way. Conversations already in the inbox stay.',
      confirm: 'Remove channel',
    });
    if (!sure) return;
    const done = await action.run(ch.id, async () => {
      await api(`/v1/channels/${encodeURIComponent(ch.id)}`, { method: 'DELETE' });
      return true;
    });
    if (done) await reload();
  }

  return html`<${Section} title="Channels" text=${list.length ? '' : 'Web chat needs none: it comes through the widget.'} testid="channel-list">
    ${refreshError && html`<${ErrorNote} error=${`Could not read the channels again: ${refreshError.message}`} />`}
    <${ErrorNote} error=${action.error} />
    ${!list.length && html`<p class="muted">No e-mail, SMS or WhatsApp channel yet.</p>`}
    <ul class="settings-list">
      ${list.map(
        (
          ch,
        ) => html`<li key=${ch.id} class="settings-item channel-item" data-testid="channel-row" data-address=${ch.address}>
        <span class="settings-item-icon"><${Icon} name=${ch.kind} size=${16} /></span>
        <div class="settings-item-main">
          <div><strong>${ch.address}</strong> <span class="chip">${KIND_LABEL[ch.kind] || ch.kind}</span>
            <span class="muted small"> · ${PROVIDER_LABEL[ch.provider] || ch.provider} · added ${when(ch.created_at)}</span>
            ${!ch.sealed_ok && html` <span class="chip chip-danger" data-testid="channel-unsealed">Credentials unreadable</span>`}</div>
          ${ch.webhook_url && html`<${CopyField} text=${ch.webhook_url} testid="channel-row-webhook" label="Copy URL" />`}
          ${
            !ch.sealed_ok &&
            (resealing === ch.id
              ? html`<${Reseal} channel=${ch} onDone=${async () => {
                  setResealing(null);
                  await reload();
                }} onCancel=${() => setResealing(null)} />`
              : html`<p class="small danger-text">The server's secret key changed, so it cannot open this channel's credentials: replies cannot go out.
                  <button class="link-btn" onClick=${() => setResealing(ch.id)} data-testid="channel-reseal">Enter them again</button></p>`)
          }
        </div>
        <button class="btn btn-sm btn-danger-ghost" onClick=${() => remove(ch)} disabled=${!!action.busy} data-testid="channel-remove">
          ${action.busy === ch.id ? 'Removing…' : 'Remove'}
        </button>
      </li>`,
      )}
    </ul>
    ${dialog}
  </${Section}>`;
}

function Reseal({ channel, onDone, onCancel }) {
  const [values, setValues] = useState({});
  const action = useAction();
  const keys = CHANNEL_SECRETS[channel.provider] || [];
  async function submit(e) {
    e.preventDefault();
    const done = await action.run('reseal', async () => {
      await api(`/v1/channels/${encodeURIComponent(channel.id)}/credentials`, {
        method: 'POST',
        body: credentialsBody(channel.provider, values),
      });
      return true;
    });
    if (done) await onDone();
  }
  return html`<form class="reseal" onSubmit=${submit} autocomplete="off" data-testid="channel-reseal-form">
    <div class="field-grid">
      ${keys.map(
        (key) => html`<${Field} key=${key} label=${SECRET_LABEL[key]} id=${`reseal-${channel.id}-${key}`}>
        <input id=${`reseal-${channel.id}-${key}`} type="password" required autocomplete="new-password" value=${values[key] || ''}
          data-testid=${`reseal-${key}`} onInput=${(e) => setValues((v) => ({ ...v, [key]: e.currentTarget.value }))} />
      </${Field}>`,
      )}
    </div>
    <${ErrorNote} error=${action.error} />
    <div class="savebar-actions">
      <button type="button" class="btn" onClick=${onCancel}>Cancel</button>
      <button type="submit" class="btn btn-primary" disabled=${!!action.busy} data-testid="reseal-submit">${action.busy ? 'Saving…' : 'Save credentials'}</button>
    </div>
  </form>`;
}
