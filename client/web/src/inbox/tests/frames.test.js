// The inbox's frame handlers (frames.js) updating the store, through its real session
// (live.js on the shared client) and a fake WebSocket: `npm test` in client/web.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { FakeSocket, settle } from '../../shared/tests/fake-socket.js';
import { mergeConversations } from '../conversations.js';
import { HANDLERS, participantKey } from '../frames.js';
import { deliver, startLive, stopLive } from '../live.js';
import { initialState, store } from '../state.js';

const ME = { id: 'ag_me', tenant_id: 'tn_1', name: 'Me' };
const T0 = '2026-11-25T19:30:00.000Z';

// What the handlers touch outside the store: the page (focus, visibility) and HTTP.
const focused = [];
globalThis.document = {
  visibilityState: 'visible',
  querySelector: (selector) => ({ focus: () => focused.push(selector) }),
};
globalThis.requestAnimationFrame = (run) => setTimeout(run, 16);
const fetched = [];
globalThis.fetch = async (url) => {
  fetched.push(String(url));
  const body = { conversations: [], messages: [], next_cursor: null, users: [], tickets: [] };
  return { ok: true, status: 200, headers: { get: () => 'application/json' }, json: async () => body };
};

const conv = (id, more = {}) => ({
  id,
  status: 'open',
  channel: 'web',
  assignee_id: null,
  tags: [],
  last_seq: 0,
  unread_count: 0,
  updated_at: T0,
  ...more,
});
const message = (seq, kind = 'visitor', more = {}) => ({
  id: `m${seq}`,
  conversation_id: 'cv_1',
  seq,
  sender: {
    kind,
    id: kind === 'visitor' ? 'ct_1' : kind === 'agent' ? 'ag_ann' : null,
    name: kind === 'agent' ? 'Ann' : undefined,
  },
  body: `message ${seq}`,
  private: false,
  created_at: T0,
  ...more,
});
const created = (m) => ({ type: 'message.created', conversation_id: m.conversation_id, seq: m.seq, message: m });

/**
 * Signed in, connected, with cv_1 open (subscribed from its start) and cv_2 in the list.
 * @returns {Promise<FakeSocket>}
 */
async function openInbox(t, { lastSeq = 0 } = {}) {
  t.mock.timers.enable({ apis: ['setTimeout', 'setInterval', 'Date'], now: Date.parse(T0) });
  FakeSocket.reset();
  focused.length = 0;
  store.set(() => ({
    ...initialState(),
    session: { token: 'tk', user: ME },
    route: { view: 'conversations', conversationId: 'cv_1', ticketId: null },
  }));
  startLive({ handlers: HANDLERS, onUnauthorized: () => {}, url: 'ws://test/v1/ws', WebSocket: FakeSocket });
  t.after(stopLive);
  const ws = FakeSocket.last;
  ws.welcome();
  ws.ack('inbox.subscribe', {
    conversations: [conv('cv_1', { last_seq: lastSeq }), conv('cv_2', { last_seq: 4, unread_count: 1 })],
  });
  ws.ack('subscribe', { conversation: conv('cv_1', { last_seq: lastSeq }), last_seq: lastSeq });
  await settle();
  return ws;
}

const state = () => store.get();
const thread = (id = 'cv_1') => state().threads[id];
const bodies = (id = 'cv_1') => thread(id).messages.map((m) => m.body);

test('hello carries the token; welcome subscribes the inbox and the open conversation from seq 0', async (t) => {
  const ws = await openInbox(t);
  assert.deepEqual(ws.sent[0], { type: 'hello', token: 'tk', client: 'flowsupport-inbox/0.1' });
  assert.equal(ws.frames('subscribe')[0].after_seq, 0);
  assert.equal(state().conn, 'connected');
  assert.equal(thread().ready, true);
  assert.deepEqual(Object.keys(state().convs).sort(), ['cv_1', 'cv_2']);
});

test('message.created: into the thread once, the list row updated, the seq advanced', async (t) => {
  const ws = await openInbox(t);
  ws.deliver(created(message(1)));
  ws.deliver(created(message(2, 'agent')));
  ws.deliver(created(message(2, 'agent'))); // a replay overlapping what is held
  assert.deepEqual(bodies(), ['message 1', 'message 2']);
  assert.equal(thread().seq.last, 2);
  const row = state().convs.cv_1;
  assert.equal(row.last_seq, 2);
  assert.deepEqual(row.preview, { body: 'message 2', sender_kind: 'agent', created_at: T0 });
  assert.equal(state().names.ag_ann, 'Ann'); // senders name agents the staff list does not
  // A private note moves the seq but not the list's preview.
  ws.deliver(created(message(3, 'agent', { private: true, body: 'note' })));
  assert.equal(state().convs.cv_1.preview.body, 'message 2');
  assert.equal(thread().messages.length, 3);
});

