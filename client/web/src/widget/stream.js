/**
 * One AI answer being streamed into the widget: its text joined from `ai.delta` pieces
 * (shared/order.js), and what `ai.done` says of it.
 */

import { piecesFrom, piecesWith } from '../shared/order.js';

export class AiStream {
  /**
   * @param {string} id stream_id
   * @param {number} [first] the first index expected (0 unless joining mid-answer)
   */
  constructor(id, first = 0) {
    this.id = id;
    this.pieces = piecesFrom(first);
    /** The persisted message's id, once ai.done names it. @type {string | null} */
    this.messageId = null;
    /** ai.done reason, once it came. @type {string | null} */
    this.reason = null;
    /** Joined mid-answer: the start is missing, so only the stored message is shown. */
    this.partial = false;
    /** ai.done citations of a complete answer. @type {Array<{title?: string, url?: string}> | undefined} */
    this.citations = undefined;
  }

  /** The answer so far. */
  get text() {
    return this.pieces.text;
  }

  /**
   * @param {number} index
   * @param {string} text
   * @returns {boolean} whether the visible text grew
   */
  push(index, text) {
    const before = this.pieces;
    this.pieces = piecesWith(before, index, text);
    return this.pieces.text.length !== before.text.length;
  }
}
