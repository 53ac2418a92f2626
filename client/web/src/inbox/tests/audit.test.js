// The audit page's filters as a query, its one-line summaries, and the privacy page's
// deadline states. `node --test src/inbox/tests` in client/web.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { AUDIT_PAGE, auditQuery, dayStart, detailsSummary, dueState, dueText, who } from '../settings/audit.js';

test('empty filters ask for the newest page', () => {
  assert.deepEqual(auditQuery({}), { query: { limit: AUDIT_PAGE } });
  assert.deepEqual(auditQuery({ action: '  ', actor: '' }, null), { query: { limit: AUDIT_PAGE } });
});

test('action, actor and cursor pass through trimmed', () => {
  assert.deepEqual(auditQuery({ action: ' auth. ', actor: ' u-1 ' }, 'abc'), {
    query: { limit: AUDIT_PAGE, action: 'auth.', actor: 'u-1', cursor: 'abc' },
  });
});

test('a bad action is refused before asking the server', () => {
  for (const bad of ['Auth', 'auth..login', 'drop table', '.auth']) {
    assert.match(auditQuery({ action: bad }).error, /^Action:/, bad);
  }
});

test('days become local instants, the last day included', () => {
  const { query } = auditQuery({ from: '2025-03-01', to: '2025-03-31' });
  assert.equal(query.since, new Date(2025, 2, 1).toISOString());
  assert.equal(query.until, new Date(2025, 3, 1).toISOString());
  assert.deepEqual(auditQuery({ from: '2025-03-02', to: '2025-03-01' }), { error: 'To is before From.' });
  assert.equal(auditQuery({ from: 'March' }).error, 'From: pick a date.');
  assert.equal(auditQuery({ to: '2025-02-30' }).error, 'To: pick a date.');
  assert.equal(dayStart('2025-02-29'), null);
  assert.equal(dayStart('2024-02-29'), new Date(2024, 1, 29).toISOString());
});

test('actors and details read in one short line', () => {
  assert.equal(who(null), '—');
  assert.equal(who({ kind: 'operator', id: null }), 'operator');
  assert.equal(who({ kind: 'user', id: '6f1c2d3e-aaaa-bbbb' }), 'user 6f1c2d3e…');
  assert.equal(who({ kind: 'webhook', id: 'twilio' }), 'webhook twilio');
  assert.equal(detailsSummary({}), '');
  assert.equal(detailsSummary({ role: 'admin', sent: true }), 'role: admin, sent: true');
  assert.equal(detailsSummary({ long: 'x'.repeat(200) }, 20).length, 20);
});

test('a request is flagged near and past its deadline, never once completed', () => {
  const now = Date.parse('2025-06-10T12:00:00Z');
  const due = (iso, status = 'received') => ({ status, due_at: iso });
  assert.equal(dueState(due('2025-07-10T12:00:00Z'), now), 'ok');
  assert.equal(dueState(due('2025-06-15T12:00:00Z'), now), 'soon');
  assert.equal(dueText(due('2025-06-15T12:00:00Z'), now), 'Due in 5 days');
  assert.equal(dueState(due('2025-06-09T12:00:00Z'), now), 'overdue');
  assert.equal(dueText(due('2025-06-09T12:00:00Z'), now), 'Overdue by 1 day');
  assert.equal(dueState(due('2025-06-01T00:00:00Z', 'completed'), now), 'done');
  assert.equal(dueState(due('2025-06-01T00:00:00Z', 'failed'), now), 'failed');
  assert.equal(dueText(due('2025-07-10T12:00:00Z'), now), '');
});
