/**
 * A PROTOCOL.md v1 client for browsers: one WebSocket, `hello` first, requests matched to
 * their `ack` / `error` by `id`, and reconnection with jittered exponential backoff.
 *
 * The caller owns what a session means: `onWelcome(welcome, { resumed })` runs after every
 * successful `hello`, and is where subscriptions are re-sent (with `after_seq`) so nothing
 * is missed or doubled. Everything that is not an answer to a request goes to `onFrame`.
 *
 * Close codes (PROTOCOL.md "Limits and closing"): 4001 and 4003 are final (a new token or
 * a different page is needed) and reported through `onFatal`; 1012 / 1001 reconnect
 * promptly; anything else backs off 0.5 s -> 15 s.
 */

import { backoffDelay, promptDelay } from './backoff.js';

export const SUBPROTOCOL = 'flowsupport.v1.json';
export const CLOSE_GOING_AWAY = 1001;
export const CLOSE_RESTARTING = 1012;
export const CLOSE_UNAUTHORIZED = 4001;
export const CLOSE_FORBIDDEN_ORIGIN = 4003;

const PING_EVERY_MS = 25000;
const PONG_WITHIN_MS = 10000;
const STABLE_AFTER_MS = 10000; // a connection up this long resets the backoff
const REQUEST_TIMEOUT_MS = 20000;

/** The error a request rejects with: the server's `error` frame, or a local `unavailable`. */
export class RequestError extends Error {
  constructor(code, message, extra = {}) {
    super(message);
    this.code = code;
    Object.assign(this, extra);
  }

  /** Whether sending the same request again (same client_msg_id) can succeed. */
  get retryable() {
    return this.code === 'unavailable' || this.code === 'rate_limited' || this.code === 'internal';
  }
}

/** `ws://host/v1/ws` or `wss://...` for the page's own origin. */
export function socketUrl(loc = globalThis.location, path = '/v1/ws') {
  return `${loc.protocol === 'https:' ? 'wss:' : 'ws:'}//${loc.host}${path}`;
}

export class RealtimeClient {
  /**
   * @param {object} o
   * @param {string} o.url
   * @param {() => object} o.hello       the hello frame (called per connection)
   * @param {(welcome: object, info: {resumed: boolean}) => void} o.onWelcome
   * @param {(frame: object) => void} o.onFrame
   * @param {(status: 'connecting'|'connected'|'reconnecting'|'stopped') => void} o.onStatus
   * @param {(reason: 'unauthorized'|'forbidden_origin') => void} o.onFatal
   */
  constructor({ url, hello, onWelcome, onFrame, onStatus, onFatal, WebSocketImpl = globalThis.WebSocket }) {
    this.url = url;
    this.hello = hello;
    this.onWelcome = onWelcome;
    this.onFrame = onFrame;
    this.onStatus = onStatus || (() => {});
    this.onFatal = onFatal || (() => {});
    this.WebSocketImpl = WebSocketImpl;
    this.ws = null;
    this.welcomed = false;
    this.everWelcomed = false;
    this.stopped = true;
    this.attempt = 0;
    this.nextId = 1;
    this.pending = new Map(); // id -> {resolve, reject, timer}
    this.retryTimer = null;
    this.pingTimer = null;
    this.pongTimer = null;
    this.welcomedAt = 0;
    this.onOnline = () => {
      if (!this.stopped && !this.ws) this.connectNow();
    };
  }

  start() {
    if (!this.stopped) return;
    this.stopped = false;
    globalThis.addEventListener?.('online', this.onOnline);
    this.connectNow();
  }

  stop() {
    this.stopped = true;
    globalThis.removeEventListener?.('online', this.onOnline);
    clearTimeout(this.retryTimer);
    this.drop(1000, 'signed out');
    this.onStatus('stopped');
  }

  get connected() {
    return this.welcomed;
  }

