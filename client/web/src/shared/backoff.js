/**
 * Reconnect policy (PROTOCOL.md "Limits and closing"), as pure functions.
 *
 * Full jitter: a delay drawn uniformly from [0, min(cap, base * 2^attempt)), so a fleet of
 * widgets cut off by a restart does not come back in lockstep.
 */

export const BASE_MS = 500;
export const CAP_MS = 15000;
/** A connection that lived this long after `welcome` resets the backoff. */
export const STABLE_MS = 10000;

/** Close codes after which reconnecting cannot help: the widget stops and says so. */
export const FATAL_CODES = new Set([4001, 4003]);
/** 1012: the server restarts (or shed a slow client): come back soon, to any node. */
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
 * Which backoff attempt a close leads to, or null to stop.
 * @param {{code: number, attempt: number, stable: boolean}} close
 *   attempt: retries since the last stable connection; stable: it lived STABLE_MS after welcome
 * @returns {number | null} the attempt number to draw the delay for; null: do not reconnect
 */
export function afterClose({ code, attempt, stable }) {
  if (FATAL_CODES.has(code)) return null;
  return stable || code === RESTARTING ? 0 : attempt;
}

/**
 * A node restarting (1012) or going away (1001): come back quickly, still jittered so a
 * whole node's clients do not arrive at once.
 * @param {() => number} [random] uniform in [0, 1)
 * @returns {number} milliseconds
 */
export function promptDelay(random = Math.random) {
  return Math.round(100 + random() * 400);
}
