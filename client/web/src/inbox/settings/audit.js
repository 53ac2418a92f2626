/**
 * The audit and privacy pages' pure part: the audit filters as `GET /v1/audit`'s query
 * (dates are the admin's local days; `until` is exclusive, so the last day is included),
 * how an entry reads in one line, and how close a data-subject request is to its one-month
 * deadline. `node --test src/inbox/tests` in client/web.
 */

export const AUDIT_PAGE = 50;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const ACTION = /^[a-z0-9_]+(\.[a-z0-9_]+)*\.?$/;
export const SOON_DAYS = 7; // a request due within a week is flagged

/** A `YYYY-MM-DD` day of the browser's time zone as the instant it starts (ISO), or null. */
export function dayStart(text, offsetDays = 0) {
  const match = DAY.exec(String(text || '').trim());
  if (!match) return null;
  const [year, month, day] = match.slice(1).map(Number);
  const start = new Date(year, month - 1, day);
  if (start.getMonth() !== month - 1 || start.getDate() !== day) return null; // 2025-02-30
  return new Date(year, month - 1, day + offsetDays).toISOString();
}

/**
 * `{query}` for the filters `{action, actor, from, to}` (and a cursor), or `{error}` naming
 * what to fix. An action ending in "." matches every action it starts (e.g. `auth.`).
 */
export function auditQuery(filters, cursor = null) {
  const action = String(filters.action || '').trim();
  const actor = String(filters.actor || '').trim();
  if (action && !ACTION.test(action)) return { error: 'Action: dotted lower-case words, e.g. auth.login or auth.' };
  const since = filters.from ? dayStart(filters.from) : null;
  if (filters.from && !since) return { error: 'From: pick a date.' };
  const until = filters.to ? dayStart(filters.to, 1) : null;
  if (filters.to && !until) return { error: 'To: pick a date.' };
  if (since && until && until <= since) return { error: 'To is before From.' };
  const query = { limit: AUDIT_PAGE };
  if (action) query.action = action;
  if (actor) query.actor = actor;
  if (since) query.since = since;
  if (until) query.until = until;
  if (cursor) query.cursor = cursor;
  return { query };
}

/** `kind id` shortened for a table cell (full ids stay in the title and the CSV). */
export function who(part) {
  if (!part) return '—';
  const id = part.id ? String(part.id) : '';
  return id ? `${part.kind} ${id.length > 12 ? `${id.slice(0, 8)}…` : id}` : part.kind;
}

/** An entry's details in one short line: `key: value` pairs, nested values as JSON. */
export function detailsSummary(details, max = 80) {
  const pairs = Object.entries(details || {}).map(
    ([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`,
  );
  const text = pairs.join(', ');
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * Where a data-subject request stands against its deadline at `now`: 'done' (completed),
 * 'failed', 'overdue' (past due_at, still open), 'soon' (due within SOON_DAYS) or 'ok'.
 */
export function dueState(request, now = Date.now()) {
  if (request.status === 'completed') return 'done';
  if (request.status === 'failed') return 'failed';
  const due = Date.parse(request.due_at);
  if (Number.isNaN(due)) return 'ok';
  if (now > due) return 'overdue';
  return due - now <= SOON_DAYS * 86_400_000 ? 'soon' : 'ok';
}

/** The words beside a request's due date. */
export function dueText(request, now = Date.now()) {
  const state = dueState(request, now);
  const days = Math.ceil(Math.abs(Date.parse(request.due_at) - now) / 86_400_000);
  if (state === 'overdue') return `Overdue by ${days} day${days === 1 ? '' : 's'}`;
  if (state === 'soon') return `Due in ${days} day${days === 1 ? '' : 's'}`;
  return '';
}
