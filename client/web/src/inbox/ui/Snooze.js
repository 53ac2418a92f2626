/**
 * Snooze: put a conversation aside until a time (`conversation.update` `snoozed_until`).
 * It becomes pending; the server's worker reopens it then, or the customer's next message
 * at once. Presets are in the agent's own time zone (the browser's): in an hour, tomorrow
 * at 9:00, next Monday at 9:00, or a date and time picked.
 */

import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { fullTime } from '../../shared/time.js';
import { updateConversation } from '../actions.js';
import { Icon } from './common.js';

/** The preset times, from `now` (a Date), in the browser's time zone. */
export function snoozePresets(now = new Date()) {
  const hour = new Date(now.getTime() + 3600_000);
  const tomorrow = new Date(now);
  tomorrow.setDate(now.getDate() + 1);
  tomorrow.setHours(9, 0, 0, 0);
  const monday = new Date(now);
  monday.setDate(now.getDate() + ((8 - now.getDay()) % 7 || 7));
  monday.setHours(9, 0, 0, 0);
  return [
    { id: 'hour', label: 'In 1 hour', at: hour },
    { id: 'tomorrow', label: 'Tomorrow, 9:00', at: tomorrow },
    { id: 'week', label: 'Next week (Monday, 9:00)', at: monday },
  ];
}

/** A `datetime-local` value (local time, no zone) as a Date, or null. */
export function fromLocalInput(value) {
  if (!value) return null;
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? null : at;
}

export function snooze(id, at) {
  return updateConversation(id, { snoozed_until: at.toISOString() });
}

export function SnoozeCard({ conv }) {
  const [custom, setCustom] = useState('');
  const [open, setOpen] = useState(false);
  const snoozed = conv.snoozed_until;
  const final = conv.status === 'resolved' || conv.status === 'closed';
  const picked = fromLocalInput(custom);

  return html`<section class="card" data-testid="details-snooze">
    <div class="card-head">
      <h4><${Icon} name="clock" size=${13} /> Snooze</h4>
      ${
        snoozed
          ? html`<button type="button" class="link-btn" data-testid="snooze-end" onClick=${() => updateConversation(conv.id, { snoozed_until: null, status: 'open' })}>Wake now</button>`
          : html`<button type="button" class="link-btn" data-testid="snooze-open" aria-expanded=${open} disabled=${final} onClick=${() => setOpen(!open)}>Snooze…</button>`
      }
    </div>
    ${
      snoozed
        ? html`<p class="small" data-testid="snooze-until">Snoozed until <time datetime=${snoozed}>${fullTime(snoozed)}</time>; it reopens then, or when the customer writes.</p>`
        : html`<p class="muted small">${final ? 'Resolved conversations cannot be snoozed.' : 'Put it aside as pending; it reopens by itself.'}</p>`
    }
    ${
      open &&
      !snoozed &&
      html`<div class="snooze-menu" data-testid="snooze-menu">
        ${snoozePresets().map(
          (
            p,
          ) => html`<button type="button" class="btn btn-sm" key=${p.id} data-testid=${`snooze-${p.id}`} title=${fullTime(p.at.toISOString())}
            onClick=${() => {
              setOpen(false);
              snooze(conv.id, p.at);
            }}>${p.label}</button>`,
        )}
        <label class="snooze-custom">
          <span class="small">Until</span>
          <input type="datetime-local" data-testid="snooze-custom" value=${custom} onInput=${(e) => setCustom(e.currentTarget.value)} />
        </label>
        <button type="button" class="btn btn-sm btn-primary" data-testid="snooze-custom-go" disabled=${!picked || picked <= new Date()}
          onClick=${() => {
            setOpen(false);
            snooze(conv.id, picked);
          }}>Snooze</button>
      </div>`
    }
  </section>`;
}
