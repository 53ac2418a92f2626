/**
 * The log's entries: persisted messages, the AI answer being streamed, citations. Every
 * text from the network goes in as text (h() children), never as HTML. Answers (AI, agents,
 * bots) are Markdown (shared/markdown.js builds their nodes with h()); the visitor's own
 * messages and system lines are plain text.
 */

import { linkProps, parse, renderBlock, webUrl } from '../shared/markdown.js';
import { EVENT_TEXT } from './case.js';
import { dots, h, icon } from './dom.js';

/** @typedef {{article_id?: string, title?: string, url?: string}} Citation */
/**
 * @typedef {object} Message PROTOCOL.md's message object
 * @property {string} id
 * @property {number} seq
 * @property {{kind: string, id?: string | null, name?: string | null}} sender
 * @property {string} body
 * @property {string | null} [client_msg_id]
 * @property {Citation[] | null} [citations]
 * @property {string} [created_at]
 * @property {string} [event] system messages: a step of the case (PROTOCOL.md additions)
 * @property {boolean} [private]
 * @property {import("../shared/uploads.js").Attachment[]} [attachments]
 */

/**
 * The label shown for a sender.
 * @param {{kind: string, name?: string | null}} sender
 */
export function senderName(sender) {
  if (sender.kind === 'ai') return 'Assistant';
  if (sender.name) return sender.name;
  return sender.kind === 'bot' ? 'Bot' : sender.kind === 'visitor' ? 'You' : 'Support';
}

/** @param {string | undefined} iso */
function clock(iso) {
  const date = iso ? new Date(iso) : null;
  if (!date || Number.isNaN(date.getTime())) return '';
  return date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

/**
 * @param {{kind: string, name?: string | null}} sender
 * @param {string} time
 */
function head(sender, time) {
  return h(
    'div',
    { class: 'fs-msg-head' },
    h('span', { class: 'fs-msg-name' }, senderName(sender)),
    sender.kind === 'ai' && h('span', { class: 'fs-badge', 'aria-label': 'AI assistant' }, 'AI'),
    time && h('span', { class: 'fs-msg-time' }, time),
  );
}

/** Avatar colours for people, picked by name so one person keeps one colour. */
const TINTS = ['#6d4fd8', '#b5541c', '#1f7a70', '#b03a7f', '#2f6fad', '#8a6a00'];

/**
 * Initials on a tint for people and bots, a sparkle for the AI.
 * @param {{kind: string, id?: string | null, name?: string | null}} sender
 */
function avatar(sender) {
  if (sender.kind === 'ai') return h('span', { class: 'fs-face fs-face--ai', 'aria-hidden': 'true' }, icon('spark'));
  const name = senderName(sender);
  const initials = name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((word) => Array.from(word)[0])
    .join('')
    .toUpperCase();
  let hash = 0;
  for (const ch of name) hash = (hash * 31 + (ch.codePointAt(0) || 0)) >>> 0;
  const face = h('span', { class: 'fs-face', 'aria-hidden': 'true' }, initials);
  face.style.background = TINTS[hash % TINTS.length]; // CSSOM: allowed under a strict host CSP
  return face;
}

/**
 * @param {Message} m
 * @param {Citation[] | null | undefined} citations
 * @param {HTMLElement | null} [files] its attachments, drawn (attach.js fileList)
 */
export function messageEntry(m, citations, files = null) {
  const kind = m.sender.kind;
  // Answers (AI, agents, bots) are Markdown; the visitor's own words are shown as typed.
  const body =
    kind === 'visitor'
      ? h('div', { class: 'fs-body', 'data-testid': 'fs-message-body' }, m.body)
      : markdownBody(m.body);
  body.hidden = !String(m.body || '').trim() && !!files; // files alone
  const bubble = h('div', { class: 'fs-bubble' }, body, files);
  if (citations?.length) bubble.append(sources(citations));
  return h(
    'div',
    {
      class: `fs-msg fs-msg--${kind === 'visitor' ? 'visitor' : 'other'}`,
      'data-testid': 'fs-message',
      'data-sender': kind,
      'data-sid':
        kind === 'visitor' ? 'visitor' : kind === 'ai' ? 'ai' : `${kind}:${m.sender.id || m.sender.name || ''}`,
    },
    kind !== 'visitor' && avatar(m.sender),
    kind !== 'visitor' && head(m.sender, clock(m.created_at)),
    bubble,
  );
}

/**
 * A system line, centred; one with an `event` (a step of the case) is a status line, with
 * its own words when the server sent none.
 * @param {Message} m
 */
export function systemEntry(m) {
  const event = m.event && Object.hasOwn(EVENT_TEXT, m.event) ? m.event : null;
  const text = String(m.body || '').trim() || (event ? EVENT_TEXT[/** @type {keyof EVENT_TEXT} */ (event)] : '');
  return h(
    'div',
    {
      class: event ? 'fs-msg fs-msg--system fs-msg--event' : 'fs-msg fs-msg--system',
      'data-testid': 'fs-message',
      'data-sender': 'system',
      'data-event': event,
      role: 'note',
    },
    h('div', { class: 'fs-body', 'data-testid': 'fs-message-body' }, text),
  );
}

/**
 * "Sources: …": a citation with an http(s) URL is a link to it in a new tab; any other is
 * its title as plain text.
 * @param {Citation[]} citations
 */
export function sources(citations) {
  const list = h('div', { class: 'fs-cites' }, h('span', { class: 'fs-cites-label' }, 'Sources:'));
  for (const c of citations) {
    const title = String(c.title || c.url || 'Article');
    const href = webUrl(c.url);
    const props = { class: 'fs-cite', 'data-testid': 'fs-citation' };
    list.append(href ? h('a', { ...props, ...linkProps(href) }, title) : h('span', props, title));
  }
  return list;
}

/** @param {string} [text] an answer's Markdown */
function markdownBody(text) {
  const body = h('div', { class: 'fs-body fs-md', 'data-testid': 'fs-message-body' });
  if (text) drawMarkdown(body, text);
  return body;
}

/** @type {WeakMap<Element, {text: string, drawn: {src: string | undefined, node: ChildNode}[]}>} */
const drawnText = new WeakMap();

/**
 * Draw Markdown into an element. Called again as a streamed answer grows, it keeps the
 * blocks whose source did not change (all but the last, mostly) and redraws the rest.
 * @param {Element} el
 * @param {string} text
 * @returns {boolean} whether anything changed
 */
export function drawMarkdown(el, text) {
  const before = drawnText.get(el) || { text: '', drawn: [] };
  if (before.text === text) return false;
  const blocks = parse(text);
  let same = 0;
  while (same < blocks.length && same < before.drawn.length && blocks[same].src === before.drawn[same].src) same++;
  for (const old of before.drawn.slice(same)) old.node.remove();
  const drawn = before.drawn.slice(0, same);
  for (const block of blocks.slice(same)) {
    const node = renderBlock(block, h);
    el.append(node);
    drawn.push({ src: block.src, node });
  }
  drawnText.set(el, { text, drawn });
  return true;
}

/**
 * An AI answer being streamed: typing dots until the first words.
 * @param {string} streamId
 */
export function streamEntry(streamId) {
  return h(
    'div',
    {
      class: 'fs-msg fs-msg--ai',
      'data-testid': 'fs-ai-stream',
      'data-sender': 'ai',
      'data-stream-id': streamId,
      'data-sid': 'ai',
    },
    avatar({ kind: 'ai' }),
    head({ kind: 'ai' }, ''),
    h('div', { class: 'fs-bubble' }, markdownBody(), dots()),
  );
}
