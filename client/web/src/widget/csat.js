/**
 * The rating the visitor sends (PROTOCOL.md additions, `csat.submit`): checked before it
 * goes, and the server's refusals worded for the visitor. Pure: no DOM, no socket.
 */

import { isRating } from './case.js';

export const MAX_COMMENT = 2000;
export const RATING_WORDS = ['', 'Very poor', 'Poor', 'Okay', 'Good', 'Great'];

/**
 * The `csat.submit` fields for a rating and an optional comment, or why they cannot go.
 * @param {string} conversationId
 * @param {unknown} rating
 * @param {string} [comment]
 * @returns {{frame: {type: string, conversation_id: string, rating: number, comment?: string}} | {error: string}}
 */
export function csatFrame(conversationId, rating, comment = '') {
  if (!isRating(rating)) return { error: 'Choose a rating from 1 to 5.' };
  const text = String(comment || '').trim();
  if (text.length > MAX_COMMENT)
    return { error: `Please shorten your comment to ${MAX_COMMENT.toLocaleString('en')} characters.` };
  /** @type {{type: string, conversation_id: string, rating: number, comment?: string}} */
  const frame = { type: 'csat.submit', conversation_id: conversationId, rating: /** @type {number} */ (rating) };
  if (text) frame.comment = text;
  return { frame };
}

/**
 * What to tell the visitor when `csat.submit` failed.
 * @param {{code?: string}} error a RequestError
 */
export function csatError(error) {
  switch (error.code) {
    case 'disconnected':
      return 'Not sent: the connection dropped. Please try again.';
    case 'rate_limited':
      return 'Too many tries. Please wait a moment and try again.';
    case 'not_found':
    case 'forbidden':
    case 'conflict':
      return 'This conversation can no longer be rated.';
    default:
      return 'Your rating could not be sent. Please try again.';
  }
}

/** "12 / 2,000": the comment counter. @param {number} length */
export function counter(length) {
  return `${length.toLocaleString('en')} / ${MAX_COMMENT.toLocaleString('en')}`;
}