test('message.created: a gap re-subscribes from the last seq held; the replay fills it', async (t) => {
  const ws = await openInbox(t);
  ws.deliver(created(message(1)));
  ws.deliver(created(message(3)));
  await settle();
  const again = ws.frames('subscribe');
  assert.equal(again.length, 2);
  assert.equal(again[1].after_seq, 1);
  assert.deepEqual(thread().seq.ahead, [3]);
  ws.ack('subscribe', { conversation: conv('cv_1', { last_seq: 3 }), last_seq: 3 });
  await settle();
  ws.deliver(created(message(2)));
  ws.deliver(created(message(3)));
  assert.deepEqual(bodies(), ['message 1', 'message 2', 'message 3']);
  assert.equal(thread().seq.last, 3);
  assert.deepEqual(thread().seq.ahead, []);
  assert.equal(ws.frames('subscribe').length, 2);
});

test('unread: a customer message elsewhere counts; the open conversation, read now, does not', async (t) => {
  const ws = await openInbox(t);
  assert.equal(state().unread.cv_2, 1);
  ws.deliver(created(message(5, 'visitor', { id: 'x5', conversation_id: 'cv_2' })));
  assert.equal(state().unread.cv_2, 2);
  ws.deliver(created(message(6, 'agent', { id: 'x6', conversation_id: 'cv_2' }))); // a reply is no unread work
  assert.equal(state().unread.cv_2, 2);
  ws.deliver(created(message(1)));
  assert.equal(state().unread.cv_1 || 0, 0);
  t.mock.timers.tick(250); // the read goes out after its debounce
  assert.deepEqual(ws.frames('read').at(-1), { type: 'read', conversation_id: 'cv_1', seq: 1 });
});

test('read: the visitor read up to a seq; this agent elsewhere clears the badge; another agent views', async (t) => {
  const ws = await openInbox(t);
  ws.deliver({ type: 'read', conversation_id: 'cv_1', participant: { kind: 'visitor', id: 'ct_1' }, seq: 4 });
  ws.deliver({ type: 'read', conversation_id: 'cv_1', participant: { kind: 'visitor', id: 'ct_1' }, seq: 2 });
  assert.equal(state().visitorRead.cv_1, 4);
  ws.deliver({ type: 'read', conversation_id: 'cv_2', participant: { kind: 'agent', id: ME.id }, seq: 4 });
  assert.equal(state().unread.cv_2, 0);
  assert.equal(state().readUpTo.cv_2, 4);
  ws.deliver({
    type: 'read',
    conversation_id: 'cv_1',
    participant: { kind: 'agent', id: 'ag_bo', name: 'Bo' },
    seq: 1,
  });
  assert.deepEqual(Object.keys(state().viewers.cv_1), ['ag_bo']);
});

test('typing: shown per participant, hidden by false or by their message; my own ignored; expired', async (t) => {
  const { expireSignals } = await import('../frames.js');
  const ws = await openInbox(t);
  const visitor = { kind: 'visitor', id: 'ct_1' };
  ws.deliver({ type: 'typing', conversation_id: 'cv_1', participant: visitor, state: true });
  ws.deliver({ type: 'typing', conversation_id: 'cv_1', participant: { kind: 'agent', id: ME.id }, state: true });
  assert.deepEqual(Object.keys(state().typing.cv_1), [participantKey(visitor)]);
  ws.deliver(created(message(1))); // the visitor sent: no longer typing
  assert.deepEqual(state().typing.cv_1, {});
  const ann = { kind: 'agent', id: 'ag_ann', name: 'Ann' };
  ws.deliver({ type: 'typing', conversation_id: 'cv_1', participant: ann, state: true });
  assert.equal(state().typing.cv_1['agent:ag_ann'].name, 'Ann');
  assert.ok(state().viewers.cv_1.ag_ann);
  ws.deliver({ type: 'typing', conversation_id: 'cv_1', participant: ann, state: false });
  assert.deepEqual(state().typing.cv_1, {});
  ws.deliver({ type: 'typing', conversation_id: 'cv_1', participant: ann, state: true });
  t.mock.timers.tick(9000);
  expireSignals();
  assert.deepEqual(state().typing.cv_1, {});
});