  /** Send a request frame; resolves with the `ack`, rejects with a RequestError. */
  request(type, fields = {}, { timeoutMs = REQUEST_TIMEOUT_MS } = {}) {
    if (!this.welcomed) {
      return Promise.reject(new RequestError('unavailable', 'Not connected; retrying shortly'));
    }
    const id = `r${this.nextId++}`;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new RequestError('unavailable', 'The server did not answer in time'));
      }, timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      this.raw({ type, id, ...fields });
    });
  }

  /** A frame that has no answer (`typing`, `read`); dropped when not connected. */
  notify(frame) {
    if (!this.welcomed) return false;
    return this.raw(frame);
  }

  // -- internals --------------------------------------------------------------------

  raw(frame) {
    try {
      this.ws.send(JSON.stringify(frame));
      return true;
    } catch {
      return false;
    }
  }

  connectNow() {
    clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.onStatus(this.everWelcomed ? 'reconnecting' : 'connecting');
    let ws;
    try {
      ws = new this.WebSocketImpl(this.url, [SUBPROTOCOL]);
    } catch {
      this.scheduleRetry(1006);
      return;
    }
    this.ws = ws;
    ws.onopen = () => this.raw(this.hello());
    ws.onmessage = (event) => this.receive(event.data);
    ws.onclose = (event) => {
      if (this.ws === ws) this.closed(event.code);
    };
    ws.onerror = () => {}; // a close event always follows
  }

  receive(data) {
    let frame;
    try {
      frame = JSON.parse(data);
    } catch {
      return; // not ours to crash on
    }
    if (!frame || typeof frame.type !== 'string') return;
    if (frame.type === 'welcome') {
      const resumed = this.everWelcomed;
      this.welcomed = true;
      this.everWelcomed = true;
      this.welcomedAt = Date.now();
      this.startHeartbeat();
      this.onStatus('connected');
      this.onWelcome(frame, { resumed });
      return;
    }
    if (frame.type === 'pong') {
      clearTimeout(this.pongTimer);
      this.pongTimer = null;
      return;
    }
    if ((frame.type === 'ack' || frame.type === 'error') && frame.id != null) {
      const waiting = this.pending.get(frame.id);
      if (waiting) {
        this.pending.delete(frame.id);
        clearTimeout(waiting.timer);
        if (frame.type === 'ack') waiting.resolve(frame);
        else {
          const { code, message, ...extra } = frame;
          waiting.reject(new RequestError(code || 'internal', message || 'Request failed', extra));
        }
        return;
      }
    }
    this.onFrame(frame);
  }

  startHeartbeat() {
    clearInterval(this.pingTimer);
    this.pingTimer = setInterval(() => {
      if (!this.welcomed || this.pongTimer) return;
      this.raw({ type: 'ping' });
      // A half-open socket never closes by itself: no pong in time means it is gone.
      this.pongTimer = setTimeout(() => this.closed(1006, true), PONG_WITHIN_MS);
    }, PING_EVERY_MS);
  }

  /** Forget the socket without waiting for its closing handshake. */
  drop(code, reason) {
    const ws = this.ws;
    this.ws = null;
    this.welcomed = false;
    clearInterval(this.pingTimer);
    clearTimeout(this.pongTimer);
    this.pingTimer = this.pongTimer = null;
    if (ws) {
      ws.onopen = ws.onmessage = ws.onclose = ws.onerror = null;
      try {
        ws.close(code, reason);
      } catch {
        /* already closed */
      }
    }
    for (const [, waiting] of this.pending) {
      clearTimeout(waiting.timer);
      waiting.reject(new RequestError('unavailable', 'Connection lost; retrying'));
    }
    this.pending.clear();
  }

  closed(code, dead = false) {
    const wasWelcomed = this.welcomed;
    const wasStable = wasWelcomed && Date.now() - this.welcomedAt >= STABLE_AFTER_MS;
    this.drop(dead ? 4000 : 1000, 'closing');
    if (this.stopped) return;
    if (code === CLOSE_UNAUTHORIZED) {
      this.stopped = true;
      this.onStatus('stopped');
      this.onFatal('unauthorized');
      return;
    }
    if (code === CLOSE_FORBIDDEN_ORIGIN) {
      this.stopped = true;
      this.onStatus('stopped');
      this.onFatal('forbidden_origin');
      return;
    }
    // A node restarting is not this client's fault: the first retry is prompt.
    if (wasStable || (wasWelcomed && code === CLOSE_RESTARTING)) this.attempt = 0;
    this.scheduleRetry(code);
  }

  scheduleRetry(code) {
    this.onStatus(this.everWelcomed ? 'reconnecting' : 'connecting');
    const prompt = (code === CLOSE_RESTARTING || code === CLOSE_GOING_AWAY) && this.attempt === 0;
    const delay = prompt ? promptDelay() : backoffDelay(this.attempt);
    this.attempt += 1;
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => this.connectNow(), delay);
  }
}
