/**
 * The right pane: the customer, their rating of this conversation, the handoff summary of
 * its ticket (with the SLA clock), history.
 */

import { html } from 'htm/preact';
import { useEffect } from 'preact/hooks';
import { useStore } from '../../shared/store.js';
import { ago, fullTime, relativeTime } from '../../shared/time.js';
import { navigate } from '../actions.js';
import { loadContact } from '../conversations.js';
import { store } from '../state.js';
import { loadTicket } from '../tickets.js';
import { ContactDetails } from './ContactDetails.js';
import { CsatCard } from './Csat.js';
import { Avatar, CHANNEL_LABEL, contactName, Icon, PriorityChip, Spinner, StatusChip, useNow } from './common.js';
import { LabelPicker } from './Labels.js';
import { SlaChip } from './Sla.js';
import { SnoozeCard } from './Snooze.js';

export function DetailsPanel({ id }) {
  const conv = useStore(store, (s) => s.convs[id]);
  const contactId = conv?.contact_id;
  const ticketId = conv?.ticket_id;
  const contact = useStore(store, (s) => (contactId ? s.contacts[contactId] : null));
  const ticket = useStore(store, (s) => (ticketId ? s.tickets[ticketId] : null));
  const now = useNow(60000);

  useEffect(() => {
    if (contactId) loadContact(contactId);
  }, [contactId]);
  useEffect(() => {
    if (ticketId) loadTicket(ticketId, { quiet: true });
  }, [ticketId]);

  if (!conv) return html`<aside class="pane details-pane" data-testid="details-panel" aria-label="Details"></aside>`;
  const profile = contact?.state === 'ok' ? contact.profile : null;
  const person = profile?.contact || conv.contact || { id: contactId };
  const name = contactName(person, contactId);
  const attributes = Object.entries(profile?.contact.attributes || {}).filter(([, v]) => v !== null && v !== '');
  const past = (profile?.conversations || []).filter((c) => c.id !== conv.id);
  const tickets = (profile?.tickets || []).filter((t) => t.id !== ticketId);

  return html`<aside class="pane details-pane" data-testid="details-panel" aria-label="Customer details">
    <section class="card customer">
      <${Avatar} name=${name} id=${contactId} size=${48} />
      <h3>${name}</h3>
      ${person.email && person.name && html`<p class="muted small break">${person.email}</p>`}
      ${contact?.state === 'loading' && html`<p class="muted small"><${Spinner} /> Loading profile…</p>`}
      ${contact?.state === 'missing' && html`<p class="muted small">No customer profile is available for this visitor yet.</p>`}
      ${contact?.state === 'error' && html`<p class="muted small">Profile unavailable. <button class="link-btn" onClick=${() => loadContact(contactId, { force: true })}>Retry</button></p>`}
    </section>

    <${ContactDetails} contact=${profile?.contact} now=${now} />

    <${CsatCard} csat=${conv.csat} now=${now} testid="details-csat" />

    <${LabelPicker} conv=${conv} />
    <${SnoozeCard} conv=${conv} />

    ${
      ticketId &&
      html`<section class="card handoff">
      <div class="card-head">
        <h4><${Icon} name="ticket" size=${13} /> Handoff summary</h4>
        ${ticket && html`<button class="link-btn" onClick=${() => navigate({ view: 'tickets', ticketId })}>#${ticket.number} <${Icon} name="external" size=${11} /></button>`}
      </div>
      ${
        ticket
          ? html`<div class="chips">
              <${StatusChip} status=${ticket.status} /> <${PriorityChip} priority=${ticket.priority} />
              <${SlaChip} ticket=${ticket} now=${now} />
            </div>
            ${ticket.escalation_reason && html`<p class="muted small">Escalated: ${humanReason(ticket.escalation_reason)}</p>`}
            <p data-testid="details-ticket-summary" class="summary">${ticket.summary || 'No summary was written for this handoff.'}</p>`
          : html`<p class="muted small"><${Spinner} /> Loading ticket…</p>`
      }
    </section>`
    }

    <section class="card">
      <h4>Conversation</h4>
      <dl class="facts">
        <dt>Channel</dt><dd>${CHANNEL_LABEL[conv.channel] || conv.channel}</dd>
        <dt>Started</dt><dd title=${fullTime(conv.created_at)}>${ago(conv.created_at, now)}</dd>
        ${conv.first_response_at && html`<dt>First response</dt><dd title=${fullTime(conv.first_response_at)}>${ago(conv.first_response_at, now)}</dd>`}
        ${conv.resolved_at && (conv.status === 'resolved' || conv.status === 'closed') && html`<dt>Resolved</dt><dd title=${fullTime(conv.resolved_at)}>${ago(conv.resolved_at, now)}</dd>`}
        <dt>AI answers</dt><dd>${conv.ai_enabled ? 'On' : 'Off'}</dd>
        ${person.external_id || profile?.contact.external_id ? html`<dt>External ID</dt><dd class="break">${profile?.contact.external_id}</dd>` : null}
        ${profile && html`<dt>Customer since</dt><dd>${fullTime(profile.contact.created_at)}</dd>`}
        <dt>ID</dt><dd class="mono break">${conv.id}</dd>
      </dl>
    </section>

    ${
      attributes.length > 0 &&
      html`<section class="card">
      <h4>Attributes</h4>
      <dl class="facts">
        ${attributes.map(([k, v]) => html`<dt class="break">${k}</dt><dd class="break">${typeof v === 'object' ? JSON.stringify(v) : String(v)}</dd>`)}
      </dl>
    </section>`
    }

    ${
      profile &&
      html`<section class="card">
      <h4>Past conversations</h4>
      ${
        past.length
          ? html`<ul class="links">${past.slice(0, 8).map(
              (
                c,
              ) => html`<li><button class="link-row" onClick=${() => navigate({ view: 'conversations', conversationId: c.id })}>
            <span class="ellipsis">${c.subject || c.preview?.body || `${CHANNEL_LABEL[c.channel] || c.channel} conversation`}</span>
            <span class="row-side"><${StatusChip} status=${c.status} short /> <span class="faint small">${relativeTime(c.updated_at, now)}</span></span>
          </button></li>`,
            )}</ul>`
          : html`<p class="muted small">This is their first conversation.</p>`
      }
    </section>`
    }

    ${
      tickets.length > 0 &&
      html`<section class="card">
      <h4>Other tickets</h4>
      <ul class="links">${tickets.slice(0, 8).map(
        (t) => html`<li><button class="link-row" onClick=${() => navigate({ view: 'tickets', ticketId: t.id })}>
        <span class="ellipsis">#${t.number} ${t.subject}</span><${StatusChip} status=${t.status} />
      </button></li>`,
      )}</ul>
    </section>`
    }
  </aside>`;
}

/** "just now", "5m ago", "Yesterday", "Mar 4". */
const REASONS = {
  customer_asked: 'the customer asked for a person',
  no_answer: 'the AI found no answer in the knowledge base',
  ai_error: 'the AI could not answer',
  unanswered: 'the question went unanswered too long',
  visitor_left: 'the customer left with a question unanswered',
  marked: 'handed over by an agent or bot',
  budget: 'the AI budget was used up',
};

export function humanReason(reason) {
  return REASONS[reason] || String(reason).replace(/_/g, ' ');
}