test('ai.started / ai.delta / ai.done: the stream joins in order, then the stored answer replaces it', async (t) => {
  const ws = await openInbox(t);
  const ai = (type, more) => ws.deliver({ type, conversation_id: 'cv_1', stream_id: 'st_1', ...more });
  ai('ai.started');
  ai('ai.delta', { index: 0, text: 'To cancel, ' });
  ai('ai.delta', { index: 2, text: 'Billing.' }); // early
  ai('ai.delta', { index: 0, text: 'To cancel, ' }); // repeated
  assert.equal(state().streams.cv_1.text, 'To cancel, ');
  ai('ai.delta', { index: 1, text: 'open ' });
  assert.equal(state().streams.cv_1.text, 'To cancel, open Billing.');
  const answer = message(1, 'ai', { body: 'To cancel, open Billing.' });
  ai('ai.done', { reason: 'complete', message: answer, citations: [] });
  assert.equal(state().streams.cv_1, undefined);
  assert.deepEqual(bodies(), ['To cancel, open Billing.']);
  ws.deliver(created(answer)); // its message.created follows: no second copy
  assert.equal(thread().messages.length, 1);
  assert.equal(thread().seq.last, 1);
});

test('ai.delta joining mid-answer starts from that piece; ai.done stopped focuses the composer', async (t) => {
  const ws = await openInbox(t);
  ws.deliver({ type: 'ai.delta', conversation_id: 'cv_1', stream_id: 'st_2', index: 5, text: 'the rest' });
  assert.equal(state().streams.cv_1.text, 'the rest');
  ws.deliver({ type: 'ai.done', conversation_id: 'cv_1', stream_id: 'st_2', reason: 'stopped', citations: [] });
  assert.equal(state().streams.cv_1, undefined);
  assert.equal(state().composerMode, 'reply');
  assert.deepEqual(focused, ['[data-testid="composer"]']);
});

test('stop the AI: ai.stop is sent; its ack removes the stream', async (t) => {
  const { stopAi } = await import('../actions.js');
  const ws = await openInbox(t);
  ws.deliver({ type: 'ai.started', conversation_id: 'cv_1', stream_id: 'st_3' });
  const stopping = stopAi('cv_1');
  ws.ack('ai.stop');
  await stopping;
  assert.deepEqual(ws.frames('ai.stop')[0].conversation_id, 'cv_1');
  assert.equal(state().streams.cv_1, undefined);
});

test('conversation.updated and conversation.created: merged, listed when they match, seq advanced', async (t) => {
  const ws = await openInbox(t);
  const changed = conv('cv_1', { status: 'waiting_human', assignee_id: ME.id, last_seq: 1 });
  ws.deliver({
    type: 'conversation.updated',
    conversation_id: 'cv_1',
    seq: 1,
    conversation: changed,
    changes: ['status'],
  });
  assert.equal(state().convs.cv_1.status, 'waiting_human');
  assert.equal(thread().seq.last, 1);
  assert.ok(state().list.ids.includes('cv_1'));
  ws.deliver({ type: 'conversation.created', conversation: conv('cv_9', { contact: { id: 'ct_9', name: 'Zoe' } }) });
  assert.equal(state().list.ids[0], 'cv_9');
  ws.deliver({
    type: 'conversation.created',
    conversation: conv('cv_8', { status: 'closed', contact: { id: 'ct_8' } }),
  });
  assert.ok(!state().list.ids.includes('cv_8')); // not under the "Active" filter
});

test('message.updated: a known message is replaced in place (its delivery status); others ignored', async (t) => {
  const ws = await openInbox(t);
  const reply = message(1, 'agent', { body: 'On its way' });
  ws.deliver(created(reply));
  ws.deliver({
    type: 'message.updated',
    conversation_id: 'cv_1',
    message: { ...reply, status: 'delivered' },
    changes: ['status'],
  });
  assert.equal(thread().messages.length, 1);
  assert.equal(thread().messages[0].status, 'delivered');
  ws.deliver({
    type: 'message.updated',
    conversation_id: 'cv_1',
    message: message(9, 'agent', { status: 'sent' }),
    changes: ['status'],
  });
  assert.deepEqual(bodies(), ['On its way']); // live-only: an update never adds a message
});

