// What the inbox announces (notifications.js): live news for this agent, never a replay.
// `node --test src/inbox/tests` in client/web.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { noticeFor } from '../notifications.js';
import { DEFAULT_PREFS, normalizePrefs } from '../prefs.js';

const ME = 'ag_me';
const notReading = { reading: () => false };
const state = (convs = {}, prefs = DEFAULT_PREFS) => ({ session: { user: { id: ME } }, prefs, convs });
const conv = (over = {}) => ({ id: 'cv_1', status: 'open', assignee_id: null, last_seq: 4, tags: [], ...over });
const updated = (c, seq) => ({ type: 'conversation.updated', conversation_id: c.id, seq, conversation: c });
const message = (seq, kind = 'visitor', over = {}) => ({
  type: 'message.created',
  conversation_id: 'cv_1',
  seq,
  message: {
    id: `m${seq}`,
    seq,
    body: 'Is  there\nanybody?',
    private: false,
    sender: { kind, id: 'x', name: 'Ana' },
    ...over,
  },
});

test('notices: a conversation that starts waiting for a person, unassigned or mine', () => {
  const before = state({ cv_1: conv() });
  const n = noticeFor(before, updated(conv({ status: 'waiting_human', subject: 'Refund' }), 5), notReading);
  assert.deepEqual(n, {
    conversationId: 'cv_1',
    kind: 'waiting',
    title: 'A customer is waiting for a person',
    body: 'Refund',
  });
  const mine = conv({ status: 'waiting_human', assignee_id: ME });
  assert.equal(noticeFor(before, updated(mine, 5), notReading)?.kind, 'waiting');
  const theirs = conv({ status: 'waiting_human', assignee_id: 'ag_other' });
  assert.equal(noticeFor(before, updated(theirs, 5), notReading), null);
  // A brand-new conversation that starts out waiting (conversation.created: no seq).
  const created = { type: 'conversation.created', conversation: conv({ id: 'cv_9', status: 'waiting_human' }) };
  assert.equal(noticeFor(state(), created, notReading)?.conversationId, 'cv_9');
});

test('notices: not twice, not for a replay, not while reading it, not when turned off', () => {
  const waiting = conv({ status: 'waiting_human' });
  assert.equal(noticeFor(state({ cv_1: waiting }), updated(waiting, 5), notReading), null);
  const replayed = updated(conv({ status: 'waiting_human' }), 3); // seq 3 <= last_seq 4
  assert.equal(noticeFor(state({ cv_1: conv() }), replayed, notReading), null);
  const live = updated(conv({ status: 'waiting_human' }), 5);
  assert.equal(noticeFor(state({ cv_1: conv() }), live, { reading: (id) => id === 'cv_1' }), null);
  const off = normalizePrefs({ notifyWaiting: false });
  assert.equal(noticeFor(state({ cv_1: conv() }, off), live, notReading), null);
});

test("notices: a customer's reply in my conversation, with a clipped one-line preview", () => {
  const mine = state({ cv_1: conv({ assignee_id: ME, contact: { name: 'Ana Lima' } }) });
  assert.deepEqual(noticeFor(mine, message(5), notReading), {
    conversationId: 'cv_1',
    kind: 'reply',
    title: 'Ana Lima replied',
    body: 'Is there anybody?',
  });
  const long = noticeFor(mine, message(5, 'visitor', { body: 'x'.repeat(500) }), notReading);
  assert.equal(long.body.length, 140);
  assert.ok(long.body.endsWith('…'));
});

test("notices: no reply notice for others' conversations, agents, notes, replays or when off", () => {
  const mine = state({ cv_1: conv({ assignee_id: ME }) });
  assert.equal(noticeFor(state({ cv_1: conv({ assignee_id: 'ag_other' }) }), message(5), notReading), null);
  assert.equal(noticeFor(state({ cv_1: conv() }), message(5), notReading), null); // unassigned: the waiting notice covers it
  assert.equal(noticeFor(mine, message(5, 'agent'), notReading), null);
  assert.equal(noticeFor(mine, message(5, 'ai'), notReading), null);
  assert.equal(noticeFor(mine, message(5, 'visitor', { private: true }), notReading), null);
  assert.equal(noticeFor(mine, message(4), notReading), null); // a replay
  assert.equal(noticeFor(mine, message(5), { reading: () => true }), null);
  const off = state({ cv_1: conv({ assignee_id: ME }) }, normalizePrefs({ notifyReplies: false }));
  assert.equal(noticeFor(off, message(5), notReading), null);
});

test('prefs: notification switches default on, sound off, and survive bad input', () => {
  assert.deepEqual(normalizePrefs(null), DEFAULT_PREFS);
  assert.equal(DEFAULT_PREFS.sound, false);
  const p = normalizePrefs({ notifyWaiting: 'yes', sound: true, density: 'huge' });
  assert.equal(p.notifyWaiting, true);
  assert.equal(p.sound, true);
  assert.equal(p.density, 'comfortable');
});
