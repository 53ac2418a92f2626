/**
 * The WebSocket transport: `hello`/`welcome`, requests answered by `ack`/`error` with the
 * same `id`, heartbeats and reconnecting (PROTOCOL.md "Connecting", "Frame envelope",
 * "Limits and closing"). It knows nothing about conversations; the chat drives it.
 *
 * JSON text frames and no subprotocol: PROTOCOL.md gives such a client
 * `flowsupport.v1.json` behaviour.
 */

import { STABLE_MS, afterClose, backoffDelay } from "../shared/backoff.js";

/** @typedef {{type: string, [field: string]: any}} Frame */
/**
 * A failed request: the server's `error` frame, or `disconnected` when the connection went
 * before an answer came (the request may or may not have been carried out).
 * @typedef {{code: string, message: string, retry_after_ms?: number}} RequestError
 */
/**
 * @typedef {object} SocketOptions
 * @property {string} url
 * @property {() => Frame} hello the `hello` frame, built afresh for every connection
 * @property {(welcome: Frame) => void} onWelcome
 * @property {(frame: Frame) => void} onFrame every server frame that answers no request
 * @property {(down: {code: number, reason: string, retrying: boolean}) => void} onDown
 * @property {(reason: string) => boolean} onUnauthorized on close 4001: true when the
 *   credentials changed and a new attempt can succeed
 * @property {() => number} [random]
 */

/** Wait this long for any frame after our ping before calling the connection dead. */
const PONG_TIMEOUT_MS = 10000;
const DISCONNECTED = "disconnected";

export class Socket {
  /** @param {SocketOptions} options */
  constructor(options) {
    this.options = options;
    this.random = options.random || Math.random;
    /** @type {WebSocket | null} */
    this.ws = null;
    this.welcomedAt = 0;
    this.attempt = 0;
    this.stopped = false;
    this.started = false;
    this.requests = 0;
    /** @type {Map<string, {resolve: (ack: Frame) => void, reject: (error: RequestError) => void}>} */
    this.pending = new Map();
    this.heartbeatMs = 25000;
    this.retryTimer = 0;
    this.pingTimer = 0;
    this.pongTimer = 0;
  }

  /** Whether `welcome` came on the current connection. */
  get ready() {
    return this.welcomedAt > 0;
  }

  start() {
    if (this.started) return;
    this.started = true;
    window.addEventListener("online", () => this.retryNow());
    this.connect();
  }

  /** Credentials changed (identify): drop the connection and say hello again at once. */
  restart() {
    if (!this.started) return;
    this.stopped = false;
    this.attempt = 0;
    if (this.ws) this.closed(this.ws, 1000, "", "restart");
    this.connect();
  }

  /** The network is back: skip the rest of the backoff wait. */
  retryNow() {
    if (this.retryTimer) this.connect();
  }

  /**
   * Send a request and wait for its answer.
   * @param {Frame} frame without `id`
   * @returns {Promise<Frame>} the `ack`; rejects with a RequestError
   */
  request(frame) {
    return new Promise((resolve, reject) => {
      if (!this.ready) {
        reject({ code: DISCONNECTED, message: "not connected" });
        return;
      }
      const id = `r${++this.requests}`;
      this.pending.set(id, { resolve, reject });
      this.write({ ...frame, id });
    });
  }

  /**
   * Send a frame that gets no answer (typing, read).
   * @param {Frame} frame
   * @returns {boolean} false when not connected
   */
  send(frame) {
    if (!this.ready) return false;
    this.write(frame);
    return true;
  }

  // -- internals ----------------------------------------------------------------------

  connect() {
    clearTimeout(this.retryTimer);
    this.retryTimer = 0;
    if (this.stopped || this.ws) return;
    /** @type {WebSocket} */
    let ws;
    try {
      ws = new WebSocket(this.options.url);
    } catch {
      this.scheduleRetry(1006, "");
      return;
    }
    this.ws = ws;
    ws.onopen = () => this.write(this.options.hello());
    ws.onmessage = (event) => this.receive(ws, event.data);
    ws.onclose = (event) => this.closed(ws, event.code, event.reason);
  }

