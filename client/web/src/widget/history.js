/**
 * The visitor's past conversations as rows of the widget's list (PROTOCOL.md additions:
 * `conversations.list`, newest first, each with `last_message?`). Pure: what each row
 * says; conversations.js draws them.
 */

/**
 * @typedef {object} Row
 * @property {string} id
 * @property {string} title the subject, else the last message's first words
 * @property {string} preview the second line: who wrote last and what, or only who when the
 *   title is the last message already
 * @property {string} status what the visitor reads ("Open", "Resolved", …)
 * @property {string} tone the status class: active | waiting | done
 * @property {string} at the ISO time of the last activity
 */

const MAX_TEXT = 120;

/** The status as the visitor sees it (pending means the team waits on them: still open). */
const STATUS = {
  open: ['Open', 'active'],
  pending: ['Open', 'active'],
  waiting_human: ['Waiting for a person', 'waiting'],
  resolved: ['Resolved', 'done'],
  closed: ['Closed', 'done'],
};

/**
 * A message body as one short line: Markdown marks and runs of spaces gone.
 * @param {unknown} body
 */
export function plainLine(body) {
  const text = String(body ?? '')
    .replace(/```[\s\S]*?(```|$)/g, ' ')
    .replace(/\[([^\]\n]*)\]\([^)\n]*\)/g, '$1')
    .replace(/^[ \t]*(>[ \t]*)+|^[ \t]*#+[ \t]/gm, '')
    .replace(/[*_`~]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1).trimEnd()}…` : text;
}

/**
 * @param {{kind?: string, name?: string | null} | undefined} sender
 */
function who(sender) {
  switch (sender?.kind) {
    case 'visitor':
      return 'You';
    case 'ai':
      return 'Assistant';
    case 'system':
      return '';
    default:
      return sender?.name || 'Support';
  }
}

/**
 * One row of the list.
 * @param {any} c a conversation object with its `last_message`
 * @returns {Row}
 */
export function rowOf(c) {
  const last = c.last_message;
  const files = Array.isArray(last?.attachments) ? last.attachments : [];
  const said = last ? plainLine(last.body) || plainLine(files.map((f) => `File: ${f?.name}`).join(', ')) : '';
  const by = last ? who(last.sender) : '';
  const line = said && by ? `${by}: ${said}` : said;
  const subject = plainLine(c.subject);
  const [status, tone] = STATUS[/** @type {keyof STATUS} */ (c.status)] || ['Open', 'active'];
  return {
    id: String(c.id),
    title: subject || said || 'New conversation',
    preview: subject ? line : said ? by : '',
    status,
    tone,
    at: String(last?.created_at || c.updated_at || c.created_at || ''),
  };
}

/**
 * The rows, newest activity first (the server's order, kept for equal times).
 * @param {unknown} conversations the ack's `conversations`
 * @returns {Row[]}
 */
export function rowsOf(conversations) {
  if (!Array.isArray(conversations)) return [];
  return conversations
    .filter((c) => c && typeof c.id === 'string')
    .map(rowOf)
    .map((row, index) => ({ row, index, t: Date.parse(row.at) || 0 }))
    .sort((a, b) => b.t - a.t || a.index - b.index)
    .map(({ row }) => row);
}

/**
 * When, as a short label: the time today, the weekday this week, else the date.
 * @param {string} iso
 * @param {Date} [now]
 */
export function whenLabel(iso, now = new Date()) {
  const date = new Date(iso);
  if (!iso || Number.isNaN(date.getTime())) return '';
  const day = (/** @type {Date} */ d) => new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
  const days = Math.round((day(now) - day(date)) / 86_400_000);
  if (days <= 0) return date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  if (days === 1) return 'Yesterday';
  if (days < 7) return date.toLocaleDateString([], { weekday: 'short' });
  const sameYear = date.getFullYear() === now.getFullYear();
  return date.toLocaleDateString([], sameYear ? { month: 'short', day: 'numeric' } : { dateStyle: 'medium' });
}
