/**
 * Widget (admins): the tag to paste, the sites it may run on (`allowed_origins`), how it
 * looks (`widget`: greeting, brand colour, theme, corner; a live preview beside), all
 * `GET|PATCH /v1/settings`; and the identity secret a site signs visitors' ids with
 * (`POST /v1/settings/identity-secret`: the new one shown once, the old one valid a while).
 */

import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { api } from '../../http.js';
import { contrastRatio, inkOn, isColour, originsOf } from '../../settings/values.js';
import { Icon } from '../common.js';
import { CopyField, ErrorNote, Field, OnceSecret, Section, useAction, useConfirm, when } from './kit.js';
import { SettingsPage } from './tenant.js';

const THEMES = [
  ['dark', 'Dark'],
  ['light', 'Light'],
  ['auto', "Visitor's system setting"],
];

const toForm = (s) => ({
  origins: [...s.allowed_origins],
  adding: '',
  widget: { ...s.widget },
  colourText: s.widget.brand_color,
});

function fromForm(d) {
  if (d.adding.trim()) return { error: 'Add the site you typed (or clear it) before saving.' };
  if (!isColour(d.widget.brand_color)) return { error: 'The brand colour must be #RRGGBB, e.g. #1d6ae5.' };
  return { value: { allowed_origins: d.origins, widget: d.widget } };
}

export function WidgetSettings() {
  return html`<${SettingsPage} title="Widget" what="Widget settings" testid="widget-form" toForm=${toForm} fromForm=${fromForm}
    text="The chat on your website: where it may run and how it looks. Visitors' chats land in Conversations."
    after=${html`<${IdentitySecret} />`}>
    ${(d, update, settings) => html`
      <${Section} title="Install" text="Paste this tag before </body> on every page that should offer the chat.">
        <${CopyField} text=${settings.widget_snippet} testid="widget-snippet" label="Copy tag" />
      </${Section}>
      <${Origins} d=${d} update=${update} />
      <${Look} d=${d} update=${update} name=${settings.name} />`}
  </${SettingsPage}>`;
}

function Origins({ d, update }) {
  function add() {
    const found = originsOf(d.adding).filter((o) => !d.origins.includes(o));
    update({ origins: [...d.origins, ...found], adding: '' });
  }
  return html`<${Section} title="Sites it may run on" text="The widget refuses to start on any other site (its origin: scheme, host and port).">
    <ul class="settings-list origins" data-testid="origin-list">
      ${d.origins.map(
        (o) => html`<li key=${o} class="settings-item" data-testid="origin-row">
        <span class="settings-item-icon"><${Icon} name="web" size=${15} /></span>
        <span class="settings-item-main mono">${o}</span>
        <button type="button" class="icon-btn" aria-label=${`Remove ${o}`} data-testid="origin-remove"
          onClick=${() => update({ origins: d.origins.filter((x) => x !== o) })}><${Icon} name="x" size=${15} /></button>
      </li>`,
      )}
      ${!d.origins.length && html`<li class="muted small">No site yet: the widget runs nowhere.</li>`}
    </ul>
    <div class="inline-form">
      <input aria-label="Add a site" placeholder="https://www.example.com" value=${d.adding} data-testid="origin-input"
        onInput=${(e) => update({ adding: e.currentTarget.value })}
        onKeyDown=${(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            add();
          }
        }} />
      <button type="button" class="btn btn-sm" onClick=${add} disabled=${!d.adding.trim()} data-testid="origin-add"><${Icon} name="plus" size=${13} /> Add site</button>
    </div>
  </${Section}>`;
}

