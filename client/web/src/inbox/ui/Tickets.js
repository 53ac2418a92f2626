/**
 * Tickets: the filtered list (left) and one ticket (middle and right). A ticket with a
 * conversation shows one transcript: the conversation's messages (public comments are
 * messages) with the internal comments among them.
 */

import { html } from 'htm/preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { useStore } from '../../shared/store.js';
import { ago, clockTime, fullTime, relativeTime } from '../../shared/time.js';
import { navigate } from '../actions.js';
import { loadContact } from '../conversations.js';
import { hold, release } from '../live.js';
import { staffNameOf } from '../staff.js';
import { store } from '../state.js';
import {
  addComment,
  loadMoreTickets,
  loadTickets,
  patchTicket,
  setTicketFilters,
  slaClock,
  visibleTicketIds,
} from '../tickets.js';
import { CsatCard } from './Csat.js';
import {
  Avatar,
  agentName,
  assigneeOptions,
  contactName,
  Icon,
  memo,
  PRIORITIES,
  PriorityChip,
  Spinner,
  STATUS_LABEL,
  StatusChip,
  useNow,
} from './common.js';
import { humanReason } from './DetailsPanel.js';
import { SlaChip } from './Sla.js';
import { Transcript } from './Transcript.js';

const TICKET_STATUSES = ['new', 'open', 'pending', 'solved', 'closed'];
const cap = (s) => s[0].toUpperCase() + s.slice(1);

export function TicketList() {
  const filters = useStore(store, (s) => s.ticketFilters);
  const list = useStore(store, (s) => s.ticketList);
  const ids = useStore(store, idsCached);
  const openId = useStore(store, (s) => s.route.ticketId);
  const cursor = useStore(store, (s) => s.cursor);
  const now = useNow(30000);

  useEffect(() => {
    if (!store.get().ticketList.loaded) loadTickets();
  }, []);

  return html`<section class="pane list-pane" aria-label="Tickets">
    <div class="pane-head">
      <div class="pane-title"><h2>Tickets</h2><span class="muted small">${list.loading ? html`<${Spinner} />` : `${ids.length}${list.nextCursor ? '+' : ''}`}</span></div>
      <label class="search">
        <${Icon} name="search" size=${14} />
        <input data-testid="ticket-search" type="search" placeholder="Search subjects and comments" aria-label="Search tickets"
          value=${filters.q} onInput=${(e) => setTicketFilters({ q: e.currentTarget.value })} />
        <kbd aria-hidden="true">/</kbd>
      </label>
      <div class="filters">
        <select data-testid="ticket-filter-status" aria-label="Ticket status" value=${filters.status} onChange=${(e) => setTicketFilters({ status: e.currentTarget.value })}>
          <option value="">Any status</option>
          ${TICKET_STATUSES.map((s) => html`<option value=${s}>${STATUS_LABEL[s]}</option>`)}
        </select>
        <select data-testid="ticket-filter-priority" aria-label="Priority" value=${filters.priority} onChange=${(e) => setTicketFilters({ priority: e.currentTarget.value })}>
          <option value="">Any priority</option>
          ${PRIORITIES.map((p) => html`<option value=${p}>${cap(p)}</option>`)}
        </select>
      </div>
      <div class="filters">
        <button data-testid="ticket-filter-mine" class=${`toggle ${filters.assignee === 'me' ? 'on' : ''}`} aria-pressed=${filters.assignee === 'me'}
          onClick=${() => setTicketFilters({ assignee: filters.assignee === 'me' ? '' : 'me' })}>Mine</button>
        <button data-testid="ticket-filter-unassigned" class=${`toggle ${filters.assignee === 'none' ? 'on' : ''}`} aria-pressed=${filters.assignee === 'none'}
          onClick=${() => setTicketFilters({ assignee: filters.assignee === 'none' ? '' : 'none' })}>Unassigned</button>
      </div>
    </div>
    <ul data-testid="ticket-list" class="list" aria-label="Ticket list">
      ${ids.map((id) => html`<${TicketRow} key=${id} id=${id} active=${id === openId} highlighted=${id === cursor && id !== openId} now=${now} />`)}
      ${
        !ids.length &&
        !list.loading &&
        html`<li class="empty">
        ${list.error ? html`<p>Could not load tickets.</p><p class="muted small">${list.error}</p><button class="btn btn-sm" onClick=${loadTickets}>Try again</button>` : html`<p>No tickets here.</p><p class="muted small">Conversations the AI cannot answer become tickets.</p>`}
      </li>`
      }
      ${list.nextCursor && html`<li class="more"><button class="btn btn-ghost btn-sm" onClick=${loadMoreTickets} disabled=${list.loadingMore}>${list.loadingMore ? 'Loading…' : 'Load more'}</button></li>`}
    </ul>
  </section>`;
}

