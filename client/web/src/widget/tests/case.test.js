// The widget's case state (which handoff control shows, when the rating is asked) and the
// rating's checks: `node --test src/widget/tests` in client/web.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { caseState, EVENT_TEXT, mark, newMarks } from '../case.js';
import { counter, csatError, csatFrame, MAX_COMMENT } from '../csat.js';

const system = (seq, event) => ({ seq, sender: { kind: 'system' }, event, body: '' });
const agent = (seq) => ({ seq, sender: { kind: 'agent', id: 'ag_1', name: 'Ann' }, body: 'Hi' });
const visitor = (seq) => ({ seq, sender: { kind: 'visitor' }, body: 'Hello' });
const ai = (seq) => ({ seq, sender: { kind: 'ai' }, body: 'An answer' });
const conv = (status, more = {}) => ({ id: 'cv_1', status, assignee_id: null, ...more });

/** Marks after these messages. */
function marksOf(...messages) {
  const marks = newMarks();
  for (const m of messages) mark(marks, m);
  return marks;
}

const handoff = (c, marks, seq = 99) => caseState(c, marks, seq).handoff;

test('case: no conversation yet, or an open one with the AI, offers a person', () => {
  assert.equal(handoff(null, newMarks(), -1), 'offer');
  assert.equal(handoff(conv('open'), marksOf(visitor(1), ai(2))), 'offer');
  assert.equal(handoff(conv('some_future_status'), newMarks()), 'offer');
});

test('case: escalated, the visitor waits until a person joins or replies', () => {
  const asked = marksOf(visitor(1), ai(2), system(3, 'escalated'));
  assert.equal(handoff(conv('waiting_human'), asked), 'waiting');
  assert.equal(handoff(conv('waiting_human', { assignee_id: 'ag_1' }), asked), 'waiting'); // assigned, not there yet
  assert.equal(handoff(conv('waiting_human'), marksOf(system(3, 'escalated'), system(4, 'agent_joined'))), 'person');
  assert.equal(handoff(conv('waiting_human'), marksOf(system(3, 'escalated'), agent(5))), 'person');
  // A server that sends no events: any agent's reply ends the wait.
  assert.equal(handoff(conv('waiting_human'), marksOf(visitor(1))), 'waiting');
  assert.equal(handoff(conv('waiting_human'), marksOf(visitor(1), agent(2))), 'person');
});

test('case: a second escalation after the agent left waits again', () => {
  const marks = marksOf(
    system(3, 'escalated'),
    agent(4),
    system(6, 'resolved'),
    system(8, 'reopened'),
    system(9, 'escalated'),
  );
  assert.equal(handoff(conv('waiting_human'), marks), 'waiting');
});

test("case: pending, assigned or answered by a person: no 'Talk to a person'", () => {
  const answered = marksOf(system(3, 'escalated'), agent(4));
  assert.equal(handoff(conv('pending'), answered), 'person');
  assert.equal(handoff(conv('pending'), newMarks()), 'person');
  assert.equal(handoff(conv('open', { assignee_id: 'ag_1' }), newMarks()), 'person');
  assert.equal(handoff(conv('open'), answered), 'person'); // the agent set it back to open
});

test('case: resolved and closed show as such; a reopened case offers a person again', () => {
  const marks = marksOf(system(3, 'escalated'), agent(4), system(5, 'resolved'));
  assert.equal(handoff(conv('resolved'), marks), 'resolved');
  assert.equal(handoff(conv('closed'), marks), 'closed');
  mark(marks, visitor(6));
  mark(marks, system(7, 'reopened'));
  assert.equal(handoff(conv('open'), marks), 'offer');
  assert.equal(handoff(conv('open', { assignee_id: 'ag_1' }), marks), 'person'); // still with Ann
  mark(marks, agent(8));
  assert.equal(handoff(conv('open'), marks), 'person');
});

test('case: marks keep the latest seq of each event and ignore the rest', () => {
  const marks = newMarks();
  assert.equal(mark(marks, system(4, 'resolved')), true);
  assert.equal(mark(marks, system(2, 'resolved')), false); // an older one (a replay, a page)
  assert.equal(mark(marks, system(4, 'resolved')), false);
  assert.equal(mark(marks, system(5, 'something_new')), false);
  assert.equal(mark(marks, { seq: 6, sender: { kind: 'system' }, body: 'a plain notice' }), false);
  assert.equal(mark(marks, visitor(7)), false);
  assert.equal(mark(marks, ai(8)), false);
  assert.equal(mark(marks, { seq: 9, sender: { kind: 'bot' }, body: 'beep' }), false);
  assert.equal(marks.resolved, 4);
  assert.deepEqual(Object.keys(EVENT_TEXT).sort(), [
    'agent_joined',
    'csat_requested',
    'escalated',
    'reopened',
    'resolved',
  ]);
});

