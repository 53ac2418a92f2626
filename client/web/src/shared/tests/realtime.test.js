// The one protocol client of both web clients (shared/realtime.js) against a fake socket:
// hello, acks matched by id, heartbeat, the reconnect policy. `npm test` in client/web.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { BASE_MS, backoffDelay, CAP_MS, promptDelay, reconnectAfter } from '../backoff.js';
import { counter, uuid } from '../ids.js';
import { DISCONNECTED, RealtimeClient, RequestError, SUBPROTOCOL, socketUrl, TIMEOUT } from '../realtime.js';
import { FakeSocket, settle } from './fake-socket.js';

/** A started client whose callbacks are recorded; timers and the clock are the test's. */
function started(t, options = {}) {
  t.mock.timers.enable({ apis: ['setTimeout', 'Date'], now: 1_000_000 });
  FakeSocket.reset();
  const seen = { welcomes: [], frames: [], statuses: [] };
  const client = new RealtimeClient({
    url: 'ws://test/v1/ws',
    WebSocket: FakeSocket,
    random: () => 0.5,
    hello: () => ({ type: 'hello', token: 'tk' }),
    onWelcome: (welcome, info) => seen.welcomes.push({ welcome, ...info }),
    onFrame: (frame) => seen.frames.push(frame),
    onStatus: (status, detail) => seen.statuses.push([status, detail]),
    ...options,
  });
  client.start();
  t.after(() => client.stop());
  return { client, seen };
}

test('hello first, on the JSON subprotocol; requests wait for the welcome', async (t) => {
  const { client, seen } = started(t);
  const ws = FakeSocket.last;
  assert.equal(ws.url, 'ws://test/v1/ws');
  assert.deepEqual(ws.protocols, [SUBPROTOCOL]);
  await assert.rejects(client.request({ type: 'subscribe' }), { code: DISCONNECTED });
  assert.equal(client.send({ type: 'typing' }), false);
  ws.open();
  assert.deepEqual(ws.sent, [{ type: 'hello', token: 'tk' }]);
  ws.deliver({ type: 'message.created', seq: 1 }); // nothing but welcome counts before it
  assert.equal(client.ready, false);
  ws.deliver({ type: 'welcome', heartbeat_s: 25 });
  assert.equal(client.ready, true);
  assert.deepEqual(
    seen.welcomes.map((w) => w.resumed),
    [false],
  );
  assert.deepEqual(seen.frames, []);
  assert.deepEqual(
    seen.statuses.map(([s]) => s),
    ['connecting', 'connected'],
  );
});

test('acks and errors are matched to their request by id; other frames go to onFrame', async (t) => {
  const { client, seen } = started(t);
  const ws = FakeSocket.last;
  ws.welcome();
  const first = client.request({ type: 'subscribe', conversation_id: 'cv_1', after_seq: 0 });
  const second = client.request({ type: 'message.send', body: 'hi' });
  const [a, b] = ws.sent.slice(1);
  assert.notEqual(a.id, b.id);
  assert.deepEqual(a, { type: 'subscribe', conversation_id: 'cv_1', after_seq: 0, id: a.id });
  // Answers in the other order, and a stray ack for nobody.
  ws.deliver({ type: 'error', id: b.id, code: 'rate_limited', message: 'slow down', retry_after_ms: 1500 });
  ws.deliver({ type: 'ack', id: 'r999' });
  ws.deliver({ type: 'ack', id: a.id, last_seq: 4 });
  ws.deliver({ type: 'error', code: 'bad_request', message: 'a frame without id' });
  ws.deliver('not json');
  ws.deliver({ no: 'type' });
  assert.equal((await first).last_seq, 4);
  const refused = await second.catch((e) => e);
  assert.ok(refused instanceof RequestError);
  assert.equal(refused.code, 'rate_limited');
  assert.equal(refused.message, 'slow down');
  assert.equal(refused.retry_after_ms, 1500);
  assert.equal(refused.retryable, true);
  assert.deepEqual(
    seen.frames.map((f) => f.type),
    ['ack', 'error'],
  );
  assert.equal(new RequestError('not_found', 'gone').retryable, false);
});