  /** @param {Frame} frame */
  write(frame) {
    const ws = this.ws;
    if (!ws || ws.readyState !== WebSocket.OPEN) return;
    ws.send(JSON.stringify(frame));
    if (this.ready) this.armPing();
  }

  /**
   * @param {WebSocket} ws
   * @param {unknown} data
   */
  receive(ws, data) {
    if (ws !== this.ws || typeof data !== "string") return;
    /** @type {Frame} */
    let frame;
    try {
      frame = JSON.parse(data);
    } catch {
      return;
    }
    if (!frame || typeof frame.type !== "string") return;
    clearTimeout(this.pongTimer);
    this.pongTimer = 0;
    if (!this.ready) {
      if (frame.type !== "welcome") return;
      this.welcomedAt = Date.now();
      this.heartbeatMs = Math.max(5, Number(frame.heartbeat_s) || 25) * 1000;
      this.armPing();
      this.options.onWelcome(frame);
      return;
    }
    const waiting = typeof frame.id === "string" ? this.pending.get(frame.id) : undefined;
    if (waiting && (frame.type === "ack" || frame.type === "error")) {
      this.pending.delete(frame.id);
      if (frame.type === "ack") waiting.resolve(frame);
      else waiting.reject({ code: String(frame.code), message: String(frame.message || ""), retry_after_ms: frame.retry_after_ms });
      return;
    }
    if (frame.type === "pong") return;
    this.options.onFrame(frame);
  }

  /** PROTOCOL.md "Connecting": clients may send `ping`; we do when idle for a heartbeat. */
  armPing() {
    clearTimeout(this.pingTimer);
    this.pingTimer = setTimeout(() => {
      this.write({ type: "ping" });
      const ws = this.ws;
      clearTimeout(this.pongTimer);
      this.pongTimer = setTimeout(() => {
        if (ws && ws === this.ws) this.closed(ws, 1006, "no answer to ping", "dead");
      }, PONG_TIMEOUT_MS);
    }, this.heartbeatMs);
  }

  /**
   * The connection ended (or we end it): fail what waits, then reconnect or stop.
   * @param {WebSocket} ws
   * @param {number} code
   * @param {string} reason
   * @param {"restart" | "dead"} [ending] we end it ourselves: to reconnect at once, or
   *   because it stopped answering (then it is treated like any lost connection)
   */
  closed(ws, code, reason, ending) {
    if (ws !== this.ws) return;
    ws.onopen = ws.onmessage = ws.onclose = null;
    if (ending) {
      try {
        ws.close(1000);
      } catch {
        // already closing
      }
    }
    this.ws = null;
    const stable = this.ready && Date.now() - this.welcomedAt >= STABLE_MS;
    this.welcomedAt = 0;
    clearTimeout(this.pingTimer);
    clearTimeout(this.pongTimer);
    const waiting = [...this.pending.values()];
    this.pending.clear();
    for (const { reject } of waiting) reject({ code: DISCONNECTED, message: "connection lost" });
    if (ending === "restart") return;
    if (code === 4001 && this.options.onUnauthorized(reason)) {
      this.attempt = 0;
      this.options.onDown({ code, reason, retrying: true });
      this.retryTimer = setTimeout(() => this.connect(), 0);
      return;
    }
    this.scheduleRetry(code, reason, stable);
  }

  /**
   * @param {number} code
   * @param {string} reason
   * @param {boolean} [stable] the connection lived long enough to reset the backoff
   */
  scheduleRetry(code, reason, stable = false) {
    const attempt = afterClose({ code, attempt: this.attempt, stable });
    if (attempt === null) {
      this.stopped = true;
      this.options.onDown({ code, reason, retrying: false });
      return;
    }
    this.attempt = attempt + 1;
    this.options.onDown({ code, reason, retrying: true });
    this.retryTimer = setTimeout(() => this.connect(), backoffDelay(attempt, this.random));
  }
}