let lastState = null;
let lastIds = [];
function idsCached(state) {
  if (state === lastState) return lastIds;
  const ids = visibleTicketIds(state);
  lastState = state;
  if (ids.length !== lastIds.length || ids.some((id, i) => id !== lastIds[i])) lastIds = ids;
  return lastIds;
}

export { SlaChip };

/**
 * Who asked: the ticket's own `requester` (every ticket answer and frame carries it), else
 * the contact's profile if loaded (an older server), else just the contact id.
 */
export function requesterOf(ticket, contact) {
  if (ticket.requester) return { ...ticket.requester, id: ticket.requester.id || ticket.requester_contact_id };
  if (contact?.state === 'ok') return contact.profile.contact;
  return { id: ticket.requester_contact_id };
}

const TicketRow = memo(function TicketRow({ id, active, highlighted, now }) {
  const ticket = useStore(store, (s) => s.tickets[id]);
  const assignee = useStore(store, (s) =>
    ticket?.assignee_id ? agentName(s.names, ticket.assignee_id, s.session.user) : null,
  );
  const contact = useStore(store, (s) =>
    ticket && !ticket.requester ? s.contacts[ticket.requester_contact_id] : null,
  );
  const ref = useRef(null);
  useEffect(() => {
    if (highlighted || active) ref.current?.scrollIntoView({ block: 'nearest' });
  }, [highlighted, active]);
  if (!ticket) return null;
  const requester = requesterOf(ticket, contact);
  const who = contactName(requester, ticket.requester_contact_id);
  return html`<li>
    <button ref=${ref} data-testid="ticket-item" data-ticket-id=${id} data-status=${ticket.status}
      class=${`row ticket-row ${active ? 'active' : ''} ${highlighted ? 'highlighted' : ''}`} aria-current=${active ? 'true' : undefined}
      onClick=${() => navigate({ view: 'tickets', ticketId: id })}>
      <span class="row-main">
        <span class="row-top">
          <span class="row-name"><span class="ticket-no">#${ticket.number}</span> ${ticket.subject}</span>
          <time class="row-time" datetime=${ticket.updated_at}>${relativeTime(ticket.updated_at, now)}</time>
        </span>
        <span class="row-preview row-requester" title=${requester.email && requester.name ? `${who} <${requester.email}>` : who}>
          <${Avatar} name=${who} id=${ticket.requester_contact_id} size=${18} />
          <span data-testid="ticket-requester" class="ellipsis">${who}</span>
        </span>
        <span class="row-meta">
          <${StatusChip} status=${ticket.status} />
          <${PriorityChip} priority=${ticket.priority} />
          <${SlaChip} ticket=${ticket} now=${now} />
          <span class="mini assignee"><${Icon} name="user" size=${11} />${assignee ? assignee.replace(' (you)', '') : 'Unassigned'}</span>
        </span>
      </span>
    </button>
  </li>`;
});