const RESOLVED_AT = '2026-11-25T19:30:00Z';

test('csat: asked by csat_requested, placed after it; thanks once rated', () => {
  const marks = marksOf(agent(4), system(5, 'resolved'), system(6, 'csat_requested'));
  const resolved = conv('resolved', { resolved_at: RESOLVED_AT });
  assert.deepEqual(caseState(resolved, marks, 7).csat, { mode: 'ask' });
  assert.equal(caseState(resolved, marks, 7).at, 6);
  const rated = { ...resolved, csat: { rating: 4, comment: 'Quick, thanks', at: '2026-11-25T19:31:00Z' } };
  assert.deepEqual(caseState(rated, marks, 8).csat, { mode: 'thanks', rating: 4, comment: 'Quick, thanks' });
  // The request may come before the status update that resolves the conversation.
  assert.deepEqual(caseState(conv('waiting_human'), marks, 4).csat, { mode: 'ask' });
});

test('csat: a reopened conversation asks no more', () => {
  const marks = marksOf(system(5, 'resolved'), system(6, 'csat_requested'), visitor(7), system(8, 'reopened'));
  assert.equal(caseState(conv('open'), marks, 8).csat, null);
  // Reopened without a reopened event (the status update is newer than the request).
  assert.equal(caseState(conv('open'), marksOf(system(6, 'csat_requested')), 9).csat, null);
});

test('csat: a resolved conversation without a rating asks, on a server that sets resolved_at', () => {
  assert.deepEqual(caseState(conv('resolved', { resolved_at: RESOLVED_AT }), newMarks(), 12), {
    handoff: 'resolved',
    csat: { mode: 'ask' },
    at: 12,
  });
  // An older server (no resolved_at, no events): no rating it could not take.
  assert.equal(caseState(conv('resolved'), newMarks(), 12).csat, null);
  assert.equal(caseState(conv('open', { resolved_at: RESOLVED_AT }), newMarks(), 12).csat, null);
  // Rated for an earlier resolution: ask again for this one.
  const before = { rating: 2, at: '2026-11-20T10:00:00Z' };
  assert.deepEqual(caseState(conv('resolved', { resolved_at: RESOLVED_AT, csat: before }), newMarks(), 12).csat, {
    mode: 'ask',
  });
  // A malformed rating is no rating.
  assert.deepEqual(
    caseState(conv('resolved', { resolved_at: RESOLVED_AT, csat: { rating: 9 } }), newMarks(), 12).csat,
    { mode: 'ask' },
  );
});

test('csat.submit: rating 1..5, comment optional, trimmed, at most 2000 characters', () => {
  for (const bad of [0, 6, 2.5, '4', null, undefined, NaN]) {
    assert.deepEqual(csatFrame('cv_1', bad), { error: 'Choose a rating from 1 to 5.' }, String(bad));
  }
  assert.deepEqual(csatFrame('cv_1', 5), { frame: { type: 'csat.submit', conversation_id: 'cv_1', rating: 5 } });
  assert.deepEqual(csatFrame('cv_1', 1, '   '), { frame: { type: 'csat.submit', conversation_id: 'cv_1', rating: 1 } });
  assert.deepEqual(csatFrame('cv_1', 4, '  Quick and kind \n'), {
    frame: { type: 'csat.submit', conversation_id: 'cv_1', rating: 4, comment: 'Quick and kind' },
  });
  assert.equal(csatFrame('cv_1', 3, 'x'.repeat(MAX_COMMENT)).frame.comment.length, 2000);
  assert.equal(csatFrame('cv_1', 3, ` ${'x'.repeat(MAX_COMMENT)} `).frame.comment.length, 2000);
  assert.match(csatFrame('cv_1', 3, 'x'.repeat(MAX_COMMENT + 1)).error, /2,000 characters/);
  assert.equal(counter(0), '0 / 2,000');
  assert.equal(counter(1234), '1,234 / 2,000');
});

test('csat.submit: refusals are worded for the visitor', () => {
  assert.match(csatError({ code: 'disconnected' }), /connection/);
  assert.match(csatError({ code: 'rate_limited' }), /wait/);
  assert.match(csatError({ code: 'conflict' }), /no longer be rated/);
  assert.match(csatError({ code: 'bad_request' }), /could not be sent/);
  assert.match(csatError({}), /could not be sent/);
});
