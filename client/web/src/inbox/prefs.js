/**
 * This browser's preferences for one agent, kept in localStorage (nothing on the server):
 *
 * - `density`: 'comfortable' (the default) or 'compact', tighter lists and transcripts
 *   (the root element's `data-density`, which styles.css reads);
 * - `shortcuts`: whether single-key shortcuts (j, k, r, e, ...) are on. WCAG 2.1.4 asks for
 *   a way to turn off shortcuts made of one character key: speech input and stray key
 *   presses set them off. Escape keeps leaving a field either way;
 * - `notifyWaiting`, `notifyReplies`: desktop notifications for a conversation that starts
 *   waiting for a person, and for a customer's reply in this agent's own conversations
 *   (notifications.js; the browser's permission is asked for separately);
 * - `sound`: a chime with each of them (off unless chosen).
 */

export const DENSITIES = ['comfortable', 'compact'];
export const DEFAULT_PREFS = Object.freeze({
  density: 'comfortable',
  shortcuts: true,
  notifyWaiting: true,
  notifyReplies: true,
  sound: false,
});
const SWITCHES = ['shortcuts', 'notifyWaiting', 'notifyReplies', 'sound'];

const keyOf = (userId) => `flowsupport.inbox.prefs.${userId}`;

/** Anything read back (old, hand-edited, another version's) as a valid preferences object. */
export function normalizePrefs(raw) {
  const given = raw && typeof raw === 'object' ? raw : {};
  const prefs = { density: DENSITIES.includes(given.density) ? given.density : DEFAULT_PREFS.density };
  for (const key of SWITCHES) prefs[key] = typeof given[key] === 'boolean' ? given[key] : DEFAULT_PREFS[key];
  return prefs;
}

export function loadPrefs(userId, storage = globalThis.localStorage) {
  if (!userId || !storage) return { ...DEFAULT_PREFS };
  try {
    return normalizePrefs(JSON.parse(storage.getItem(keyOf(userId)) || 'null'));
  } catch {
    return { ...DEFAULT_PREFS };
  }
}

/** Stores them; false when the browser refuses (private mode, quota): they last the page. */
export function savePrefs(userId, prefs, storage = globalThis.localStorage) {
  try {
    storage.setItem(keyOf(userId), JSON.stringify(normalizePrefs(prefs)));
    return true;
  } catch {
    return false;
  }
}

/** What the page shows of them: the density on the root element. */
export function applyPrefs(prefs, root = globalThis.document?.documentElement) {
  if (root) root.dataset.density = normalizePrefs(prefs).density;
}
