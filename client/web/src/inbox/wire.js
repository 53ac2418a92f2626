/**
 * The inbox's one connection (shared/realtime.js) and the two ways to use it: `request`
 * (answered by an ack) and `notify` (no answer). The lowest of the inbox's network
 * modules: whatever sends a frame imports this, and this imports nothing of the inbox.
 * live.js opens it with the frame handlers (frames.js, handed in by session.js), so the
 * modules that handle frames and the ones that send them never import each other in a loop.
 */

import { DISCONNECTED, RealtimeClient, RequestError } from '../shared/realtime.js';

/** @typedef {import('../shared/realtime.js').Frame} Frame */
/** @typedef {Record<string, (frame: Frame) => void>} Handlers frame type -> its handler */

/** @type {RealtimeClient | null} */
let client = null;
let handlingFrame = false;

/** Whether a server frame is being applied now (main.js batches those renders per frame). */
export function inNetworkFrame() {
  return handlingFrame;
}

/**
 * Open the connection (closing the one before). Frame types without a handler are ignored:
 * v1 servers may add frame types.
 * @param {Omit<import('../shared/realtime.js').ClientOptions, 'onFrame'> & {handlers: Handlers}} options
 */
export function openWire({ handlers, ...options }) {
  closeWire();
  client = new RealtimeClient({
    ...options,
    onFrame: (frame) => {
      const handle = Object.hasOwn(handlers, frame.type) ? handlers[frame.type] : null;
      if (!handle) return;
      handlingFrame = true;
      try {
        handle(frame);
      } finally {
        handlingFrame = false;
      }
    },
  });
  client.start();
}

export function closeWire() {
  const closing = client;
  client = null;
  closing?.stop();
}

/** Whether requests can be sent now (welcomed on the current connection). */
export function connected() {
  return !!client && client.ready;
}

/** Whether a connection of this session was welcomed before (a drop is a reconnect). */
export function everConnected() {
  return !!client && client.everConnected;
}

/**
 * @param {string} type
 * @param {Record<string, unknown>} [fields]
 * @param {{timeoutMs?: number}} [options]
 * @returns {Promise<Frame>} the ack; rejects with a RequestError
 */
export function request(type, fields = {}, options = {}) {
  if (!client) return Promise.reject(new RequestError(DISCONNECTED, 'Not connected'));
  return client.request({ ...fields, type }, options);
}

/**
 * A frame that has no answer (`typing`, `read`).
 * @param {Frame} frame
 * @returns {boolean} false when not connected (dropped)
 */
export function notify(frame) {
  return client ? client.send(frame) : false;
}