export function TicketView({ id }) {
  const ticket = useStore(store, (s) => s.tickets[id]);
  const detail = useStore(store, (s) => s.ticketDetail[id]);
  const contact = useStore(store, (s) =>
    ticket && !ticket.requester ? s.contacts[ticket.requester_contact_id] : null,
  );
  const session = useStore(store, (s) => s.session);
  const presence = useStore(store, (s) => s.presence);
  const names = useStore(store, (s) => s.names);
  const staff = useStore(store, (s) => s.staff);
  const convId = ticket?.conversation_id || null;
  const conv = useStore(store, (s) => (convId ? s.convs[convId] : null));
  const now = useNow(30000);
  const body = useRef(null);
  const count = detail?.comments?.length || 0;
  useLayoutEffect(() => {
    // A new comment (ours or a colleague's) scrolls into view.
    if (body.current && count) body.current.scrollTop = body.current.scrollHeight;
  }, [count, id]);
  useEffect(() => {
    // The conversation's messages, live, for the one transcript.
    if (!convId) return undefined;
    hold(convId);
    return () => release(convId);
  }, [convId]);

  if (!ticket) {
    return html`<section class="pane main-pane" data-testid="ticket-view" data-ticket-id=${id}>
      <div class="placeholder">${detail?.state === 'missing' ? html`<p>This ticket does not exist or is not yours to see.</p>` : detail?.state === 'error' ? html`<p>${detail.error}</p>` : html`<p class="muted"><${Spinner} /> Loading ticket…</p>`}</div>
    </section>`;
  }
  const options = assigneeOptions({ session, presence, names, staff }, ticket.assignee_id);
  const comments = detail?.comments || [];
  const requester = requesterOf(ticket, contact);
  const who = contactName(requester, ticket.requester_contact_id);

  return html`<section class="pane main-pane" data-testid="ticket-view" data-ticket-id=${id} aria-label=${`Ticket ${ticket.number}`}>
    <header class="conv-head">
      <div class="conv-title">
        <span class="ticket-badge"><${Icon} name="ticket" size=${18} /></span>
        <div class="conv-title-text">
          <h2><span class="ticket-no">#${ticket.number}</span> ${ticket.subject}</h2>
          <span class="muted small">
            <span class="requester-inline" title=${requester.email && requester.name ? `${who} <${requester.email}>` : who}>
              <${Icon} name="user" size=${12} />
              <span data-testid="ticket-view-requester" class="ellipsis">${who}${requester.email && requester.name ? html` <span class="faint">· ${requester.email}</span>` : ''}</span>
            </span>
            <span class="nowrap">· Opened ${ago(ticket.created_at, now)} · updated ${ago(ticket.updated_at, now)}</span>
          </span>
        </div>
        <div class="conv-title-side">
          <${SlaChip} ticket=${ticket} now=${now} />
          ${
            ticket.conversation_id &&
            html`<button data-testid="ticket-conversation-link" class="chip chip-link" onClick=${() => navigate({ view: 'conversations', conversationId: ticket.conversation_id })}>
            <${Icon} name="sms" size=${12} /> Open conversation</button>`
          }
        </div>
      </div>
      <div class="controls">
        <label class="control"><span>Status</span>
          <select data-testid="ticket-status" class=${`sel status-${ticket.status}`} value=${ticket.status} onChange=${(e) => patchTicket(id, { status: e.currentTarget.value })}>
            ${TICKET_STATUSES.map((s) => html`<option value=${s}>${STATUS_LABEL[s]}</option>`)}
          </select></label>
        <label class="control"><span>Priority</span>
          <select data-testid="ticket-priority" class=${`sel priority-${ticket.priority}`} value=${ticket.priority} onChange=${(e) => patchTicket(id, { priority: e.currentTarget.value })}>
            ${PRIORITIES.map((p) => html`<option value=${p}>${cap(p)}</option>`)}
          </select></label>
        <label class="control"><span>Assignee</span>
          <select data-testid="ticket-assignee" class="sel" value=${ticket.assignee_id || ''} onChange=${(e) => patchTicket(id, { assignee_id: e.currentTarget.value || null })}>
            ${options.map((o) => html`<option value=${o.value}>${o.label}</option>`)}
          </select></label>
        ${ticket.tags?.length > 0 && html`<div class="tags">${ticket.tags.map((t) => html`<span class="tag" key=${t}>${t}</span>`)}</div>`}
      </div>
    </header>
    ${
      convId
        ? html`<${Transcript} key=${convId} id=${convId} conv=${conv} cls="ticket-body" comments=${detail?.state === 'ok' ? detail.comments : undefined}
          top=${html`<${TicketTop} ticket=${ticket} csat=${ticket.csat || conv?.csat} now=${now} />
            <h3 class="section-title">Conversation</h3>`} />`
        : html`<div class="transcript ticket-body" ref=${body}>
          <div class="transcript-inner">
            <${TicketTop} ticket=${ticket} csat=${ticket.csat} now=${now} />
            <h3 class="section-title">Activity</h3>
            ${!detail || detail.state === 'loading' ? html`<p class="muted"><${Spinner} /> Loading comments…</p>` : null}
            ${detail?.state === 'ok' && !comments.length && html`<p class="muted small">No comments yet.</p>`}
            ${comments.map((c) => html`<${Comment} key=${c.id} comment=${c} />`)}
          </div>
        </div>`
    }
    <${CommentBox} id=${id} />
  </section>`;
}

