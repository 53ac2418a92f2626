/**
 * The one PROTOCOL.md v1 client of the widget and the inbox: one WebSocket, `hello` first,
 * requests matched to their `ack` / `error` by `id`, a heartbeat, and reconnection with
 * the one backoff policy (backoff.js). It knows nothing about conversations: its user
 * builds the `hello`, re-subscribes in `onWelcome` (with `after_seq`, order.js) so nothing
 * is missed or doubled, and takes every frame that answers no request in `onFrame`.
 *
 * Heartbeat (PROTOCOL.md "Connecting"): the server's WebSocket pings are invisible to a
 * page, so after `heartbeat_s` without a frame from the server the client sends `ping`; a
 * connection that then stays silent for PONG_TIMEOUT_MS is half-open, and is dropped and
 * replaced like any lost one; so is one whose `welcome` does not come in WELCOME_TIMEOUT_MS.
 *
 * Statuses (`onStatus`): `connecting` (a socket is opening), `connected` (welcome came),
 * `offline` (it ended; a retry is scheduled), `failed` (it ended for good: 4003, or 4001
 * that `onUnauthorized` could not mend) and `stopped` (stop()).
 */

import { reconnectAfter, STABLE_MS, UNAUTHORIZED } from './backoff.js';
import { counter } from './ids.js';

export const SUBPROTOCOL = 'flowsupport.v1.json';
/** A request's local failure codes: not sent or no answer before the connection went (the
 * request may or may not have been carried out), or no answer in time. */
export const DISCONNECTED = 'disconnected';
export const TIMEOUT = 'timeout';

const OPEN = 1; // WebSocket.OPEN
const PONG_TIMEOUT_MS = 10000;
const WELCOME_TIMEOUT_MS = 15000; // the server closes a connection without hello after 10 s
const REQUEST_TIMEOUT_MS = 20000;
const DEFAULT_HEARTBEAT_S = 25;
/** Server codes after which the same request (same client_msg_id) may succeed later. */
const RETRYABLE = new Set([DISCONNECTED, TIMEOUT, 'unavailable', 'rate_limited', 'internal']);

/** What a request rejects with: the server's `error` frame, or a local failure. */
export class RequestError extends Error {
  /**
   * @param {string} code
   * @param {string} message
   * @param {{retry_after_ms?: number}} [extra]
   */
  constructor(code, message, extra = {}) {
    super(message);
    this.name = 'RequestError';
    this.code = code;
    /** @type {number | undefined} */
    this.retry_after_ms = extra.retry_after_ms;
  }

  /** Whether sending the same request again can succeed. */
  get retryable() {
    return RETRYABLE.has(this.code);
  }
}

/**
 * The WebSocket URL of a FlowSupport server: `ws://host/v1/ws` or `wss://…`.
 * @param {string} [base] its http(s) base URL; default: this page's origin
 */
export function socketUrl(base = globalThis.location.origin) {
  return `${base.replace(/^http/, 'ws').replace(/\/+$/, '')}/v1/ws`;
}

/** @typedef {{type: string, [field: string]: any}} Frame */
/** @typedef {'connecting' | 'connected' | 'offline' | 'failed' | 'stopped'} Status */
/** @typedef {{code?: number, reason?: string, delay?: number}} StatusDetail a close's code and reason; `offline`: the wait before the retry */
/**
 * @typedef {object} ClientOptions
 * @property {string} url
 * @property {() => Frame} hello the `hello` frame, built afresh for every connection
 * @property {(welcome: Frame, info: {resumed: boolean}) => void} onWelcome after every
 *   welcome; `resumed`: an earlier connection had one too
 * @property {(frame: Frame) => void} [onFrame] every server frame that answers no request
 * @property {(status: Status, detail: StatusDetail) => void} [onStatus]
 * @property {(reason: string) => boolean} [onUnauthorized] on close 4001: true when the
 *   credentials changed and an immediate new attempt can succeed (default: it is final)
 * @property {typeof WebSocket} [WebSocket] the WebSocket class (tests pass a fake)
 * @property {() => number} [random] uniform in [0, 1), for the jitter
 * @property {number} [requestTimeoutMs]
 */

