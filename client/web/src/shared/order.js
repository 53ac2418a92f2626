/**
 * Ordering for both web clients (PROTOCOL.md "Ordering and delivery" and the AI stream), as
 * pure functions of immutable values: the widget keeps one per conversation in a field, the
 * inbox one per thread in its store.
 *
 * Seq tracking. `last` is the highest seq held with nothing missing before it: it is what a
 * (re)`subscribe` sends as `after_seq`, so the server replays exactly what is missing.
 * Events seen above a gap wait in `ahead` until the gap fills. A `subscribe` ack's
 * `last_seq` vouches for everything up to it (`until`): the server replays every missing
 * event the principal may see right after the ack, in order, before any newer live one, so
 * seqs a principal never sees (a visitor: private notes, `ticket.created`) are not gaps.
 */

/** @typedef {{last: number, until: number, ahead: number[]}} Seqs */
/** @typedef {'old' | 'next' | 'gap'} Verdict old: held already; next: in order; gap: events are missing before it */

/**
 * Tracking for a subscription from `after` (the `after_seq` sent, or a new conversation's last_seq).
 * @param {number} [after]
 * @returns {Seqs}
 */
export function seqsFrom(after = 0) {
  return { last: after, until: after, ahead: [] };
}

/**
 * A subscribe ack came: events up to `lastSeq` follow it in order.
 * @param {Seqs} seqs
 * @param {number} lastSeq
 * @returns {Seqs}
 */
export function seqsConfirmed(seqs, lastSeq) {
  if (!(lastSeq > seqs.until)) return seqs;
  return { ...seqs, until: lastSeq };
}

/**
 * An event with this seq arrived.
 * @param {Seqs} seqs
 * @param {unknown} seq
 * @returns {{seqs: Seqs, verdict: Verdict}}
 */
export function seqSeen(seqs, seq) {
  if (!Number.isInteger(seq)) return { seqs, verdict: 'old' };
  const n = /** @type {number} */ (seq);
  let { last, until, ahead } = seqs;
  // A live event past the replayed range: the replay is complete, hidden seqs included.
  if (n > until && last < until) last = until;
  let verdict = /** @type {Verdict} */ ('old');
  if (n > last && (n === last + 1 || n <= until)) {
    if (!ahead.includes(n)) verdict = 'next';
    last = n;
  } else if (n > last) {
    verdict = 'gap';
    if (!ahead.includes(n)) ahead = [...ahead, n].sort((a, b) => a - b);
  }
  // What waited above the gap follows on now.
  let i = 0;
  while (i < ahead.length && ahead[i] <= last + 1) last = Math.max(last, ahead[i++]);
  if (i) ahead = ahead.slice(i);
  if (last === seqs.last && until === seqs.until && ahead === seqs.ahead) return { seqs, verdict };
  return { seqs: { last, until, ahead }, verdict };
}

/**
 * Whether events are missing below the newest one held (subscribe again from `last`).
 * @param {Seqs} seqs
 */
export function seqsHaveGap(seqs) {
  return seqs.ahead.length > 0;
}

/**
 * One AI answer's text, from `ai.delta` pieces joined in `index` order (0, 1, 2, … with no
 * gaps: PROTOCOL.md). Repeats change nothing; a piece that arrives early waits for the
 * ones before it.
 * @typedef {{next: number, text: string, early: Record<number, string>}} Pieces
 */

/**
 * @param {number} [first] the first index expected (0 unless joining mid-answer)
 * @returns {Pieces}
 */
export function piecesFrom(first = 0) {
  return { next: first, text: '', early: {} };
}

/**
 * @param {Pieces} pieces
 * @param {unknown} index
 * @param {unknown} text
 * @returns {Pieces} the same object when nothing changed
 */
export function piecesWith(pieces, index, text) {
  if (!Number.isInteger(index) || typeof text !== 'string') return pieces;
  const at = /** @type {number} */ (index);
  if (at < pieces.next || Object.hasOwn(pieces.early, at)) return pieces;
  const early = { ...pieces.early, [at]: text };
  let { next, text: joined } = pieces;
  while (Object.hasOwn(early, next)) {
    joined += early[next];
    delete early[next];
    next += 1;
  }
  return { next, text: joined, early };
}
