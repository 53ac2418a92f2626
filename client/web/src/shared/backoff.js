/**
 * The one reconnect policy of both web clients (PROTOCOL.md "Limits and closing"), as pure
 * functions.
 *
 * Full jitter: a delay drawn uniformly from [0, min(cap, base * 2^attempt)), so a fleet of
 * clients cut off by a restart does not come back in lockstep. A node restarting (1012) or
 * going away (1001) under a connection that had said hello is not the client's fault: it
 * comes back promptly, still jittered. 4001 and 4003 are final.
 */

export const BASE_MS = 500;
export const CAP_MS = 15000;
/** A connection that lived this long after `welcome` resets the backoff. */
export const STABLE_MS = 10000;

export const UNAUTHORIZED = 4001;
export const FORBIDDEN_ORIGIN = 4003;
/** Close codes after which reconnecting cannot help (a new token or another page is needed). */
export const FATAL_CODES = new Set([UNAUTHORIZED, FORBIDDEN_ORIGIN]);
/** 1001: the server goes away; 1012: it restarts (or shed a slow client): come back, to any node. */
export const GOING_AWAY = 1001;
export const RESTARTING = 1012;

/**
 * @param {number} attempt 0 for the first retry
 * @param {() => number} [random] uniform in [0, 1)
 * @returns {number} milliseconds
 */
export function backoffDelay(attempt, random = Math.random) {
  const ceiling = Math.min(CAP_MS, BASE_MS * 2 ** Math.min(attempt, 16));
  return Math.floor(random() * ceiling);
}

/**
 * A prompt comeback: 100-500 ms, jittered so a whole node's clients do not arrive at once.
 * @param {() => number} [random] uniform in [0, 1)
 * @returns {number} milliseconds
 */
export function promptDelay(random = Math.random) {
  return Math.round(100 + random() * 400);
}

/**
 * What a close leads to.
 * @param {{code: number, attempt: number, stable?: boolean, welcomed?: boolean}} close
 *   attempt: retries since the last stable connection; welcomed: the connection had its
 *   `welcome`; stable: it lived STABLE_MS after it
 * @param {() => number} [random] uniform in [0, 1)
 * @returns {{attempt: number, delay: number} | null} the attempt count to keep after this
 *   retry and the milliseconds to wait for it; null: do not reconnect
 */
export function reconnectAfter({ code, attempt, stable = false, welcomed = false }, random = Math.random) {
  if (FATAL_CODES.has(code)) return null;
  const prompt = welcomed && (code === RESTARTING || code === GOING_AWAY);
  const from = stable || prompt ? 0 : attempt;
  return { attempt: from + 1, delay: prompt ? promptDelay(random) : backoffDelay(from, random) };
}
