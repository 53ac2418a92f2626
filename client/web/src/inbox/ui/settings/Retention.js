/**
 * Data retention (admins): keep conversations forever, or have the worker empty them a
 * number of days after they were resolved (`retention_days` of `GET|PATCH /v1/settings`;
 * README "The worker" says what goes and what stays).
 */

import { html } from 'htm/preact';
import { MAX_RETENTION_DAYS, retentionForm, retentionText, retentionValue } from '../../settings/retention.js';
import { Field, Section } from './kit.js';
import { SettingsPage } from './tenant.js';

export function Retention() {
  return html`<${SettingsPage} title="Data retention" what="retention settings" testid="retention-form"
    text="How long resolved conversations keep their messages and attachments."
    toForm=${retentionForm} fromForm=${retentionValue}>
    ${(d, update) => html`
      <${Section} title="Resolved conversations"
        text="Once deleted, messages, attachments, the ticket's summary and its public replies cannot be recovered. The conversation itself stays, empty, so reports keep counting it.">
        <fieldset class="retention-choice" aria-describedby="retention-now">
          <legend class="visually-hidden">Retention</legend>
          <label class="setting-row">
            <input type="radio" name="retention" value="forever" data-testid="retention-forever"
              checked=${d.mode === 'forever'} onChange=${() => update({ mode: 'forever' })} />
            <span>Keep forever</span>
          </label>
          <label class="setting-row">
            <input type="radio" name="retention" value="days" data-testid="retention-delete"
              checked=${d.mode === 'days'} onChange=${() => update({ mode: 'days' })} />
            <span>Delete a number of days after resolution</span>
          </label>
        </fieldset>
        ${
          d.mode === 'days' &&
          html`<${Field} label="Days after resolution" id="retention-days"
            help=${`From 1 to ${MAX_RETENTION_DAYS.toLocaleString('en')}. The worker checks every few minutes.`}>
            <input id="retention-days" inputmode="numeric" data-testid="retention-days" aria-describedby="retention-days-help"
              value=${d.days} onInput=${(e) => update({ days: e.currentTarget.value })} />
          </${Field}>`
        }
        <p class="muted small" id="retention-now" role="status" data-testid="retention-now">${retentionText(d)}</p>
      </${Section}>`}
  </${SettingsPage}>`;
}
