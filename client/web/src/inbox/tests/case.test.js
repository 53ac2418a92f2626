// The inbox's pure state handlers for issue 13: unread counts from the server, the ticket's
// one transcript, the SLA clock. `node --test src/widget/tests src/inbox/tests` in client/web.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { groupMessages, withComments } from '../thread.js';
import { slaClock } from '../tickets.js';
import { adoptUnread, liveUnread, readUnread, serverCounts } from '../unread.js';

const ME = 'ag_me';
const empty = () => ({ unread: {}, unreadServer: {} });
const conv = (last_seq, unread_count) => ({ id: 'cv_1', last_seq, unread_count });
const msg = (seq, kind = 'visitor', id = 'ct_1') => ({ conversation_id: 'cv_1', seq, sender: { kind, id } });

test("unread: a conversation object's unread_count is the count", () => {
  let s = adoptUnread(empty(), conv(7, 3));
  assert.equal(s.unread.cv_1, 3);
  assert.equal(serverCounts(s, 'cv_1'), true);
  s = adoptUnread(s, conv(9, 0)); // read elsewhere, or by this agent after a sign-in
  assert.equal(s.unread.cv_1, 0);
  // An older snapshot (a slow HTTP page) does not undo a newer one.
  assert.equal(adoptUnread(s, conv(8, 5)).unread.cv_1, 0);
  // Same seq, a new count (the server's word on a read): taken.
  assert.equal(adoptUnread(s, conv(9, 2)).unread.cv_1, 2);
});

test('unread: objects without unread_count (an older server) leave the inbox counting itself', () => {
  const s = adoptUnread(empty(), { id: 'cv_1', last_seq: 4 });
  assert.equal(s.unread.cv_1, undefined);
  assert.equal(serverCounts(s, 'cv_1'), false);
  assert.equal(liveUnread(s, msg(5), { me: ME, reading: false }), s);
  assert.equal(readUnread(s, 'cv_1', 5), s);
});

test('unread: live messages from others add one each, once, until the next object', () => {
  let s = adoptUnread(empty(), conv(7, 1));
  s = liveUnread(s, msg(8), { me: ME, reading: false });
  s = liveUnread(s, msg(8), { me: ME, reading: false }); // the same seq again (a replay)
  s = liveUnread(s, msg(6), { me: ME, reading: false }); // already in the object's count
  s = liveUnread(s, msg(9, 'agent', ME), { me: ME, reading: false }); // my own
  s = liveUnread(s, msg(10, 'ai', null), { me: ME, reading: false }); // not the customer's
  s = liveUnread(s, msg(10, 'system', null), { me: ME, reading: false });
  s = liveUnread(s, msg(10), { me: ME, reading: false });
  assert.equal(s.unread.cv_1, 3);
  assert.equal(liveUnread(s, msg(11), { me: ME, reading: true }).unread.cv_1, 3); // being read
  // The next object covers seq 8 but not 10.
  s = adoptUnread(s, conv(9, 2));
  assert.equal(s.unread.cv_1, 3);
  assert.deepEqual(s.unreadServer.cv_1.live, [10]);
});

test("unread: this agent's read clears the badge, and older objects cannot bring it back", () => {
  let s = adoptUnread(empty(), conv(7, 4));
  s = liveUnread(s, msg(8), { me: ME, reading: false });
  s = readUnread(s, 'cv_1', 8);
  assert.equal(s.unread.cv_1, 0);
  // A list page fetched before the read arrives after it.
  assert.equal(adoptUnread(s, conv(7, 4), 8).unread.cv_1, 0);
  // Its snapshot is at or before what was read: nothing unread in it.
  assert.equal(adoptUnread({ ...s, unreadServer: {} }, conv(8, 4), 8).unread.cv_1, 0);
  // A newer message after the read counts again.
  s = liveUnread(s, msg(9), { me: ME, reading: false });
  assert.equal(s.unread.cv_1, 1);
  // A read below the object's snapshot keeps the server's count, drops what it covers.
  s = adoptUnread(s, conv(12, 3), 8);
  s = liveUnread(s, msg(13), { me: ME, reading: false });
  s = readUnread(s, 'cv_1', 10);
  assert.equal(s.unread.cv_1, 4);
});

