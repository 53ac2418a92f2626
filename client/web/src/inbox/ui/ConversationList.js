/** The left pane: search, filters and the live conversation list. */

import { html } from 'htm/preact';
import { useEffect, useRef } from 'preact/hooks';
import { useStore } from '../../shared/store.js';
import { relativeTime } from '../../shared/time.js';
import { navigate } from '../actions.js';
import { loadList, loadMore, setFilters, visibleIds } from '../conversations.js';
import { STATUS_FILTERS, store } from '../state.js';
import { BulkBar, toggleSelected } from './BulkBar.js';
import {
  Avatar,
  agentName,
  CHANNEL_LABEL,
  ChannelIcon,
  contactName,
  Icon,
  memo,
  PriorityChip,
  Spinner,
  StatusChip,
  useNow,
} from './common.js';
import { LabelChips, useLabels } from './Labels.js';

const SENDER_PREFIX = { agent: 'Agent: ', ai: 'AI: ', bot: 'Bot: ', system: '' };

export function ConversationList() {
  const filters = useStore(store, (s) => s.filters);
  const list = useStore(store, (s) => s.list);
  const ids = useStore(store, visibleIdsCached);
  const openId = useStore(store, (s) => s.route.conversationId);
  const cursor = useStore(store, (s) => s.cursor);
  const now = useNow(30000);
  const labels = useLabels();

  return html`<section class="pane list-pane" aria-label="Conversations">
    <div class="pane-head">
      <div class="pane-title">
        <h2>Inbox</h2>
        <span class="muted small">${list.loading ? html`<${Spinner} />` : `${ids.length}${list.nextCursor ? '+' : ''}`}</span>
      </div>
      <label class="search">
        <${Icon} name="search" size=${14} />
        <input data-testid="conv-search" type="search" placeholder="Search conversations" aria-label="Search conversations"
          value=${filters.q} onInput=${(e) => setFilters({ q: e.currentTarget.value })} />
        <kbd aria-hidden="true">/</kbd>
      </label>
      <div class="filters">
        <select data-testid="filter-status" aria-label="Status" value=${filters.status} onChange=${(e) => setFilters({ status: e.currentTarget.value })}>
          ${STATUS_FILTERS.map((f) => html`<option value=${f.value}>${f.label}</option>`)}
        </select>
        <select data-testid="filter-channel" aria-label="Channel" value=${filters.channel} onChange=${(e) => setFilters({ channel: e.currentTarget.value })}>
          <option value="">All channels</option>
          ${Object.entries(CHANNEL_LABEL).map(([value, label]) => html`<option value=${value}>${label}</option>`)}
        </select>
        <select data-testid="filter-label" aria-label="Label" value=${filters.label || ''} onChange=${(e) => setFilters({ label: e.currentTarget.value })}>
          <option value="">All labels</option>
          ${labels.map((l) => html`<option value=${l.name}>${l.name}</option>`)}
          ${filters.label && !labels.some((l) => l.name === filters.label) && html`<option value=${filters.label}>${filters.label}</option>`}
        </select>
      </div>
      <div class="filters">
        <button data-testid="filter-mine" class=${`toggle ${filters.assignee === 'me' ? 'on' : ''}`} aria-pressed=${filters.assignee === 'me'}
          onClick=${() => setFilters({ assignee: filters.assignee === 'me' ? '' : 'me' })}>Mine</button>
        <button data-testid="filter-unassigned" class=${`toggle ${filters.assignee === 'none' ? 'on' : ''}`} aria-pressed=${filters.assignee === 'none'}
          onClick=${() => setFilters({ assignee: filters.assignee === 'none' ? '' : 'none' })}>Unassigned</button>
      </div>
      <${BulkBar} ids=${ids} />
    </div>
    <ul data-testid="conv-list" class="list" aria-label="Conversation list">
      ${ids.map((id) => html`<${Row} key=${id} id=${id} ids=${ids} active=${id === openId} highlighted=${id === cursor && id !== openId} now=${now} />`)}
      ${
        !ids.length &&
        !list.loading &&
        html`<li class="empty">
        ${list.error ? html`<p>Could not load conversations.</p><p class="muted small">${list.error}</p><button class="btn btn-sm" onClick=${loadList}>Try again</button>` : html`<p>No conversations here.</p><p class="muted small">${filters.q ? 'Nothing matches your search.' : 'New chats appear here as they arrive.'}</p>`}
      </li>`
      }
      ${list.nextCursor && html`<li class="more"><button class="btn btn-ghost btn-sm" onClick=${loadMore} disabled=${list.loadingMore}>${list.loadingMore ? 'Loading…' : 'Load more'}</button></li>`}
    </ul>
  </section>`;
}

