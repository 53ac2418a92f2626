// The Reports page's pure parts: range presets, the previous period, the comparison with
// it, and the shapes charts and tables draw. `node --test src/inbox/tests` in client/web.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  addDays,
  channelBars,
  compare,
  csatBars,
  formatValue,
  gapDraft,
  handoverBars,
  hourGrid,
  minutesText,
  parseDate,
  previousPeriod,
  rangeOf,
  reportQuery,
  tableRows,
  volumeSeries,
} from '../reports.js';
import { hashOf, parseHash } from '../state.js';

const NOON = new Date(2026, 2, 10, 12, 30); // 10 March 2026, local time

test('presets are whole local days, today included, until exclusive', () => {
  const week = rangeOf('7', NOON);
  assert.equal(week.since.getTime(), new Date(2026, 2, 4).getTime());
  assert.equal(week.until.getTime(), new Date(2026, 2, 11).getTime());
  const month = rangeOf('30', NOON);
  assert.equal(month.since.getTime(), new Date(2026, 1, 9).getTime());
  const quarter = rangeOf('90', NOON);
  assert.equal(quarter.since.getTime(), new Date(2025, 11, 11).getTime());
  assert.ok(rangeOf('12', NOON).error);
});

test('custom ranges take inclusive dates and are checked', () => {
  const r = rangeOf('custom', NOON, { from: '2026-01-01', to: '2026-01-31' });
  assert.equal(r.since.getTime(), new Date(2026, 0, 1).getTime());
  assert.equal(r.until.getTime(), new Date(2026, 1, 1).getTime());
  assert.match(rangeOf('custom', NOON, { from: '2026-02-01', to: '2026-01-01' }).error, /before/);
  assert.match(rangeOf('custom', NOON, { from: '2024-01-01', to: '2026-01-01' }).error, /400/);
  assert.match(rangeOf('custom', NOON, { from: '2026-02-30', to: '2026-03-01' }).error, /Pick/);
  assert.equal(parseDate('2026-02-30'), null);
  assert.equal(parseDate('x'), null);
});

test('adding days keeps local midnight across a DST change', () => {
  const before = new Date(2026, 2, 28); // the day before Europe's spring change
  const after = addDays(before, 2);
  assert.equal(after.getHours(), 0);
  assert.equal(after.getDate(), 30);
});

test('the previous period has the same length and ends where the range starts', () => {
  const since = new Date('2026-03-01T00:00:00Z');
  const until = new Date('2026-03-08T00:00:00Z');
  const prev = previousPeriod(since, until);
  assert.equal(prev.since.toISOString(), '2026-02-22T00:00:00.000Z');
  assert.equal(prev.until.toISOString(), '2026-03-01T00:00:00.000Z');
});

test('the query asks weeks for long ranges', () => {
  const since = new Date('2026-01-01T00:00:00Z');
  assert.deepEqual(reportQuery({ since, until: new Date('2026-01-31T00:00:00Z') }), {
    since: '2026-01-01T00:00:00.000Z',
    until: '2026-01-31T00:00:00.000Z',
    interval: 'day',
  });
  assert.equal(reportQuery({ since, until: new Date('2026-06-01T00:00:00Z') }).interval, 'week');
});

test('comparing with the previous period: arrow, percentage and tone', () => {
  assert.deepEqual(compare({ value: 120, previous: 100 }), {
    direction: 'up',
    percent: 20,
    text: '+20%',
    tone: 'good',
  });
  assert.equal(compare({ value: 80, previous: 100 }).text, '−20%');
  assert.equal(compare({ value: 80, previous: 100 }).tone, 'bad');
  assert.equal(compare({ value: 80, previous: 100 }, 'down').tone, 'good'); // times: shorter is better
  assert.equal(compare({ value: 1.05, previous: 1 }).text, '+5%');
  assert.equal(compare({ value: 103.3, previous: 100 }).text, '+3.3%');
  assert.equal(compare({ value: 5, previous: 5 }).direction, 'flat');
  assert.deepEqual(compare({ value: 3, previous: 0 }), {
    direction: 'up',
    percent: null,
    text: 'from 0',
    tone: 'good',
  });
  assert.equal(compare({ value: null, previous: 4 }).direction, null);
  assert.equal(compare(undefined).percent, null);
});

test('figures read as counts, rates, ratings and business minutes', () => {
  assert.equal(formatValue(1234), '1,234');
  assert.equal(formatValue(0.4567, 'rate'), '45.7%');
  assert.equal(formatValue(4.333, 'rating'), '4.33');
  assert.equal(formatValue(null, 'rate'), '—');
  assert.equal(minutesText(42), '42 min');
  assert.equal(minutesText(95), '1 h 35 min');
  assert.equal(minutesText(120), '2 h');
  assert.equal(minutesText(3000), '2 d 2 h');
});

test('volume series: x in Unix seconds, one series per figure, the table the same numbers', () => {
  const shape = volumeSeries({
    series: [
      { start: '2026-03-01T00:00:00Z', conversations: 3, messages: 10 },
      { start: '2026-03-02T00:00:00Z', conversations: 0, messages: 0 },
    ],
  });
  assert.deepEqual(shape.xs, [1772323200, 1772409600]);
  assert.deepEqual(
    shape.series.map((s) => s.values),
    [
      [3, 0],
      [10, 0],
    ],
  );
  assert.deepEqual(tableRows(shape), [
    ['2026-03-01', 3, 10],
    ['2026-03-02', 0, 0],
  ]);
});

test('bars: channels named, handover reasons in words, all five ratings', () => {
  const channels = channelBars({ by_channel: [{ channel: 'email', conversations: 2, messages: 7 }] });
  assert.deepEqual(tableRows(channels), [['E-mail', 2, 7]]);
  const reasons = handoverBars({
    handovers_by_reason: [
      { reason: 'no_answer', count: 4 },
      { reason: 'odd_one', count: 1 },
    ],
  });
  assert.deepEqual(reasons.labels, ['No answer in the knowledge base', 'odd one']);
  const csat = csatBars({
    distribution: [
      { rating: 5, count: 3 },
      { rating: 2, count: 1 },
    ],
  });
  assert.deepEqual(csat.series[0].values, [0, 1, 0, 0, 3]);
  assert.equal(csat.labels.length, 5);
});

test('the hour-of-week grid: 7 x 24, out-of-range cells ignored', () => {
  const { grid, max } = hourGrid({
    by_hour_of_week: [
      { weekday: 0, hour: 9, conversations: 4 },
      { weekday: 6, hour: 23, conversations: 1 },
      { weekday: 7, hour: 0, conversations: 99 },
    ],
  });
  assert.equal(grid.length, 7);
  assert.equal(grid[0].length, 24);
  assert.equal(grid[0][9], 4);
  assert.equal(grid[6][23], 1);
  assert.equal(max, 4);
});

test('a knowledge gap drafts an article: its label, its examples', () => {
  const draft = gapDraft({
    label: 'How do I export invoices?',
    examples: ['How do I export invoices?', 'export  my\ninvoices'],
  });
  assert.equal(draft.title, 'How do I export invoices?');
  assert.match(draft.body, /- How do I export invoices\?\n- export my invoices\n/);
});

test('the Reports route lives in the hash', () => {
  assert.deepEqual(parseHash('#/reports'), { view: 'reports', conversationId: null, ticketId: null });
  assert.equal(hashOf({ view: 'reports' }), '#/reports');
});