test('a request with no answer times out; the connection lost fails what waits', async (t) => {
  const { client } = started(t, { requestTimeoutMs: 5000 });
  const ws = FakeSocket.last;
  ws.welcome();
  const slow = client.request({ type: 'ai.stop' });
  t.mock.timers.tick(5000);
  await assert.rejects(slow, { code: TIMEOUT });
  const cut = client.request({ type: 'handoff.request' });
  ws.drop(1006);
  await assert.rejects(cut, (e) => e.code === DISCONNECTED && e.retryable);
  assert.equal(client.ready, false);
});

test('heartbeat: a ping after heartbeat_s of silence; no answer drops and replaces the connection', async (t) => {
  const { client, seen } = started(t);
  const ws = FakeSocket.last;
  ws.welcome({ heartbeat_s: 30 });
  t.mock.timers.tick(29_000);
  ws.deliver({ type: 'presence', agents_online: 1 }); // the server spoke: the clock starts again
  t.mock.timers.tick(29_000);
  assert.deepEqual(ws.frames('ping'), []);
  t.mock.timers.tick(1_000);
  const [ping] = ws.frames('ping');
  assert.match(ping.id, /^r\d+$/);
  ws.deliver({ type: 'pong', id: ping.id }); // answered: alive
  t.mock.timers.tick(10_000);
  assert.equal(client.ready, true);
  t.mock.timers.tick(20_000); // silence again: a second ping, never answered
  assert.equal(ws.frames('ping').length, 2);
  t.mock.timers.tick(10_000);
  assert.equal(client.ready, false);
  assert.equal(ws.closedWith, 1000);
  assert.deepEqual(seen.statuses.at(-1), ['offline', { code: 1006, reason: 'no answer from the server', delay: 250 }]);
  t.mock.timers.tick(250);
  assert.equal(FakeSocket.all.length, 2);
  FakeSocket.last.welcome();
  assert.deepEqual(
    seen.welcomes.map((w) => w.resumed),
    [false, true],
  );
  // An upgrade that is never welcomed is replaced too.
  FakeSocket.last.drop(1006);
  t.mock.timers.tick(seen.statuses.at(-1)[1].delay);
  FakeSocket.last.open();
  t.mock.timers.tick(15_000);
  assert.equal(seen.statuses.at(-1)[0], 'offline');
  assert.equal(FakeSocket.last.closedWith, 1000);
  assert.equal(seen.statuses.at(-1)[1].reason, 'no answer from the server');
});

test('reconnect: backoff grows while the server is down, resets after a stable connection', (t) => {
  const { client, seen } = started(t);
  const delays = [];
  for (let i = 0; i < 7; i++) {
    FakeSocket.last.drop(1006);
    const [status, detail] = seen.statuses.at(-1);
    assert.equal(status, 'offline');
    delays.push(detail.delay);
    t.mock.timers.tick(detail.delay);
  }
  // Half of min(15 s, 0.5 s * 2^n): full jitter, drawn at 0.5 here.
  assert.deepEqual(delays, [250, 500, 1000, 2000, 4000, 7500, 7500]);
  FakeSocket.last.welcome();
  t.mock.timers.tick(10_000); // stable
  FakeSocket.last.drop(1006);
  assert.equal(seen.statuses.at(-1)[1].delay, 250);
  assert.equal(client.attempt, 1);
});

test('reconnect: a restarting node (1012) brings a welcomed client back promptly', (t) => {
  const { seen } = started(t);
  FakeSocket.last.drop(1006);
  t.mock.timers.tick(250);
  FakeSocket.last.drop(1006);
  t.mock.timers.tick(500);
  FakeSocket.last.welcome();
  FakeSocket.last.drop(1012, 'restarting');
  assert.deepEqual(seen.statuses.at(-1), ['offline', { code: 1012, reason: 'restarting', delay: 300 }]);
  t.mock.timers.tick(300);
  assert.equal(FakeSocket.all.length, 4);
  // 1012 before any welcome (a node refusing while it starts) backs off as usual.
  FakeSocket.last.drop(1012);
  assert.equal(seen.statuses.at(-1)[1].delay, 500);
});