function Look({ d, update, name }) {
  const w = d.widget;
  const set = (patch) => update((f) => ({ ...f, widget: { ...f.widget, ...patch } }));
  const colourOk = isColour(w.brand_color);
  const ink = inkOn(w.brand_color);
  const ratio = colourOk ? contrastRatio(w.brand_color, ink) : null;
  return html`<${Section} title="Look">
    <div class="look">
      <div class="look-fields">
        <${Field} label="Greeting" id="widget-greeting" wide help="The first line a visitor reads when they open the chat.">
          <textarea id="widget-greeting" rows="3" maxlength="500" value=${w.greeting} data-testid="widget-greeting"
            aria-describedby="widget-greeting-help" onInput=${(e) => set({ greeting: e.currentTarget.value })}></textarea>
        </${Field}>
        <${Field} label="Brand colour" id="widget-colour" help=${colourOk ? `Text on it: ${ink === '#ffffff' ? 'white' : 'dark'}, contrast ${ratio.toFixed(1)}:1${ratio < 4.5 ? ' (below 4.5:1: hard to read)' : ''}.` : 'As #RRGGBB.'}>
          <div class="colour">
            <input type="color" aria-label="Pick the brand colour" value=${colourOk ? w.brand_color : '#000000'} data-testid="widget-colour-picker"
              onInput=${(e) => {
                const value = e.currentTarget.value;
                update((f) => ({ ...f, colourText: value, widget: { ...f.widget, brand_color: value } }));
              }} />
            <input id="widget-colour" class="mono-input" maxlength="7" value=${d.colourText} data-testid="widget-colour"
              aria-describedby="widget-colour-help" aria-invalid=${colourOk ? undefined : 'true'}
              onInput=${(e) => {
                const value = e.currentTarget.value.trim();
                update((f) => ({ ...f, colourText: value, widget: { ...f.widget, brand_color: value.toLowerCase() } }));
              }} />
          </div>
        </${Field}>
        <fieldset class="choice-list stacked">
          <legend>Theme</legend>
          ${THEMES.map(
            ([
              value,
              label,
            ]) => html`<label class="choice"><input type="radio" name="widget-theme" value=${value} checked=${w.theme === value}
              onChange=${() => set({ theme: value })} data-testid=${`widget-theme-${value}`} /> ${label}</label>`,
          )}
        </fieldset>
        <fieldset class="choice-list">
          <legend>Launcher</legend>
          ${[
            ['right', 'Bottom right'],
            ['left', 'Bottom left'],
          ].map(
            ([value, label]) => html`<label class="choice"><input type="radio" name="widget-position" value=${value}
              checked=${w.launcher_position === value} onChange=${() => set({ launcher_position: value })}
              data-testid=${`widget-position-${value}`} /> ${label}</label>`,
          )}
        </fieldset>
      </div>
      <${Preview} look=${w} name=${name} />
    </div>
  </${Section}>`;
}

/** The widget as a visitor would see it on a page: the open panel over its launcher. */
function Preview({ look, name }) {
  const colour = isColour(look.brand_color) ? look.brand_color : '#1d6ae5';
  const ink = inkOn(colour);
  const theme = look.theme === 'auto' ? 'auto' : look.theme;
  return html`<figure class="look-preview" data-testid="widget-preview" data-theme=${theme} data-position=${look.launcher_position}>
    <div class="lp-site" aria-hidden="true">
      <div class="lp-panel">
        <div class="lp-head" style=${`background:${colour};color:${ink}`}><strong>${name || 'Support'}</strong></div>
        <div class="lp-body">
          <p class="lp-greeting">${look.greeting || ' '}</p>
          <p class="lp-visitor" style=${`background:${colour};color:${ink}`}>Do you have a free trial?</p>
        </div>
        <div class="lp-composer">Write a message…</div>
      </div>
      <span class="lp-launcher" style=${`background:${colour};color:${ink}`}><${Icon} name="sms" size=${18} /></span>
    </div>
    <figcaption class="muted small">Preview${look.theme === 'auto' ? ': light or dark as the visitor’s system is set' : ''}.</figcaption>
  </figure>`;
}

function IdentitySecret() {
  const action = useAction();
  const [dialog, confirm] = useConfirm();
  const [made, setMade] = useState(null);
  async function rotate() {
    const sure = await confirm({
      title: 'Make a new identity secret?',
      text: 'Your site must sign visitors’ ids with the new secret. The current one keeps working for a while, so you can switch without downtime.',
      confirm: 'Make a new secret',
    });
    if (!sure) return;
    const done = await action.run('rotate', () => api('/v1/settings/identity-secret', { method: 'POST' }));
    if (done) setMade(done);
  }
  return html`<${Section} title="Identity verification" testid="widget-identity"
    text="A signed-in visitor's id, signed by your server with this secret (HMAC-SHA256), proves who they are: FlowSupport.identify({external_id, hmac}).">
    <div><button type="button" class="btn" onClick=${rotate} disabled=${!!action.busy} data-testid="identity-rotate">
      <${Icon} name="refresh" size=${14} /> ${action.busy ? 'Making…' : 'Make a new secret'}</button></div>
    <${ErrorNote} error=${action.error} />
    ${
      made &&
      html`<${OnceSecret} title="The new identity secret" testid="identity-secret" secret=${made.identity_secret}
        text=${`Store it on your server now: it is not shown again. The previous secret keeps verifying until ${when(made.previous_valid_until)}.`}
        onDone=${() => setMade(null)} />`
    }
    ${dialog}
  </${Section}>`;
}
