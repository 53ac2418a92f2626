// The widget's list of the visitor's conversations (history.js): what each row says.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { plainLine, rowOf, rowsOf, whenLabel } from '../history.js';

const msg = (body, kind = 'agent', at = '2026-12-01T10:00:00Z', name = 'Ada') => ({
  body,
  sender: { kind, id: 'x', name },
  created_at: at,
});

test('history: the subject is the title, the last message the second line', () => {
  const row = rowOf({ id: 'c1', status: 'open', subject: 'Invoice', last_message: msg('It is **fixed**') });
  assert.deepEqual(row, {
    id: 'c1',
    title: 'Invoice',
    preview: 'Ada: It is fixed',
    status: 'Open',
    tone: 'active',
    at: '2026-12-01T10:00:00Z',
  });
});

test('history: without a subject the last message is the title and its sender the line', () => {
  const row = rowOf({ id: 'c2', status: 'resolved', last_message: msg('Thanks!', 'visitor') });
  assert.equal(row.title, 'Thanks!');
  assert.equal(row.preview, 'You');
  assert.equal(row.status, 'Resolved');
  assert.equal(row.tone, 'done');
  const ai = rowOf({ id: 'c3', status: 'waiting_human', last_message: msg('Hello', 'ai') });
  assert.equal(ai.preview, 'Assistant');
  assert.equal(ai.status, 'Waiting for a person');
  const empty = rowOf({ id: 'c4', status: 'open', created_at: '2026-12-01T09:00:00Z' });
  assert.equal(empty.title, 'New conversation');
  assert.equal(empty.preview, '');
  assert.equal(empty.at, '2026-12-01T09:00:00Z');
  assert.equal(rowOf({ id: 'c5', status: 'someday' }).status, 'Open');
  const file = rowOf({ id: 'c6', status: 'open', last_message: { ...msg(''), attachments: [{ name: 'a.pdf' }] } });
  assert.equal(file.title, 'File: a.pdf');
});

test('history: a body becomes one short plain line', () => {
  assert.equal(plainLine('Open [Settings](https://x.example)\n\n- **now**'), 'Open Settings - now');
  assert.equal(plainLine('```\ncode\n```\nafter'), 'after');
  assert.equal(plainLine('<img src=x onerror=alert(1)>'), '<img src=x onerror=alert(1)>');
  const long = plainLine('word '.repeat(60));
  assert.ok(long.length <= 120 && long.endsWith('…'), long);
  assert.equal(plainLine(null), '');
});

test('history: rows newest activity first, junk left out', () => {
  const rows = rowsOf([
    { id: 'old', status: 'closed', last_message: msg('a', 'agent', '2026-11-01T10:00:00Z') },
    null,
    { id: 7 },
    { id: 'new', status: 'open', last_message: msg('b', 'agent', '2026-12-01T10:00:00Z') },
  ]);
  assert.deepEqual(
    rows.map((r) => r.id),
    ['new', 'old'],
  );
  assert.deepEqual(rowsOf(undefined), []);
});

test('history: when, as a short label', () => {
  const now = new Date(2026, 11, 2, 15, 0);
  assert.match(whenLabel(new Date(2026, 11, 2, 9, 5).toISOString(), now), /09.05|9.05/);
  assert.equal(whenLabel(new Date(2026, 11, 1, 9, 5).toISOString(), now), 'Yesterday');
  assert.ok(whenLabel(new Date(2026, 10, 20).toISOString(), now).length > 0);
  assert.equal(whenLabel('', now), '');
  assert.equal(whenLabel('not a date', now), '');
});
