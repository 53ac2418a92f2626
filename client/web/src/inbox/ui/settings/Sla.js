/**
 * SLA & hours (admins): per priority a first-response and a resolution target in minutes
 * (empty: no target), counted round the clock or in business hours (a time zone, weekdays,
 * opening and closing time). `GET|PATCH /v1/settings` keys `sla` and `business_hours`.
 */

import { html } from 'htm/preact';
import {
  hoursForm,
  hoursValue,
  minutesText,
  PRIORITY_ORDER,
  parseWhole,
  slaForm,
  slaValue,
  timeZones,
  WEEKDAYS,
} from '../../settings/values.js';
import { Field, Section } from './kit.js';
import { SettingsPage } from './tenant.js';

const LABEL = { urgent: 'Urgent', high: 'High', normal: 'Normal', low: 'Low' };

const toForm = (s) => ({ sla: slaForm(s.sla), hours: hoursForm(s.business_hours) });

function fromForm(d) {
  const sla = slaValue(d.sla);
  if (sla.error) return sla;
  const hours = hoursValue(d.hours);
  if (hours.error) return hours;
  return { value: { sla: sla.value, business_hours: hours.value } };
}

export function SlaHours() {
  return html`<${SettingsPage} title="SLA & hours" what="SLA settings" testid="sla-form" toForm=${toForm} fromForm=${fromForm}
    text="How soon a ticket should get its first answer and be solved, by priority. Clocks pause while a ticket is pending on the customer.">
    ${(d, update) => html`<${Targets} sla=${d.sla} update=${update} /><${Hours} hours=${d.hours} update=${update} />`}
  </${SettingsPage}>`;
}

function Targets({ sla, update }) {
  const set = (priority, key) => (e) => {
    const value = e.currentTarget.value;
    update((d) => ({ ...d, sla: { ...d.sla, [priority]: { ...d.sla[priority], [key]: value } } }));
  };
  const hint = (text) => {
    const parsed = parseWhole(text);
    return parsed.error ? '' : parsed.value == null ? 'no target' : minutesText(parsed.value);
  };
  return html`<${Section} title="Targets" text="In minutes. Leave a target empty for none.">
    <table class="settings-table sla-table" data-testid="sla-table">
      <thead><tr><th scope="col">Priority</th><th scope="col">First response</th><th scope="col">Resolution</th></tr></thead>
      <tbody>
        ${PRIORITY_ORDER.map(
          (p) => html`<tr key=${p}>
          <th scope="row">${LABEL[p]}</th>
          ${['first_response', 'resolution'].map(
            (key) => html`<td>
            <div class="minutes">
              <input inputmode="numeric" aria-label=${`${LABEL[p]}: ${key === 'first_response' ? 'first response' : 'resolution'}, minutes`}
                data-testid=${`sla-${p}-${key}`} value=${sla[p][key]} onInput=${set(p, key)} placeholder="None" />
              <span class="muted small" aria-hidden="true">${hint(sla[p][key])}</span>
            </div>
          </td>`,
          )}
        </tr>`,
        )}
      </tbody>
    </table>
  </${Section}>`;
}

function Hours({ hours, update }) {
  const set = (patch) => update((d) => ({ ...d, hours: { ...d.hours, ...patch } }));
  const toggleDay = (day, on) =>
    set({ days: on ? [...new Set([...hours.days, day])].sort((a, b) => a - b) : hours.days.filter((x) => x !== day) });
  return html`<${Section} title="Business hours" text="SLA clocks run only inside them: Friday 16:50 plus 30 minutes is Monday 09:20.">
    <fieldset class="choice-list">
      <legend class="visually-hidden">When SLA clocks run</legend>
      <label class="choice"><input type="radio" name="hours" checked=${hours.always} onChange=${() => set({ always: true })}
        data-testid="hours-always" /> Round the clock</label>
      <label class="choice"><input type="radio" name="hours" checked=${!hours.always} onChange=${() => set({ always: false })}
        data-testid="hours-business" /> Business hours only</label>
    </fieldset>
    ${
      !hours.always &&
      html`<div class="hours" data-testid="hours-detail">
      <${Field} label="Time zone" id="hours-zone">
        <select id="hours-zone" value=${hours.timezone} onChange=${(e) => set({ timezone: e.currentTarget.value })} data-testid="hours-timezone">
          ${timeZones(hours.timezone).map((z) => html`<option value=${z}>${z}</option>`)}
        </select>
      </${Field}>
      <fieldset class="days">
        <legend>Days</legend>
        ${WEEKDAYS.map(
          (name, day) => html`<label class=${`day-chip ${hours.days.includes(day) ? 'on' : ''}`}>
          <input type="checkbox" checked=${hours.days.includes(day)} onChange=${(e) => toggleDay(day, e.currentTarget.checked)}
            data-testid=${`hours-day-${day}`} /> ${name}
        </label>`,
        )}
      </fieldset>
      <div class="field-grid">
        <${Field} label="Opens" id="hours-start">
          <input id="hours-start" type="time" value=${hours.start} onInput=${(e) => set({ start: e.currentTarget.value })} data-testid="hours-start" />
        </${Field}>
        <${Field} label="Closes" id="hours-end">
          <input id="hours-end" type="time" value=${hours.end} onInput=${(e) => set({ end: e.currentTarget.value })} data-testid="hours-end" />
        </${Field}>
      </div>
    </div>`
    }
  </${Section}>`;
}
