/** Human times for lists and transcripts. Pure: `now` is passed in (tests, one clock per render). */

const MINUTE = 60000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export function parseTime(value) {
  const t = typeof value === 'number' ? value : Date.parse(value || '');
  return Number.isFinite(t) ? t : 0;
}

/** "now", "4m", "3h", "Yesterday", "Tue", "Mar 4", "Mar 4, 2025". */
export function relativeTime(value, now = Date.now()) {
  const t = parseTime(value);
  if (!t) return '';
  const diff = now - t;
  if (diff < MINUTE) return 'now';
  if (diff < HOUR) return `${Math.floor(diff / MINUTE)}m`;
  const then = new Date(t);
  const today = new Date(now);
  if (diff < DAY && then.getDate() === today.getDate()) return `${Math.floor(diff / HOUR)}h`;
  const days = Math.round((startOfDay(now) - startOfDay(t)) / DAY);
  if (days <= 1) return 'Yesterday';
  if (days < 7) return then.toLocaleDateString(undefined, { weekday: 'short' });
  const sameYear = then.getFullYear() === today.getFullYear();
  return then.toLocaleDateString(
    undefined,
    sameYear ? { month: 'short', day: 'numeric' } : { month: 'short', day: 'numeric', year: 'numeric' },
  );
}

/** "14:05" in the viewer's locale. */
export function clockTime(value) {
  const t = parseTime(value);
  return t ? new Date(t).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' }) : '';
}

/** "Today", "Yesterday" or a full date: the transcript's day separators. */
export function dayLabel(value, now = Date.now()) {
  const t = parseTime(value);
  const days = Math.round((startOfDay(now) - startOfDay(t)) / DAY);
  if (days === 0) return 'Today';
  if (days === 1) return 'Yesterday';
  return new Date(t).toLocaleDateString(undefined, { weekday: 'long', month: 'long', day: 'numeric', year: 'numeric' });
}

export function fullTime(value) {
  const t = parseTime(value);
  return t ? new Date(t).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }) : '';
}

/** SLA wording: "due in 3h 20m", "due in 12m", "overdue by 5m". */
export function dueText(value, now = Date.now()) {
  const t = parseTime(value);
  if (!t) return '';
  const diff = t - now;
  const span = duration(Math.abs(diff));
  return diff >= 0 ? `due in ${span}` : `overdue by ${span}`;
}

function duration(ms) {
  const minutes = Math.max(1, Math.round(ms / MINUTE));
  if (minutes < 60) return `${minutes}m`;
  if (minutes < 24 * 60) {
    const h = Math.floor(minutes / 60);
    const m = minutes % 60;
    return m ? `${h}h ${m}m` : `${h}h`;
  }
  const hours = Math.round(minutes / 60);
  const d = Math.floor(hours / 24);
  const h = hours % 24;
  return h ? `${d}d ${h}h` : `${d}d`;
}

function startOfDay(t) {
  const d = new Date(t);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

/** relativeTime as a phrase: "just now", "5m ago", "3h ago", else the date it gives. */
export function ago(time, now) {
  const text = relativeTime(time, now);
  if (text === 'now') return 'just now';
  return /^\d+[mh]$/.test(text) ? `${text} ago` : text;
}
