/**
 * Canned replies and macros for the inbox (README "Canned replies and macros"): reading
 * them, rendering a reply for a conversation (the server fills its variables: the contact's
 * e-mail may not be in this browser), applying a macro, and the pure parts the composer's
 * `/` menu runs on: where a `/word` is being typed, what it matches, how it is replaced.
 */

import { api } from './http.js';

/** The replies this agent may use (shared and own) and the variables a body may name. */
export function loadReplies() {
  return api('/v1/canned_replies');
}

/** `{body, missing, unknown}`: the reply filled in for the conversation. */
export function renderReply(replyId, conversationId) {
  return api(`/v1/canned_replies/${encodeURIComponent(replyId)}/render`, {
    method: 'POST',
    body: { conversation_id: conversationId },
  });
}

export function loadMacros() {
  return api('/v1/macros').then((d) => d.macros);
}

/** `{conversation, applied, missing}`; a failing action throws its ApiError, which names it. */
export function applyMacro(macroId, conversationId) {
  return api(`/v1/macros/${encodeURIComponent(macroId)}/apply`, {
    method: 'POST',
    body: { conversation_id: conversationId },
  });
}

/**
 * The `/word` the caret is at the end of, when the `/` starts a word (the text's start or
 * after white space): `{start, end, query}`, else null. `see /docs` or `a/b` open nothing.
 */
export function slashQuery(text, caret) {
  const before = text.slice(0, caret);
  const match = /(^|\s)\/([a-z0-9_-]*)$/i.exec(before);
  if (!match) return null;
  const start = caret - match[2].length - 1;
  return { start, end: caret, query: match[2].toLowerCase() };
}

/** Replies whose code starts with the query first, then those whose code or title holds it. */
export function filterReplies(replies, query, limit = 8) {
  const q = (query || '').toLowerCase();
  const starts = [];
  const holds = [];
  for (const reply of replies) {
    const code = reply.code.toLowerCase();
    if (code.startsWith(q)) starts.push(reply);
    else if (code.includes(q) || reply.title.toLowerCase().includes(q)) holds.push(reply);
  }
  return [...starts, ...holds].slice(0, limit);
}

/** `text` with [start, end) replaced by `insertion`, and where the caret goes after it. */
export function spliceText(text, start, end, insertion) {
  return { text: text.slice(0, start) + insertion + text.slice(end), caret: start + insertion.length };
}

/** What to tell the agent about variables the server could not fill, or ''. */
export function variableHint({ missing = [], unknown = [] }) {
  const parts = [];
  if (missing.length) parts.push(`No value for ${missing.map((v) => `{${v}}`).join(', ')}: left empty`);
  if (unknown.length) parts.push(`Unknown ${unknown.map((v) => `{${v}}`).join(', ')}: left as written`);
  return parts.join(' · ');
}

export const ACTION_LABEL = {
  send_reply: 'Send a reply',
  add_tags: 'Add tags',
  remove_tags: 'Remove tags',
  set_status: 'Set status',
  assign: 'Assign to',
  set_priority: 'Set priority',
};

/** One line for an action, as the macros menu and settings list show it. */
export function describeAction(action) {
  switch (action.type) {
    case 'send_reply':
      return `Reply: ${action.body.length > 60 ? `${action.body.slice(0, 60)}…` : action.body}`;
    case 'add_tags':
      return `Add tags ${action.tags.join(', ')}`;
    case 'remove_tags':
      return `Remove tags ${action.tags.join(', ')}`;
    case 'set_status':
      return `Status: ${action.status}`;
    case 'assign':
      return action.assignee_id === 'me' ? 'Assign to me' : action.assignee_id ? 'Assign to a teammate' : 'Unassign';
    case 'set_priority':
      return `Priority: ${action.priority}`;
    default:
      return action.type;
  }
}

/**
 * An action editor's row -> the action the server takes: `{value}` or `{error}`.
 * A row is `{type, text}` (`text`: the body, tags separated by commas, a status, ...).
 */
export function actionOf(row) {
  const text = (row.text || '').trim();
  switch (row.type) {
    case 'send_reply':
      return text ? { value: { type: 'send_reply', body: text } } : { error: 'A reply needs its text.' };
    case 'add_tags':
    case 'remove_tags': {
      const tags = [
        ...new Set(
          text
            .split(',')
            .map((t) => t.trim().toLowerCase())
            .filter(Boolean),
        ),
      ];
      return tags.length ? { value: { type: row.type, tags } } : { error: 'Name at least one tag.' };
    }
    case 'set_status':
      return { value: { type: 'set_status', status: text || 'open' } };
    case 'set_priority':
      return { value: { type: 'set_priority', priority: text || 'normal' } };
    case 'assign':
      return { value: { type: 'assign', assignee_id: text === 'none' ? null : text || 'me' } };
    default:
      return { error: `Unknown action ${row.type}` };
  }
}

/** The stored action -> an editor row (the inverse of actionOf). */
export function rowOf(action) {
  switch (action.type) {
    case 'send_reply':
      return { type: action.type, text: action.body };
    case 'add_tags':
    case 'remove_tags':
      return { type: action.type, text: action.tags.join(', ') };
    case 'set_status':
      return { type: action.type, text: action.status };
    case 'set_priority':
      return { type: action.type, text: action.priority };
    case 'assign':
      return { type: action.type, text: action.assignee_id || 'none' };
    default:
      return { type: action.type, text: '' };
  }
}