/** Above the transcript: the handoff summary, and the customer's rating once given. */
function TicketTop({ ticket, csat, now }) {
  return html`<section class="summary-card" aria-label="Handoff summary">
      <div class="card-head"><h3><${Icon} name="sparkle" size=${14} /> Handoff summary</h3>
        ${ticket.escalation_reason && html`<span class="muted small">Escalated because ${humanReason(ticket.escalation_reason)}</span>`}</div>
      <p data-testid="ticket-summary" class="summary">${ticket.summary || 'No summary was written for this ticket.'}</p>
    </section>
    <${CsatCard} csat=${csat} now=${now} testid="ticket-csat" />`;
}

function Comment({ comment }) {
  const author = comment.author || {};
  const current = useStore(store, (s) => (author.kind === 'agent' ? staffNameOf(s, author.id) : null));
  const name =
    current ||
    author.name ||
    (author.kind === 'visitor'
      ? 'Customer'
      : author.kind === 'ai'
        ? 'AI Assistant'
        : author.kind === 'system'
          ? 'System'
          : 'Agent');
  return html`<article data-testid="ticket-comment" data-public=${comment.public ? 'true' : 'false'} class=${`comment ${comment.public ? 'public' : 'internal'}`}>
    <${Avatar} name=${name} kind=${author.kind === 'agent' || author.kind === 'visitor' ? 'visitor' : author.kind} id=${author.id} size=${30} />
    <div class="group-body">
      <div class="group-head">
        <span class="sender">${name}</span>
        ${comment.public ? html`<span class="badge-kind">Public reply</span>` : html`<span class="badge-note"><${Icon} name="lock" size=${11} /> Internal</span>`}
        <time datetime=${comment.created_at} title=${fullTime(comment.created_at)}>${relativeTime(comment.created_at)} · ${clockTime(comment.created_at)}</time>
      </div>
      <div class="msg-body">${comment.body}</div>
    </div>
  </article>`;
}

const commentDrafts = {};

