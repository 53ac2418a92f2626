/** The middle pane: header controls, transcript, who is typing, composer. */

import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { useStore } from '../../shared/store.js';
import { addTag, assignToMe, navigate, removeTag, updateConversation } from '../actions.js';
import { store } from '../state.js';
import { Assist } from './Assist.js';
import { Composer } from './Composer.js';
import {
  Avatar,
  assigneeOptions,
  CHANNEL_LABEL,
  ChannelIcon,
  contactName,
  Icon,
  PRIORITIES,
  STATUS_LABEL,
} from './common.js';
import { tagClass, useLabels } from './Labels.js';
import { MacrosMenu } from './Macros.js';
import { TakeOver, Transcript } from './Transcript.js';

const STATUSES = ['open', 'waiting_human', 'pending', 'resolved', 'closed'];

export function ConversationView({ id }) {
  const conv = useStore(store, (s) => s.convs[id]);
  const thread = useStore(store, (s) => s.threads[id]);
  if (!conv) {
    return html`<section class="pane main-pane" data-testid="conv-view" data-conversation-id=${id}>
      <div class="placeholder">${thread?.error ? html`<p>${thread.error}</p>` : html`<p class="muted">Loading conversation…</p>`}</div>
    </section>`;
  }
  return html`<section class="pane main-pane" data-testid="conv-view" data-conversation-id=${id} aria-label="Conversation">
    <${Header} conv=${conv} />
    <${Transcript} key=${id} id=${id} conv=${conv} />
    <${Typing} id=${id} conv=${conv} />
    <${TakeOver} id=${id} />
    <${Assist} id=${id} />
    <${Composer} id=${id} />
  </section>`;
}

function Header({ conv }) {
  const name = contactName(conv.contact, conv.contact_id);
  const session = useStore(store, (s) => s.session);
  const presence = useStore(store, (s) => s.presence);
  const names = useStore(store, (s) => s.names);
  const staff = useStore(store, (s) => s.staff);
  const options = assigneeOptions({ session, presence, names, staff }, conv.assignee_id);
  const me = session.user.id;
  const viewers = useStore(store, (s) => s.viewers[conv.id]);
  const ticket = useStore(store, (s) => (conv.ticket_id ? s.tickets[conv.ticket_id] : null));
  const others = Object.entries(viewers || {});

  return html`<header class="conv-head">
    <div class="conv-title">
      <${Avatar} name=${name} id=${conv.contact_id} size=${36} />
      <div class="conv-title-text">
        <h2>${name}</h2>
        <span class="muted small">
          <${ChannelIcon} channel=${conv.channel} /> ${CHANNEL_LABEL[conv.channel] || conv.channel}
          ${conv.contact?.email && conv.contact.name ? html` · ${conv.contact.email}` : ''}
          ${conv.subject ? html` · ${conv.subject}` : ''}
        </span>
      </div>
      <div class="conv-title-side">
        ${
          others.length > 0 &&
          html`<span class="viewers" title=${`${others.map(([, v]) => v.name).join(', ')} also here`}>
          ${others.slice(0, 3).map(([aid, v]) => html`<${Avatar} key=${aid} name=${v.name} id=${aid} kind="agent" size=${22} />`)}
          <span class="small"><${Icon} name="eye" size=${12} /> ${others.length === 1 ? `${others[0][1].name || 'An agent'} is viewing` : `${others.length} agents viewing`}</span>
        </span>`
        }
        ${
          conv.ticket_id &&
          html`<button data-testid="conv-ticket-link" class="chip chip-link" onClick=${() => navigate({ view: 'tickets', ticketId: conv.ticket_id })}>
          <${Icon} name="ticket" size=${12} /> ${ticket ? `Ticket #${ticket.number}` : 'Ticket'}
        </button>`
        }
      </div>
    </div>
    <div class="controls">
      <label class="control">
        <span>Status</span>
        <select data-testid="conv-status" class=${`sel status-${conv.status}`} value=${conv.status} onChange=${(e) => updateConversation(conv.id, { status: e.currentTarget.value })}>
          ${STATUSES.map((s) => html`<option value=${s}>${STATUS_LABEL[s]}</option>`)}
        </select>
      </label>
      <label class="control">
        <span>Assignee</span>
        <select data-testid="conv-assignee" class="sel" value=${conv.assignee_id || ''} onChange=${(e) => updateConversation(conv.id, { assignee_id: e.currentTarget.value || null })}>
          ${options.map((o) => html`<option value=${o.value}>${o.label}</option>`)}
        </select>
      </label>
      <button data-testid="conv-assign-me" class="btn btn-sm" onClick=${() => assignToMe(conv.id)} title="Assign to me (a)">
        <${Icon} name="user" size=${13} /> ${conv.assignee_id === me ? 'Assigned to you' : 'Assign to me'}
      </button>
      <label class="control">
        <span>Priority</span>
        <select data-testid="conv-priority" class=${`sel priority-${conv.priority}`} value=${conv.priority} onChange=${(e) => updateConversation(conv.id, { priority: e.currentTarget.value })}>
          ${PRIORITIES.map((p) => html`<option value=${p}>${p[0].toUpperCase() + p.slice(1)}</option>`)}
        </select>
      </label>
      <${Tags} conv=${conv} />
      <${MacrosMenu} conversationId=${conv.id} />
    </div>
  </header>`;
}

function Tags({ conv }) {
  const [text, setText] = useState('');
  const labels = useLabels();
  function commit() {
    if (text.trim()) addTag(conv.id, text);
    setText('');
  }
  function onKeyDown(e) {
    if (e.key === 'Enter' || e.key === ',') {
      e.preventDefault();
      commit();
    } else if (e.key === 'Backspace' && !text && conv.tags?.length) {
      removeTag(conv.id, conv.tags[conv.tags.length - 1]);
    } else if (e.key === 'Escape') {
      setText('');
      e.currentTarget.blur();
    }
  }
  return html`<div class="tags" role="group" aria-label="Tags">
    <${Icon} name="tag" size=${13} />
    ${(conv.tags || []).map((t) => html`<span class=${`tag ${tagClass(labels, t)}`} key=${t}>${t}<button class="tag-x" aria-label=${`Remove tag ${t}`} onClick=${() => removeTag(conv.id, t)}><${Icon} name="x" size=${11} /></button></span>`)}
    <input data-testid="conv-tags" class="tag-input" value=${text} placeholder=${conv.tags?.length ? 'Add tag' : 'Add tags…'} aria-label="Add a tag"
      onInput=${(e) => {
        const v = e.currentTarget.value;
        if (v.includes(',')) {
          addTag(conv.id, v);
          setText('');
        } else setText(v);
      }}
      onKeyDown=${onKeyDown} onBlur=${commit} maxLength="200" />
  </div>`;
}

function Typing({ id, conv }) {
  const typing = useStore(store, (s) => s.typing[id]);
  const entries = Object.values(typing || {});
  if (!entries.length) return html`<div class="typing-slot"></div>`;
  const names = entries.map(
    (t) =>
      t.name ||
      (t.kind === 'visitor' ? contactName(conv.contact, conv.contact_id) : t.kind === 'bot' ? 'A bot' : 'An agent'),
  );
  const text =
    names.length === 1
      ? `${names[0]} is typing…`
      : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]} are typing…`;
  return html`<div class="typing-slot"><div data-testid="typing-indicator" class="typing" role="status">
    <span class="dots" aria-hidden="true"><i></i><i></i><i></i></span>${text}
  </div></div>`;
}
