/**
 * The widget's connection: the shared PROTOCOL.md client (shared/realtime.js), reporting
 * each end of a connection as `onDown`. It knows nothing about conversations; the chat
 * drives it.
 */

import { RealtimeClient } from '../shared/realtime.js';

/** @typedef {import('../shared/realtime.js').Frame} Frame */
/** @typedef {import('../shared/realtime.js').RequestError} RequestError */
/**
 * @typedef {object} SocketOptions
 * @property {string} url
 * @property {() => Frame} hello the `hello` frame, built afresh for every connection
 * @property {(welcome: Frame) => void} onWelcome
 * @property {(frame: Frame) => void} onFrame every server frame that answers no request
 * @property {(down: {code: number, reason: string, retrying: boolean}) => void} onDown
 *   a connection ended (or could not open); retrying: false when it was final (4001, 4003)
 * @property {(reason: string) => boolean} onUnauthorized on close 4001: true when the
 *   credentials changed and a new attempt can succeed
 */

export class Socket extends RealtimeClient {
  /** @param {SocketOptions} options */
  constructor({ onDown, ...options }) {
    super({
      ...options,
      onStatus: (status, { code = 1006, reason = '' }) => {
        if (status === 'offline' || status === 'failed') onDown({ code, reason, retrying: status === 'offline' });
      },
    });
  }
}
