/**
 * The Reports page's pure parts: the date ranges it asks `GET /v1/reports/{name}` for, the
 * comparison of each headline figure with the previous period, and the shapes its charts
 * and tables draw from the server's JSON (the same numbers for both: the table is what a
 * screen reader gets). No DOM, no fetch: node tests cover all of it.
 */

/** The sections, in page order: each is one report of the API. */
export const REPORTS = [
  { name: 'volume', title: 'Volume' },
  { name: 'ai', title: 'AI' },
  { name: 'team', title: 'Team' },
  { name: 'csat', title: 'CSAT' },
  { name: 'gaps', title: 'Knowledge gaps' },
];

/** The range presets; 'custom' takes two dates. */
export const RANGE_PRESETS = [
  { id: '7', label: 'Last 7 days', days: 7 },
  { id: '30', label: 'Last 30 days', days: 30 },
  { id: '90', label: 'Last 90 days', days: 90 },
  { id: 'custom', label: 'Custom', days: null },
];

/** The server's longest range (days). */
export const MAX_DAYS = 400;

const DAY_MS = 86_400_000;

/** 'YYYY-MM-DD' of a Date in local time. */
export function dateText(date) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Local midnight of a 'YYYY-MM-DD' text, or null when it is not a real date. */
export function parseDate(text) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(text || ''));
  if (!m) return null;
  const date = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return dateText(date) === text ? date : null;
}

/** `date` moved by whole calendar days (local time: a DST change keeps midnight at midnight). */
export function addDays(date, days) {
  const next = new Date(date);
  next.setDate(next.getDate() + days);
  return next;
}

/**
 * The range a preset means at `now`: whole local days, today included, `until` exclusive
 * (tomorrow's midnight). Custom: `from`..`to` inclusive dates. Returns `{since, until}` as
 * Dates, or `{error}` saying what is wrong (the server checks again and has the last word).
 */
export function rangeOf(preset, now, custom = {}) {
  if (preset === 'custom') {
    const from = parseDate(custom.from);
    const to = parseDate(custom.to);
    if (!from || !to) return { error: 'Pick a start and an end date.' };
    if (to < from) return { error: 'The end date is before the start date.' };
    const until = addDays(to, 1);
    if (Math.round((until - from) / DAY_MS) > MAX_DAYS) return { error: `A range is at most ${MAX_DAYS} days.` };
    return { since: from, until };
  }
  const found = RANGE_PRESETS.find((p) => p.id === preset && p.days);
  if (!found) return { error: 'Unknown range.' };
  const until = addDays(new Date(now.getFullYear(), now.getMonth(), now.getDate()), 1);
  return { since: addDays(until, -found.days), until };
}

/** The period of the same length just before `since` (what the server compares with). */
export function previousPeriod(since, until) {
  const length = until.getTime() - since.getTime();
  return { since: new Date(since.getTime() - length), until: new Date(since.getTime()) };
}

/** The query of a report: RFC 3339 instants, and weeks for series longer than 90 days. */
export function reportQuery(range) {
  const days = (range.until - range.since) / DAY_MS;
  return { since: range.since.toISOString(), until: range.until.toISOString(), interval: days > 92 ? 'week' : 'day' };
}

/**
 * A figure against its previous value: `{direction: 'up'|'down'|'flat'|null, percent,
 * text, tone}`. `better` says which way is good ('up': rates, counts; 'down': times);
 * `tone` is 'good' | 'bad' | 'neutral'. Nothing to compare (a null, or 0 before): no percent.
 */
export function compare(figure, better = 'up') {
  const value = figure?.value;
  const previous = figure?.previous;
  if (value == null || previous == null)
    return { direction: null, percent: null, text: 'nothing to compare with', tone: 'neutral' };
  if (value === previous) return { direction: 'flat', percent: 0, text: 'no change', tone: 'neutral' };
  const direction = value > previous ? 'up' : 'down';
  const tone = better === 'none' ? 'neutral' : direction === better ? 'good' : 'bad';
  if (previous === 0) return { direction, percent: null, text: 'from 0', tone };
  const percent = ((value - previous) / Math.abs(previous)) * 100;
  const shown = Math.abs(percent) >= 10 ? Math.round(Math.abs(percent)) : Math.round(Math.abs(percent) * 10) / 10;
  return { direction, percent, text: `${direction === 'up' ? '+' : '−'}${shown}%`, tone };
}

// -- formatting --------------------------------------------------------------------------