let lastState = null;
let lastIds = [];

/** visibleIds, returning the same array while the result is unchanged (no re-render). */
function visibleIdsCached(state) {
  if (state === lastState) return lastIds;
  const ids = visibleIds(state);
  lastState = state;
  if (ids.length !== lastIds.length || ids.some((id, i) => id !== lastIds[i])) lastIds = ids;
  return lastIds;
}

const Row = memo(function Row({ id, ids, active, highlighted, now }) {
  const conv = useStore(store, (s) => s.convs[id]);
  const selected = useStore(store, (s) => !!s.selected?.[id]);
  const unread = useStore(store, (s) => s.unread[id] || 0);
  const streaming = useStore(store, (s) => !!s.streams[id]);
  const typing = useStore(store, (s) => Object.keys(s.typing[id] || {}).length > 0);
  const assignee = useStore(store, (s) =>
    conv?.assignee_id ? agentName(s.names, conv.assignee_id, s.session.user) : null,
  );
  const ref = useRef(null);
  useEffect(() => {
    if (highlighted || active) ref.current?.scrollIntoView({ block: 'nearest' });
  }, [highlighted, active]);
  if (!conv) return null;
  const name = contactName(conv.contact, conv.contact_id);
  const preview = conv.preview;
  let text;
  if (streaming) text = html`<span class="accent-text">AI is answering…</span>`;
  else if (typing) text = html`<span class="accent-text">typing…</span>`;
  else if (preview) text = `${SENDER_PREFIX[preview.sender_kind] || ''}${preview.body}`;
  else text = html`<span class="faint">${conv.subject || 'No messages yet'}</span>`;

  return html`<li class=${`row-item ${selected ? 'selected' : ''}`}>
    <input type="checkbox" class="row-check" data-testid="conv-select" checked=${selected} aria-label=${`Select ${name}`}
      onClick=${(e) => toggleSelected(id, { shift: e.shiftKey, ids })} />
    <button ref=${ref} data-testid="conv-item" data-conversation-id=${id} data-status=${conv.status}
      class=${`row ${active ? 'active' : ''} ${highlighted ? 'highlighted' : ''} ${unread ? 'unread' : ''}`}
      aria-current=${active ? 'true' : undefined}
      onClick=${() => navigate({ view: 'conversations', conversationId: id })}>
      <${Avatar} name=${name} id=${conv.contact_id} size=${34} />
      <span class="row-main">
        <span class="row-top">
          <span class="row-name">${name}</span>
          <time class="row-time" datetime=${conv.updated_at}>${relativeTime(Math.max(Date.parse(conv.updated_at) || 0, conv.activity || 0), now)}</time>
        </span>
        <span class="row-preview">${text}</span>
        <${LabelChips} tags=${conv.tags} />
        <span class="row-meta">
          <${StatusChip} status=${conv.status} short />
          <${ChannelIcon} channel=${conv.channel} />
          <${PriorityChip} priority=${conv.priority} />
          ${conv.snoozed_until && html`<span class="mini" data-testid="conv-snoozed" title=${`Snoozed until ${new Date(conv.snoozed_until).toLocaleString()}`}><${Icon} name="clock" size=${11} />Snoozed</span>`}
          ${conv.ticket_id && html`<span class="mini" title="Has a ticket"><${Icon} name="ticket" size=${12} /></span>`}
          ${assignee && html`<span class="mini assignee" title=${`Assigned to ${assignee}`}><${Icon} name="user" size=${11} />${assignee.replace(' (you)', '')}</span>`}
          ${unread > 0 && html`<span data-testid="conv-unread" class="badge" aria-label=${`${unread} unread`}>${unread > 99 ? '99+' : unread}</span>`}
        </span>
      </span>
    </button>
  </li>`;
});