export class RealtimeClient {
  /** @param {ClientOptions} options */
  constructor(options) {
    this.url = options.url;
    this.hello = options.hello;
    this.onWelcome = options.onWelcome;
    this.onFrame = options.onFrame || (() => {});
    this.onStatus = options.onStatus || (() => {});
    this.onUnauthorized = options.onUnauthorized || (() => false);
    this.WebSocket = options.WebSocket || globalThis.WebSocket;
    this.random = options.random || Math.random;
    this.requestTimeoutMs = options.requestTimeoutMs || REQUEST_TIMEOUT_MS;
    /** @type {WebSocket | null} */
    this.ws = null;
    this.active = false; // between start() and stop()
    this.halted = false; // a final close came; restart() may try again
    this.everConnected = false;
    this.welcomedAt = 0;
    this.heartbeatMs = DEFAULT_HEARTBEAT_S * 1000;
    this.attempt = 0;
    this.nextId = counter('r');
    /** @type {Map<string, {resolve: (ack: Frame) => void, reject: (error: RequestError) => void, timer: any}>} */
    this.pending = new Map();
    this.retryTimer = null;
    this.pingTimer = null;
    this.pongTimer = null;
    this.retryNow = this.retryNow.bind(this);
  }

  /** Whether `welcome` came on the current connection: requests can be sent. */
  get ready() {
    return this.welcomedAt > 0;
  }

  start() {
    if (this.active) return;
    this.active = true;
    globalThis.addEventListener?.('online', this.retryNow);
    this.connect();
  }

  /** Close and stay closed (signing out). */
  stop() {
    if (!this.active) return;
    this.active = false;
    globalThis.removeEventListener?.('online', this.retryNow);
    clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.detach();
    this.onStatus('stopped', {});
  }

  /** The credentials changed (a new identity): drop the connection and say hello again now. */
  restart() {
    if (!this.active) return;
    this.halted = false;
    this.attempt = 0;
    this.detach();
    this.connect();
  }

  /** The network is back: skip the rest of the backoff wait. */
  retryNow() {
    if (this.retryTimer) this.connect();
  }

