/**
 * The launcher's unread badge and its chime: what counts, what the badge and the
 * launcher's label say, and when the chime may sound.
 *
 * Replies by people and assistants (agent, bot, ai) count while the panel is closed or the
 * page hidden; opening the panel on a visible page clears them (chat.js markRead). The
 * chime (shared/chime.js) sounds for each one counted, unless the host page turned it off
 * (`data-sound="off"`, `FlowSupport.setSound(false)`), and only once the visitor has
 * interacted with the page: browsers block audio before that anyway.
 */

import { playChime } from '../shared/chime.js';

const COUNTED = new Set(['agent', 'bot', 'ai']);

/**
 * Whether a message drawn counts as unread news for the visitor.
 * @param {{sender?: {kind?: string}, private?: boolean} | null | undefined} m
 */
export function counts(m) {
  return !!m && !m.private && COUNTED.has(String(m.sender?.kind));
}

/** @param {number} count */
export function badgeText(count) {
  return count > 9 ? '9+' : String(count);
}

/** @param {number} count the launcher's label says it in full */
export function unreadLabel(count) {
  return count === 1 ? '1 unread message' : `${count} unread messages`;
}

/**
 * `data-sound` of the script: "off" (or "false", "0") turns the chime off; on by default.
 * @param {string | null | undefined} value
 */
export function soundOption(value) {
  const v = (value || '').trim().toLowerCase();
  return !(v === 'off' || v === 'false' || v === '0' || v === 'no');
}

export class Chime {
  /**
   * @param {{enabled: boolean, play?: () => void, target?: EventTarget}} options target: where
   *   the visitor's first pointer or key press arms it (the document)
   */
  constructor({ enabled, play = playChime, target = globalThis.document }) {
    this.enabled = enabled;
    this.armed = false;
    this.play = play;
    const arm = () => {
      this.armed = true;
      for (const type of ['pointerdown', 'keydown']) target?.removeEventListener(type, arm, true);
    };
    for (const type of ['pointerdown', 'keydown']) target?.addEventListener(type, arm, true);
  }

  /** One more unread reply: sound, if allowed and the visitor has interacted. */
  ring() {
    if (this.enabled && this.armed) this.play();
  }
}