test('4003 is final; 4001 is final unless onUnauthorized mends the credentials', (t) => {
  let mended = 0;
  const { client, seen } = started(t, { onUnauthorized: () => mended++ < 1 });
  FakeSocket.last.drop(4001, 'stale visitor token');
  assert.deepEqual(seen.statuses.at(-1), ['offline', { code: 4001, reason: 'stale visitor token', delay: 0 }]);
  t.mock.timers.tick(0);
  FakeSocket.last.drop(4001, 'bad identity');
  assert.deepEqual(seen.statuses.at(-1), ['failed', { code: 4001, reason: 'bad identity' }]);
  t.mock.timers.tick(60_000);
  assert.equal(FakeSocket.all.length, 2);
  client.restart(); // new credentials: try again
  assert.equal(FakeSocket.all.length, 3);
  FakeSocket.last.drop(4003, 'origin');
  assert.equal(seen.statuses.at(-1)[0], 'failed');
});

test('restart, retryNow and stop', async (t) => {
  const { client, seen } = started(t);
  const first = FakeSocket.last;
  first.welcome();
  const waiting = client.request({ type: 'subscribe' });
  client.restart(); // a new identity: hello again at once
  await assert.rejects(waiting, { code: DISCONNECTED });
  assert.equal(first.closedWith, 1000);
  assert.equal(FakeSocket.all.length, 2);
  FakeSocket.last.drop(1006);
  client.retryNow(); // the network is back: no waiting out the backoff
  assert.equal(FakeSocket.all.length, 3);
  client.retryNow(); // connecting already: nothing more
  assert.equal(FakeSocket.all.length, 3);
  client.stop();
  assert.deepEqual(seen.statuses.at(-1), ['stopped', {}]);
  FakeSocket.all[2].drop(1006);
  t.mock.timers.tick(60_000);
  assert.equal(FakeSocket.all.length, 3);
  await settle();
});

test('backoff policy: full jitter under an exponential ceiling with a cap', () => {
  assert.equal(
    backoffDelay(0, () => 0.999),
    Math.floor(0.999 * BASE_MS),
  );
  assert.equal(
    backoffDelay(3, () => 0.5),
    (BASE_MS * 8) / 2,
  );
  assert.equal(
    backoffDelay(30, () => 0.999),
    Math.floor(0.999 * CAP_MS),
  );
  assert.equal(
    backoffDelay(5, () => 0),
    0,
  );
  assert.equal(
    promptDelay(() => 0),
    100,
  );
  assert.equal(
    promptDelay(() => 0.999),
    500,
  );
});

test('backoff policy: 4001/4003 stop; stable connections and welcomed restarts start over', () => {
  const half = () => 0.5;
  assert.equal(reconnectAfter({ code: 4003, attempt: 0, stable: true }), null);
  assert.equal(reconnectAfter({ code: 4001, attempt: 2 }), null);
  assert.deepEqual(reconnectAfter({ code: 1012, attempt: 5, welcomed: true }, half), { attempt: 1, delay: 300 });
  assert.deepEqual(reconnectAfter({ code: 1001, attempt: 5, welcomed: true }, half), { attempt: 1, delay: 300 });
  assert.deepEqual(reconnectAfter({ code: 1012, attempt: 5 }, half), { attempt: 6, delay: 7500 });
  assert.deepEqual(reconnectAfter({ code: 1006, attempt: 5, welcomed: true, stable: true }, half), {
    attempt: 1,
    delay: 250,
  });
  assert.deepEqual(reconnectAfter({ code: 1006, attempt: 2, welcomed: true }, half), { attempt: 3, delay: 1000 });
});

test('ids: version 4 UUIDs, with or without randomUUID; request ids in order', () => {
  const V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
  assert.match(uuid(), V4);
  // A plain-http page: no randomUUID, only getRandomValues.
  const insecure = { getRandomValues: (bytes) => globalThis.crypto.getRandomValues(bytes) };
  const ids = new Set(Array.from({ length: 50 }, () => uuid(insecure)));
  assert.equal(ids.size, 50);
  for (const id of ids) assert.match(id, V4);
  const next = counter('r');
  assert.deepEqual([next(), next(), next()], ['r1', 'r2', 'r3']);
});

test('socketUrl: ws for http, wss for https, any path prefix kept', () => {
  assert.equal(socketUrl('http://127.0.0.1:8000'), 'ws://127.0.0.1:8000/v1/ws');
  assert.equal(socketUrl('https://support.example/fs/'), 'wss://support.example/fs/v1/ws');
});