  /**
   * Send a request and wait for its answer.
   * @param {Frame} frame without `id`
   * @param {{timeoutMs?: number}} [options]
   * @returns {Promise<Frame>} the `ack`; rejects with a RequestError
   */
  request(frame, { timeoutMs = this.requestTimeoutMs } = {}) {
    if (!this.ready) return Promise.reject(new RequestError(DISCONNECTED, 'Not connected; retrying shortly'));
    const id = this.nextId();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new RequestError(TIMEOUT, 'The server did not answer in time'));
      }, timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      this.write({ ...frame, id });
    });
  }

  /**
   * Send a frame that gets no answer (`typing`, `read`).
   * @param {Frame} frame
   * @returns {boolean} false when not connected
   */
  send(frame) {
    return this.ready && this.write(frame);
  }

  // -- internals ----------------------------------------------------------------------

  connect() {
    clearTimeout(this.retryTimer);
    this.retryTimer = null;
    if (!this.active || this.halted || this.ws) return;
    this.onStatus('connecting', {});
    /** @type {WebSocket} */
    let ws;
    try {
      ws = new this.WebSocket(this.url, [SUBPROTOCOL]);
    } catch {
      this.ended(1006, '', { welcomed: false, stable: false });
      return;
    }
    this.ws = ws;
    ws.onopen = () => {
      this.write(this.hello());
      // A server that takes the upgrade but never welcomes is as gone as a silent one.
      this.pongTimer = setTimeout(() => this.silent(), WELCOME_TIMEOUT_MS);
    };
    ws.onmessage = (event) => this.receive(ws, event.data);
    ws.onclose = (event) => {
      if (ws === this.ws) this.ended(event.code, event.reason || '', this.detach());
    };
    ws.onerror = () => {}; // a close event always follows
  }

  /**
   * @param {Frame} frame
   * @returns {boolean} whether it went out
   */
  write(frame) {
    const ws = this.ws;
    if (!ws || ws.readyState !== OPEN) return false;
    try {
      ws.send(JSON.stringify(frame));
      return true;
    } catch {
      return false;
    }
  }

  /**
   * @param {WebSocket} ws
   * @param {unknown} data
   */
  receive(ws, data) {
    if (ws !== this.ws || typeof data !== 'string') return;
    /** @type {Frame} */
    let frame;
    try {
      frame = JSON.parse(data);
    } catch {
      return; // not ours to crash on
    }
    if (!frame || typeof frame.type !== 'string') return;
    if (!this.ready) {
      if (frame.type !== 'welcome') return;
      const resumed = this.everConnected;
      this.everConnected = true;
      this.welcomedAt = Date.now();
      this.heartbeatMs = Math.max(5, Number(frame.heartbeat_s) || DEFAULT_HEARTBEAT_S) * 1000;
      this.heard();
      this.onStatus('connected', {});
      this.onWelcome(frame, { resumed });
      return;
    }
    this.heard();
    const waiting = typeof frame.id === 'string' ? this.pending.get(frame.id) : undefined;
    if (waiting && (frame.type === 'ack' || frame.type === 'error')) {
      this.pending.delete(frame.id);
      clearTimeout(waiting.timer);
      if (frame.type === 'ack') waiting.resolve(frame);
      else {
        const error = new RequestError(String(frame.code || 'internal'), String(frame.message || 'Request failed'), {
          retry_after_ms: Number(frame.retry_after_ms) || undefined,
        });
        waiting.reject(error);
      }
      return;
    }
    if (frame.type === 'pong') return;
    this.onFrame(frame);
  }

  /** The server spoke: it is alive; ping again after a heartbeat of silence. */
  heard() {
    clearTimeout(this.pongTimer);
    this.pongTimer = null;
    clearTimeout(this.pingTimer);
    if (!this.ready) return;
    this.pingTimer = setTimeout(() => {
      this.write({ type: 'ping', id: this.nextId() });
      // A half-open socket never closes by itself: no answer in time means it is gone.
      this.pongTimer = setTimeout(() => this.silent(), PONG_TIMEOUT_MS);
    }, this.heartbeatMs);
  }

  /** The server did not answer in time: drop the connection and replace it. */
  silent() {
    if (this.ws) this.ended(1006, 'no answer from the server', this.detach());
  }

  /**
   * Forget the socket (closing it if open) and fail what waits for an answer.
   * @returns {{welcomed: boolean, stable: boolean}} how the connection had been
   */
  detach() {
    const ws = this.ws;
    const welcomed = this.ready;
    const stable = welcomed && Date.now() - this.welcomedAt >= STABLE_MS;
    this.ws = null;
    this.welcomedAt = 0;
    clearTimeout(this.pingTimer);
    clearTimeout(this.pongTimer);
    this.pingTimer = this.pongTimer = null;
    if (ws) {
      ws.onopen = ws.onmessage = ws.onclose = ws.onerror = null;
      try {
        ws.close(1000);
      } catch {
        // already closing
      }
    }
    const waiting = [...this.pending.values()];
    this.pending.clear();
    for (const { reject, timer } of waiting) {
      clearTimeout(timer);
      reject(new RequestError(DISCONNECTED, 'Connection lost; retrying'));
    }
    return { welcomed, stable };
  }

  /**
   * The connection ended (or never opened): reconnect, or stop for good.
   * @param {number} code
   * @param {string} reason
   * @param {{welcomed: boolean, stable: boolean}} how
   */
  ended(code, reason, { welcomed, stable }) {
    if (!this.active) return;
    if (code === UNAUTHORIZED && this.onUnauthorized(reason)) {
      this.attempt = 0;
      this.onStatus('offline', { code, reason, delay: 0 });
      this.retryTimer = setTimeout(() => this.connect(), 0);
      return;
    }
    const next = reconnectAfter({ code, attempt: this.attempt, stable, welcomed }, this.random);
    if (!next) {
      this.halted = true;
      this.onStatus('failed', { code, reason });
      return;
    }
    this.attempt = next.attempt;
    this.onStatus('offline', { code, reason, delay: next.delay });
    this.retryTimer = setTimeout(() => this.connect(), next.delay);
  }
}
