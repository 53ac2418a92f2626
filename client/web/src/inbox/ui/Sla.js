/** A ticket's SLA clock as a chip: missed, paused, or the time left (tickets.js slaClock). */

import { html } from 'htm/preact';
import { dueText, fullTime } from '../../shared/time.js';
import { slaClock } from '../tickets.js';
import { Icon } from './common.js';

const missed = (breaches) => breaches.map((b) => b.replace('_', ' ')).join(', ');

export function SlaChip({ ticket, now }) {
  const { clock, breached, soon } = slaClock(ticket, now);
  const paused = clock === 'paused';
  if (breached.length) {
    return html`<span data-testid="sla-clock" data-state=${clock || 'none'} class="chip chip-danger" title=${`Missed: ${missed(breached)}${paused ? ' · clock paused' : ''}`}>
      Breached${paused ? ' · paused' : ''}</span>`;
  }
  if (paused) {
    return html`<span data-testid="sla-clock" data-state="paused" class="chip chip-paused"
      title=${`The SLA clock is paused${ticket.sla_paused_at ? ` since ${fullTime(ticket.sla_paused_at)}` : ''} while the ticket is ${ticket.status}; it runs again when it reopens`}><${Icon} name="pause" size=${11} /> SLA paused</span>`;
  }
  if (clock !== 'running') return null;
  return html`<span data-testid="sla-clock" data-state="running" class=${`chip ${soon ? 'chip-warn' : 'chip-quiet'}`} title=${`Next SLA target ${fullTime(ticket.due_at)}`}>
    <${Icon} name="clock" size=${11} /> ${dueText(ticket.due_at, now)}</span>`;
}