const at = (minute) => `2026-11-25T10:${String(minute).padStart(2, '0')}:00Z`;
const message = (seq, minute, extra = {}) => ({
  id: `m${seq}`,
  seq,
  sender: { kind: 'visitor', id: 'ct_1' },
  body: `m${seq}`,
  private: false,
  created_at: at(minute),
  ...extra,
});
const comment = (id, minute, isPublic, body = `c${id}`) => ({
  id,
  author: { kind: 'agent', id: 'ag_1', name: 'Ann' },
  body,
  public: isPublic,
  created_at: at(minute),
});

test('one transcript: internal comments among the messages by time; public ones shown as their message', () => {
  const messages = [
    message(1, 0),
    message(2, 5, { sender: { kind: 'agent', id: 'ag_1' }, body: 'c2', client_msg_id: 'comment-2' }),
    message(3, 9, { sender: { kind: 'agent', id: 'ag_1' }, body: 'Sent from the chat' }),
  ];
  const comments = [
    comment('1', 3, false),
    comment('2', 5, true),
    comment('4', 7, true, '  Sent from the chat '),
    comment('5', 20, false),
  ];
  const merged = withComments(messages, comments);
  assert.deepEqual(
    merged.map((m) => m.id),
    ['m1', 'comment-1', 'm2', 'm3', 'comment-5'],
  );
  assert.deepEqual(merged[1], {
    id: 'comment-1',
    comment: true,
    sender: comments[0].author,
    body: 'c1',
    private: true,
    created_at: at(3),
  });
  // A public comment with no message (no conversation, or not posted yet) stays, as public.
  const alone = withComments([message(1, 0)], [comment('9', 1, true)]);
  assert.equal(alone[1].id, 'comment-9');
  assert.equal(alone[1].private, false);
  assert.equal(withComments(messages, []), messages);
  assert.equal(withComments(messages, undefined), messages);
});

test('one transcript: comments group apart from messages and carry no seq into keys', () => {
  const merged = withComments(
    [message(1, 0, { sender: { kind: 'agent', id: 'ag_1' } })],
    [comment('1', 1, false), comment('2', 2, false)],
  );
  const rows = groupMessages(merged, () => 'Today');
  assert.deepEqual(
    rows.map((r) => r.kind),
    ['day', 'group', 'group'],
  );
  assert.equal(rows[2].comment, true);
  assert.equal(rows[2].messages.length, 2);
  const onlyComments = groupMessages(withComments([], [comment('1', 1, false)]), () => 'Today');
  assert.equal(onlyComments[0].key, 'day-comment-1');
});

test('SLA clock: running toward due_at, paused while pending or solved, none when closed', () => {
  const now = Date.parse(at(0));
  const ticket = (status, more = {}) => ({ status, due_at: at(30), breaches: [], ...more });
  assert.deepEqual(slaClock(ticket('open'), now), { clock: 'running', breached: [], soon: true });
  assert.equal(slaClock(ticket('new', { due_at: '2026-11-26T10:00:00Z' }), now).soon, false);
  assert.equal(slaClock(ticket('pending'), now).clock, 'paused');
  assert.equal(slaClock(ticket('solved'), now).clock, 'paused');
  assert.equal(slaClock(ticket('solved'), now).soon, false);
  assert.equal(slaClock(ticket('closed'), now).clock, null);
  assert.equal(slaClock(ticket('open', { due_at: null }), now).clock, null); // no target
  assert.equal(slaClock(ticket('pending', { due_at: null }), now).clock, null);
  const missed = slaClock(ticket('pending', { due_at: null, breaches: ['first_response'] }), now);
  assert.deepEqual(missed, { clock: 'paused', breached: ['first_response'], soon: false });
  assert.deepEqual(slaClock({ status: 'open', due_at: at(30) }, now).breached, []); // breaches absent
  // A ticket that says whether its clock is paused is taken at its word.
  assert.equal(slaClock(ticket('pending', { sla_paused_at: at(1) }), now).clock, 'paused');
  assert.equal(slaClock(ticket('pending', { sla_paused_at: null }), now).clock, 'running');
  assert.equal(slaClock(ticket('open', { sla_paused_at: at(1) }), now).clock, 'paused');
  assert.equal(slaClock(ticket('closed', { sla_paused_at: at(1) }), now).clock, null);
});