test('an older conversation object (a late list page) fills gaps but takes nothing back', async (t) => {
  await openInbox(t);
  const rated = conv('cv_1', { status: 'resolved', csat: { rating: 4, at: T0 }, last_seq: 7 });
  store.set((s) => mergeConversations(s, [rated]));
  const stale = conv('cv_1', { status: 'open', csat: null, last_seq: 5, contact: { id: 'ct_1', name: 'Ada' } });
  store.set((s) => mergeConversations(s, [stale]));
  assert.equal(state().convs.cv_1.status, 'resolved');
  assert.deepEqual(state().convs.cv_1.csat, { rating: 4, at: T0 });
  assert.equal(state().convs.cv_1.contact.name, 'Ada'); // a field the cached copy lacked
  const newer = conv('cv_1', { status: 'open', csat: null, last_seq: 8 });
  store.set((s) => mergeConversations(s, [newer]));
  assert.equal(state().convs.cv_1.status, 'open'); // reopened: the newer object wins
  assert.equal(state().convs.cv_1.csat, null);
});

test('ticket.created and ticket.updated: the conversation learns its ticket, the ticket is kept', async (t) => {
  const ws = await openInbox(t);
  const ticket = { id: 'tk_1', number: 7, subject: 'Refund', status: 'new', priority: 'normal', updated_at: T0 };
  ws.deliver({ type: 'ticket.created', conversation_id: 'cv_1', seq: 1, ticket });
  assert.equal(state().convs.cv_1.ticket_id, 'tk_1');
  assert.equal(state().tickets.tk_1.number, 7);
  assert.equal(thread().seq.last, 1);
  ws.deliver({ type: 'ticket.updated', ticket: { ...ticket, status: 'open' }, changes: ['status'] });
  assert.equal(state().tickets.tk_1.status, 'open');
});

test('presence, server errors, and frame types this inbox does not know', async (t) => {
  const ws = await openInbox(t);
  ws.deliver({ type: 'presence', agents_online: 2, agents: [{ id: 'ag_bo', name: 'Bo' }] });
  assert.equal(state().presence.count, 2);
  assert.equal(state().names.ag_bo, 'Bo');
  ws.deliver({ type: 'error', code: 'bad_request', message: 'typing: conversation_id is required' });
  assert.match(state().toasts.at(-1).text, /conversation_id is required/);
  const before = state();
  ws.deliver({ type: 'something.new', conversation_id: 'cv_1' });
  ws.deliver({ type: 'toString' });
  assert.equal(state(), before);
});

test('reconnect: connection shown as reconnecting, then resumed by seq; unacknowledged sends go again', async (t) => {
  const ws = await openInbox(t);
  ws.deliver(created(message(1)));
  ws.deliver(created(message(2)));
  const item = { client_msg_id: 'c-1', body: 'Hello', private: false, state: 'sending', created_at: T0 };
  store.set((s) => ({ ...s, threads: { ...s.threads, cv_1: { ...s.threads.cv_1, pending: [item] } } }));
  deliver('cv_1', item);
  const sent = ws.frames('message.send')[0];
  ws.drop(1012, 'restarting');
  await settle();
  assert.equal(state().conn, 'reconnecting');
  assert.equal(thread().pending[0].state, 'queued'); // not lost: kept for the next connection
  t.mock.timers.tick(500);
  const next = FakeSocket.last;
  assert.notEqual(next, ws);
  next.welcome();
  assert.equal(state().conn, 'connected');
  assert.equal(next.frames('subscribe')[0].after_seq, 2);
  const again = next.frames('message.send')[0];
  assert.equal(again.client_msg_id, sent.client_msg_id);
  next.ack('message.send', { message: message(3, 'agent', { body: 'Hello', client_msg_id: 'c-1' }) });
  await settle();
  assert.deepEqual(thread().pending, []);
  assert.deepEqual(bodies(), ['message 1', 'message 2', 'Hello']);
});

test('close 4001 signs out; 4003 says the origin is not allowed', async (t) => {
  let signedOut = 0;
  await openInbox(t);
  stopLive();
  startLive({ handlers: HANDLERS, onUnauthorized: () => signedOut++, url: 'ws://test/v1/ws', WebSocket: FakeSocket });
  FakeSocket.last.drop(4001, 'token expired');
  assert.equal(signedOut, 1);
  assert.equal(state().conn, 'stopped');
  startLive({ handlers: HANDLERS, onUnauthorized: () => signedOut++, url: 'ws://test/v1/ws', WebSocket: FakeSocket });
  FakeSocket.last.drop(4003, 'origin');
  assert.equal(signedOut, 1);
  assert.match(state().connProblem, /not an allowed origin/);
});