/** How a figure reads: 'count', 'rate' (0..1 shown as %), 'minutes', 'rating' (1..5). */
export function formatValue(value, kind = 'count') {
  if (value == null || Number.isNaN(value)) return '—';
  if (kind === 'rate') return `${Math.round(value * 1000) / 10}%`;
  if (kind === 'rating') return (Math.round(value * 100) / 100).toFixed(2);
  if (kind === 'minutes') return minutesText(value);
  return Math.round(value).toLocaleString('en-US');
}

/** 42 -> '42 min', 95 -> '1 h 35 min', 3000 -> '2 d 2 h'. */
export function minutesText(minutes) {
  if (minutes == null) return '—';
  const m = Math.round(minutes);
  if (m < 60) return `${m} min`;
  if (m < 1440) return `${Math.floor(m / 60)} h${m % 60 ? ` ${m % 60} min` : ''}`;
  const hours = Math.round((m % 1440) / 60);
  return `${Math.floor(m / 1440)} d${hours ? ` ${hours} h` : ''}`;
}

// -- chart data --------------------------------------------------------------------------

/**
 * A chart and its table from one shape: `{labels: [x labels], series: [{label, values}],
 * kind}` where `kind` is 'line' (x is time, `xs` in Unix seconds) or 'bar' (x categories).
 */
export function volumeSeries(volume) {
  const rows = volume?.series || [];
  return {
    kind: 'line',
    xs: rows.map((r) => Date.parse(r.start) / 1000),
    labels: rows.map((r) => r.start.slice(0, 10)),
    series: [
      { label: 'Conversations', values: rows.map((r) => r.conversations) },
      { label: 'Messages', values: rows.map((r) => r.messages) },
    ],
  };
}

export const CHANNEL_NAMES = { web: 'Web chat', email: 'E-mail', sms: 'SMS', whatsapp: 'WhatsApp', api: 'API' };

export function channelBars(volume) {
  const rows = volume?.by_channel || [];
  return {
    kind: 'bar',
    labels: rows.map((r) => CHANNEL_NAMES[r.channel] || r.channel),
    series: [
      { label: 'Conversations', values: rows.map((r) => r.conversations) },
      { label: 'Messages', values: rows.map((r) => r.messages) },
    ],
  };
}

export const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** The hour-of-week heat map: 7 rows (Mon..Sun) of 24 counts, and the largest count. */
export function hourGrid(volume) {
  const grid = WEEKDAYS.map(() => new Array(24).fill(0));
  let max = 0;
  for (const cell of volume?.by_hour_of_week || []) {
    if (cell.weekday < 0 || cell.weekday > 6 || cell.hour < 0 || cell.hour > 23) continue;
    grid[cell.weekday][cell.hour] += cell.conversations;
    max = Math.max(max, grid[cell.weekday][cell.hour]);
  }
  return { grid, max };
}

/** The words for a handover reason (tickets' escalation_reason: server/domain/handoff.py REASONS). */
export function reasonText(reason) {
  const known = {
    customer_asked: 'Asked for a person',
    no_answer: 'No answer in the knowledge base',
    sensitive: 'Sensitive (left to a person)',
    ai_error: 'AI unavailable or failed',
    unanswered: 'Unanswered too long',
    visitor_left: 'Left unanswered',
    marked: 'Handed over by an agent or bot',
    budget: 'AI budget used up',
  };
  return known[reason] || String(reason || 'Other').replace(/_/g, ' ');
}

export function handoverBars(ai) {
  const rows = ai?.handovers_by_reason || [];
  return {
    kind: 'bar',
    labels: rows.map((r) => reasonText(r.reason)),
    series: [{ label: 'Handovers', values: rows.map((r) => r.count) }],
  };
}

/** CSAT distribution: always the five ratings, 0 where nobody gave one. */
export function csatBars(csat) {
  const counts = new Map((csat?.distribution || []).map((r) => [r.rating, r.count]));
  const ratings = [1, 2, 3, 4, 5];
  return {
    kind: 'bar',
    labels: ratings.map((r) => `${r} ★`),
    series: [{ label: 'Responses', values: ratings.map((r) => counts.get(r) || 0) }],
  };
}

/** A chart shape as table rows: `[[label, ...values]]`, what the table view shows. */
export function tableRows(shape) {
  return shape.labels.map((label, i) => [label, ...shape.series.map((s) => s.values[i])]);
}

/**
 * The starting point of a knowledge-base article for a gap: its label as the title, its
 * examples as the questions the article must answer.
 */
export function gapDraft(group) {
  const examples = (group.examples || []).map((q) => `- ${q.replace(/\s+/g, ' ').trim()}`);
  const body = [
    'Visitors asked this and the AI handed it over: answer it here.',
    '',
    '## Questions visitors asked',
    '',
    ...examples,
    '',
    '## Answer',
    '',
  ].join('\n');
  return { title: String(group.label || '').slice(0, 500), body };
}
