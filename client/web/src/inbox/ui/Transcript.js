/**
 * The transcript: day separators, messages grouped by sender, internal notes, system
 * lines, optimistic sends, and the AI answer while it streams. Every message body is
 * Markdown whose vnodes shared/markdown.js builds, with text children (never HTML); only
 * http(s) and mailto: links become anchors (the clients' one URL policy).
 *
 * A ticket's view shows the same transcript with the ticket's comments among the messages
 * (thread.js withComments). Reaching the end of the open conversation reads it (live.js).
 */

import { html } from 'htm/preact';
import { h } from 'preact';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { linkProps, markdown, webUrl } from '../../shared/markdown.js';
import { useStore } from '../../shared/store.js';
import { clockTime, dayLabel, fullTime } from '../../shared/time.js';
import { stopAi } from '../actions.js';
import { loadOlder } from '../conversations.js';
import { deliver, viewingLatest } from '../live.js';
import { staffNameOf } from '../staff.js';
import { store } from '../state.js';
import { groupMessages, withComments } from '../thread.js';
import { AttachmentList } from './Attachments.js';
import { Avatar, contactName, Icon, memo, Spinner } from './common.js';

/**
 * @param {object} p
 * @param {string} p.id the conversation
 * @param {object} [p.conv]
 * @param {object[]} [p.comments] a ticket's comments, shown among the messages
 * @param {any} [p.top] shown above the messages (a ticket's summary)
 * @param {string} [p.cls] another class for the scroller
 */
export function Transcript({ id, conv, comments, top, cls }) {
  const thread = useStore(store, (s) => s.threads[id]);
  const stream = useStore(store, (s) => s.streams[id]);
  const visitorRead = useStore(store, (s) => s.visitorRead[id] || 0);
  const scroller = useRef(null);
  const atBottom = useRef(true);
  const [showJump, setShowJump] = useState(false);
  const rows = useMemo(
    () => groupMessages(withComments(thread ? thread.messages : [], comments), (t) => dayLabel(t)),
    [thread?.messages, comments],
  );
  useEffect(() => () => viewingLatest(id, null), [id]);
  const visitor = contactName(conv?.contact, conv?.contact_id);

  // Stay pinned to the newest message unless the agent scrolled up to read; older messages
  // loaded above keep what is on screen in place. (Keyed by conversation: one per id.)
  const messages = thread ? thread.messages : [];
  const tail = `${messages.length ? messages[messages.length - 1].seq : 0}:${thread ? thread.pending.length : 0}:${stream ? stream.text.length : -1}:${comments ? comments.length : 0}`;
  const head = messages.length ? messages[0].seq : 0;
  const seen = useRef({ tail: null, head: null, height: 0 });
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const before = seen.current;
    if (before.head !== null && head !== before.head && !atBottom.current) {
      el.scrollTop += el.scrollHeight - before.height; // prepended above: hold position
    } else if (tail !== before.tail) {
      if (atBottom.current) el.scrollTop = el.scrollHeight;
      else setShowJump(true);
    }
    seen.current = { tail, head, height: el.scrollHeight };
  });

  function onScroll() {
    const el = scroller.current;
    atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 60;
    if (atBottom.current) setShowJump(false);
    viewingLatest(id, atBottom.current);
  }

  function jump() {
    const el = scroller.current;
    el.scrollTop = el.scrollHeight;
    atBottom.current = true;
    setShowJump(false);
    viewingLatest(id, true);
  }

  const lastAgentSeq = thread
    ? [...thread.messages].reverse().find((m) => m.sender?.kind === 'agent' && !m.private)?.seq
    : null;

  return html`<div class=${cls ? `transcript ${cls}` : 'transcript'} ref=${scroller} onScroll=${onScroll} role="log" aria-live="polite" aria-label="Conversation transcript">
    <div class="transcript-inner">
      ${top}
      ${
        thread?.truncated &&
        html`<div class="older">
        <button class="btn btn-ghost btn-sm" onClick=${() => loadOlder(id)} disabled=${thread.loadingOlder}>
          ${thread.loadingOlder ? 'Loading…' : 'Load earlier messages'}
        </button>
      </div>`
      }
      ${!thread?.ready ? html`<div class="transcript-loading"><${Spinner} /> Loading conversation…</div>` : null}
      ${thread?.ready && !rows.length && !thread.pending.length && !stream && html`<div class="transcript-empty muted">No messages yet.</div>`}
      ${rows.map((row) => {
        if (row.kind === 'day') return html`<div key=${row.key} class="day"><span>${row.label}</span></div>`;
        if (row.kind === 'system') return html`<${SystemLine} key=${row.key} message=${row.message} />`;
        return html`<${Group} key=${row.key} group=${row} messages=${row.messages} visitor=${visitor} contactId=${conv?.contact_id}
          seenSeq=${row.messages.some((m) => m.seq === lastAgentSeq) && visitorRead >= lastAgentSeq ? lastAgentSeq : 0} />`;
      })}
      ${thread?.pending.map((p) => html`<${Pending} key=${p.client_msg_id} item=${p} id=${id} />`)}
      ${stream && html`<${Stream} stream=${stream} />`}
    </div>
    ${showJump && html`<button class="jump" onClick=${jump}><${Icon} name="arrowDown" size=${14} /> New messages</button>`}
  </div>`;
}

