/**
 * Pure bookkeeping for PROTOCOL.md "Ordering and delivery" and the AI stream, kept apart
 * from sockets and DOM so it can be tested alone.
 */

/**
 * Tracks the conversation's event `seq` to detect gaps and to know what to resume from.
 *
 * `last` is the highest seq the client holds with nothing missing before it. Visitors never
 * see private notes or `ticket.created`, so their seq numbers skip those (README "Realtime"):
 * a jump is first treated as a gap (re-`subscribe` from `last`), and the `subscribe` ack's
 * `last_seq` then vouches for everything up to it, because the server replays every missing
 * event the visitor may see right after the ack, in order, before any newer live one.
 */
export class SeqTracker {
  constructor() {
    this.last = 0;
    /** Everything up to here arrives (or was confirmed hidden) through a subscribe replay. */
    this.until = 0;
  }

  /**
   * Start over for a new subscription.
   * @param {number} after the `after_seq` sent
   */
  reset(after) {
    this.last = after;
    this.until = after;
  }

  /**
   * A subscribe ack came: events up to `lastSeq` follow it in order.
   * @param {number} lastSeq
   */
  confirm(lastSeq) {
    this.until = Math.max(this.until, lastSeq);
  }

  /**
   * An event with this seq arrived.
   * @param {number} seq
   * @returns {"old" | "next" | "gap"} old: held already; next: in order; gap: events are missing
   */
  see(seq) {
    // A live event past the replayed range: the replay is complete, hidden seqs included.
    if (seq > this.until && this.last < this.until) this.last = this.until;
    if (seq <= this.last) return "old";
    if (seq === this.last + 1 || seq <= this.until) {
      this.last = seq;
      return "next";
    }
    return "gap";
  }
}

/**
 * One AI answer being streamed: `ai.delta` pieces joined in `index` order.
 * Duplicates are ignored; a piece that arrives early waits for the ones before it.
 */
export class AiStream {
  /**
   * @param {string} id stream_id
   * @param {number} [first] the first index expected (0 unless joining mid-answer)
   */
  constructor(id, first = 0) {
    this.id = id;
    this.next = first;
    this.text = "";
    /** @type {Map<number, string>} */
    this.early = new Map();
    /** The persisted message's id, once ai.done names it. @type {string | null} */
    this.messageId = null;
    /** ai.done reason, once it came. @type {string | null} */
    this.reason = null;
    /** Joined mid-answer: the start is missing, so only the stored message is shown. */
    this.partial = false;
    /** ai.done citations of a complete answer. @type {Array<{title?: string, url?: string}> | undefined} */
    this.citations = undefined;
  }

  /**
   * @param {number} index
   * @param {string} text
   * @returns {boolean} whether the visible text grew
   */
  push(index, text) {
    if (!Number.isInteger(index) || typeof text !== "string") return false;
    if (index < this.next || this.early.has(index)) return false;
    this.early.set(index, text);
    const before = this.text.length;
    let piece;
    while ((piece = this.early.get(this.next)) !== undefined) {
      this.early.delete(this.next);
      this.text += piece;
      this.next += 1;
    }
    return this.text.length !== before;
  }
}