function CommentBox({ id }) {
  const [body, setBody] = useState(commentDrafts[id] || '');
  const [isPublic, setPublic] = useState(false);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    // Another ticket: its own draft, and back to internal (a public reply is a deliberate choice).
    setBody(commentDrafts[id] || '');
    setPublic(false);
  }, [id]);

  async function send() {
    const text = body.trim();
    if (!text || busy) return;
    setBusy(true);
    const ok = await addComment(id, text, isPublic);
    setBusy(false);
    if (ok) {
      commentDrafts[id] = '';
      setBody('');
    }
  }

  return html`<div class=${`composer ${isPublic ? '' : 'composer-note'}`}>
    <div class="composer-box">
      <textarea data-testid="ticket-comment-input" rows="3" value=${body} aria-label="Comment"
        placeholder=${isPublic ? 'Write a public reply — the customer receives it' : 'Write an internal comment — only your team sees it'}
        onInput=${(e) => {
          commentDrafts[id] = e.currentTarget.value;
          setBody(e.currentTarget.value);
        }}
        onKeyDown=${(e) => {
          // As in the chat composer: Enter sends, Shift+Enter breaks the line.
          if (e.key === 'Enter' && !e.shiftKey && !e.isComposing && !e.altKey) {
            e.preventDefault();
            send();
          } else if (e.key === 'Escape') e.currentTarget.blur();
        }}></textarea>
      <div class="composer-foot">
        <label class="switch">
          <input data-testid="ticket-comment-public" type="checkbox" checked=${isPublic} onChange=${(e) => setPublic(e.currentTarget.checked)} />
          <span class="switch-track" aria-hidden="true"><span class="switch-thumb"></span></span>
          <span>${isPublic ? 'Public reply: the customer sees it' : 'Internal: only your team sees it'}</span>
        </label>
        <span class="muted small hide-narrow"><kbd>Enter</kbd> to send · <kbd>Shift</kbd>+<kbd>Enter</kbd> new line</span>
        <button data-testid="ticket-comment-send" class=${`btn ${isPublic ? 'btn-primary' : 'btn-note'}`} disabled=${!body.trim() || busy} onClick=${send}>
          ${busy ? 'Posting…' : isPublic ? 'Send reply' : 'Add comment'}
        </button>
      </div>
    </div>
  </div>`;
}

/** The right pane beside a ticket: requester and SLA clock. */
export function TicketDetails({ id }) {
  const ticket = useStore(store, (s) => s.tickets[id]);
  const contact = useStore(store, (s) => (ticket ? s.contacts[ticket.requester_contact_id] : null));
  const now = useNow(30000);
  useEffect(() => {
    if (ticket?.requester_contact_id) loadContact(ticket.requester_contact_id);
  }, [ticket?.requester_contact_id]);
  if (!ticket) return html`<aside class="pane details-pane" aria-label="Ticket details"></aside>`;
  const person = requesterOf(ticket, contact);
  const name = contactName(person, ticket.requester_contact_id);
  const row = (label, value) => value && html`<dt>${label}</dt><dd title=${fullTime(value)}>${fullTime(value)}</dd>`;
  return html`<aside class="pane details-pane" data-testid="ticket-details" aria-label="Ticket details">
    <section class="card customer" data-testid="ticket-details-requester" aria-label="Requester">
      <h4>Requester</h4>
      <${Avatar} name=${name} id=${ticket.requester_contact_id} size=${48} />
      <h3>${name}</h3>
      ${person.email && person.name && html`<p class="muted small break">${person.email}</p>`}
      ${contact?.state === 'missing' && html`<p class="muted small">No customer profile available.</p>`}
    </section>
    <section class="card">
      <h4>SLA</h4>
      <div class="chips"><${SlaChip} ticket=${ticket} now=${now} /></div>
      <dl class="facts">
        ${row('First response due', ticket.first_response_due_at)}
        ${row('First response', ticket.first_responded_at)}
        ${row('Resolution due', ticket.resolution_due_at)}
        ${row('Solved', ticket.solved_at)}
        ${slaClock(ticket, now).clock && html`<dt>Clock</dt><dd data-testid="ticket-sla-state">${slaClock(ticket, now).clock === 'paused' ? 'Paused' : 'Running'}</dd>`}
        ${ticket.breaches?.length ? html`<dt>Missed</dt><dd class="danger-text">${ticket.breaches.map((b) => b.replace('_', ' ')).join(', ')}</dd>` : null}
      </dl>
    </section>
    <section class="card">
      <h4>Ticket</h4>
      <dl class="facts">
        <dt>Number</dt><dd>#${ticket.number}</dd>
        <dt>Created</dt><dd>${fullTime(ticket.created_at)}</dd>
        ${Object.entries(ticket.custom_fields || {}).map(([k, v]) => html`<dt class="break">${k}</dt><dd class="break">${String(v)}</dd>`)}
        <dt>ID</dt><dd class="mono break">${ticket.id}</dd>
      </dl>
    </section>
  </aside>`;
}