function senderName(sender, visitor, names, me, current) {
  switch (sender.kind) {
    case 'visitor':
      return sender.name || visitor;
    case 'ai':
      return 'AI Assistant';
    case 'bot':
      return sender.name || 'Bot';
    case 'agent':
      if (sender.id === me.id) return `${sender.name || me.name}`;
      return current || sender.name || names[sender.id] || 'Agent'; // the staff list's name first
    default:
      return sender.name || 'System';
  }
}

const Group = memo(function Group({ group, messages, visitor, contactId, seenSeq }) {
  const names = useStore(store, (s) => s.names);
  const me = useStore(store, (s) => s.session.user);
  const sender = group.sender;
  const current = useStore(store, (s) => (sender.kind === 'agent' ? staffNameOf(s, sender.id) : null));
  const name = senderName(sender, visitor, names, me, current);
  const first = messages[0];
  const isMe = sender.kind === 'agent' && sender.id === me.id;
  return html`<div class=${`group kind-${sender.kind} ${group.private ? 'note' : ''} ${isMe ? 'mine' : ''}`}>
    <${Avatar} name=${name} kind=${sender.kind} id=${sender.kind === 'visitor' ? contactId : sender.id} size=${34} />
    <div class="group-body">
      <div class="group-head">
        <span class="sender">${name}</span>
        ${sender.kind === 'ai' && html`<span class="badge-kind badge-ai">AI</span>`}
        ${sender.kind === 'bot' && html`<span class="badge-kind">Bot</span>`}
        ${isMe && html`<span class="badge-kind">You</span>`}
        ${group.private && html`<span class="badge-note"><${Icon} name="lock" size=${11} /> ${group.comment ? 'Internal comment' : 'Internal note'}</span>`}
        ${group.comment && !group.private && html`<span class="badge-kind">Ticket reply</span>`}
        <time datetime=${first.created_at} title=${fullTime(first.created_at)}>${clockTime(first.created_at)}</time>
      </div>
      ${messages.map((m) => html`<${Message} key=${m.id} message=${m} />`)}
      ${seenSeq ? html`<div class="seen"><${Icon} name="check" size=${12} /> Seen</div>` : null}
    </div>
  </div>`;
});

function Message({ message }) {
  const citations = Array.isArray(message.citations) ? message.citations : [];
  // Every body is Markdown (customers', agents', notes, AI answers): text children only,
  // links by the clients' one policy (shared/markdown.js).
  const body = useMemo(() => markdown(message.body, h), [message.body]);
  return html`<div data-testid="msg" class="msg" data-seq=${message.seq} data-sender=${message.sender?.kind || 'system'} data-private=${message.private ? 'true' : 'false'}
    data-comment=${message.comment ? 'true' : undefined}>
    ${String(message.body || '').trim() && html`<div data-testid="msg-body" class="msg-body md">${body}</div>`}
    <${AttachmentList} attachments=${message.attachments} />
    ${
      citations.length > 0 &&
      html`<div class="citations">
      <span class="citations-label">Sources</span>
      ${citations.map((c, i) => {
        const href = webUrl(c.url);
        const title = c.title || c.article_id || `Source ${i + 1}`;
        return href
          ? html`<a data-testid="citation" class="citation" ...${linkProps(href)}><${Icon} name="book" size=${11} />${title}<${Icon} name="external" size=${10} /></a>`
          : html`<span data-testid="citation" class="citation"><${Icon} name="book" size=${11} />${title}</span>`;
      })}
    </div>`
    }
    ${message.status && html`<${DeliveryStatus} status=${message.status} reason=${message.status_reason} />`}
  </div>`;
}

// PROTOCOL.md additions: a reply sent on a channel (e-mail, SMS, WhatsApp) carries `status`.
const DELIVERY = {
  queued: ['clock', 'Sending…'],
  sent: ['check', 'Sent'],
  delivered: ['check', 'Delivered'],
  read: ['check', 'Read'],
  failed: ['alert', 'Not delivered'],
};

function DeliveryStatus({ status, reason }) {
  const [icon, label] = DELIVERY[status] || ['check', status];
  return html`<div data-testid="msg-status" data-status=${status} class=${`delivery delivery-${status}`}>
    <${Icon} name=${icon} size=${11} /> ${label}${reason ? `: ${reason}` : ''}
  </div>`;
}

/** A case event (PROTOCOL.md additions, system message `event`): its icon and, without a body, words. */
const EVENTS = {
  escalated: ['users', 'Handed over to a person'],
  agent_joined: ['user', 'An agent joined'],
  resolved: ['check', 'Resolved'],
  reopened: ['inbox', 'Reopened'],
  csat_requested: ['star', 'Rating requested'],
};

function SystemLine({ message }) {
  const event = Object.hasOwn(EVENTS, message.event || '') ? message.event : null;
  const body = String(message.body || '').trim() || (event ? EVENTS[event][1] : '');
  return html`<div data-testid="msg" class=${event ? `system event event-${event}` : 'system'} data-seq=${message.seq} data-sender="system"
    data-event=${event || undefined} data-private=${message.private ? 'true' : 'false'}>
    ${event && html`<${Icon} name=${EVENTS[event][0]} size=${13} />`}
    <span data-testid="msg-body" class="msg-body">${body}</span>
    <time datetime=${message.created_at}>${clockTime(message.created_at)}</time>
  </div>`;
}

function Pending({ item, id }) {
  const me = useStore(store, (s) => s.session.user);
  return html`<div class=${`group kind-agent mine pending ${item.private ? 'note' : ''}`}>
    <${Avatar} name=${me.name} kind="agent" id=${me.id} size=${34} />
    <div class="group-body">
      <div class="group-head">
        <span class="sender">${me.name}</span>
        ${item.private && html`<span class="badge-note"><${Icon} name="lock" size=${11} /> Internal note</span>`}
        <span class="muted small">${item.state === 'queued' ? 'Waiting for connection…' : 'Sending…'}</span>
        ${item.state === 'queued' && html`<button class="link-btn" onClick=${() => deliver(id, item)}>Retry now</button>`}
      </div>
      <div class="msg msg-pending">
        ${item.body && html`<div class="msg-body">${item.body}</div>`}
        ${item.attachments?.length > 0 && html`<div class="attachments">${item.attachments.map((f) => html`<span class="file-link pending-file">${f.name}</span>`)}</div>`}
      </div>
    </div>
  </div>`;
}

function Stream({ stream }) {
  const text = useMemo(() => markdown(stream.text, h), [stream.text]);
  return html`<div data-testid="ai-stream" class="group kind-ai streaming" aria-live="off">
    <${Avatar} kind="ai" size=${34} />
    <div class="group-body">
      <div class="group-head">
        <span class="sender">AI Assistant</span><span class="badge-kind badge-ai">AI</span>
        <span class="answering">AI is answering<span class="dots" aria-hidden="true"><i></i><i></i><i></i></span></span>
      </div>
      <div class="msg"><div data-testid="msg-body" class="msg-body md">${text}${!stream.text && html`<span class="caret" aria-hidden="true"></span>`}</div></div>
    </div>
  </div>`;
}

/** Pinned above the composer while the AI writes: a button that does not move. */
export function TakeOver({ id }) {
  const streaming = useStore(store, (s) => !!s.streams[id]);
  if (!streaming) return null;
  return html`<div class="takeover" role="status">
    <span class="takeover-text"><${Icon} name="sparkle" size=${15} /> AI is answering this customer<span class="dots" aria-hidden="true"><i></i><i></i><i></i></span></span>
    <button data-testid="ai-stop" class="btn btn-stop" onClick=${() => stopAi(id)} title="Stop AI (s)">
      <${Icon} name="stop" size=${12} /> Stop AI and take over
    </button>
  </div>`;
}
