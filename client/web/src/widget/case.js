/**
 * What the widget shows of the case (issue 13), from the server's state only: the
 * conversation object (subscribe ack, `conversation.updated`, request acks) and the log's
 * system messages with `event` (PROTOCOL.md "Additions to v1"). Nothing here guesses from
 * what the visitor clicked. Pure: no DOM, no socket.
 */

/** The system message `event`s the widget understands, and its own mark for a person's reply. */
const KEYS = ['escalated', 'agent_joined', 'resolved', 'reopened', 'csat_requested', 'person'];

/** @typedef {Record<string, number>} Marks the latest seq of each event, 0 for none */
/**
 * @typedef {"offer" | "waiting" | "person" | "resolved" | "closed"} Handoff
 *   offer: "Talk to a person"; waiting: "A person will join shortly"; person: one is in the
 *   chat (no control); resolved / closed: the case is done (writing reopens it, server-side)
 */
/** @typedef {{mode: "ask"} | {mode: "thanks", rating: number, comment: string}} Csat */

/** @returns {Marks} */
export function newMarks() {
  return Object.fromEntries(KEYS.map((k) => [k, 0]));
}

/**
 * Note what a message says about the case: a system event, or an agent's reply.
 * @param {Marks} marks changed in place
 * @param {{seq: number, sender: {kind: string}, event?: string}} m
 * @returns {boolean} whether anything changed
 */
export function mark(marks, m) {
  const key = m.sender.kind === 'system' ? m.event : m.sender.kind === 'agent' ? 'person' : '';
  if (!key || !KEYS.includes(key) || !(m.seq > marks[key])) return false;
  marks[key] = m.seq;
  return true;
}

/**
 * @param {{status?: string, assignee_id?: string | null, csat?: any, resolved_at?: string | null} | null} c
 * @param {Marks} marks
 * @param {number} statusSeq the seq the conversation object is as of
 * @returns {{handoff: Handoff, csat: Csat | null, at: number}} `at`: where the rating goes in the log
 */
export function caseState(c, marks, statusSeq) {
  const status = c?.status || 'open';
  const person = Math.max(marks.person, marks.agent_joined);
  /** @type {Handoff} */
  let handoff = 'offer';
  if (status === 'resolved' || status === 'closed') handoff = status;
  // Escalated: waiting until a person joins or replies after the (latest) escalation.
  else if (status === 'waiting_human') handoff = person > marks.escalated ? 'person' : 'waiting';
  // Pending (set by a person), assigned, or a person spoke since the case last turned.
  else if (status === 'pending' || c?.assignee_id || person > Math.max(marks.resolved, marks.reopened))
    handoff = 'person';
  return { handoff, csat: csatState(c, marks, statusSeq), at: marks.csat_requested || statusSeq };
}

/**
 * The rating: asked by a `csat_requested` event of this resolution (its status update may
 * still be on its way), or a resolved conversation without a rating for this resolution
 * (a server that sets `resolved_at`, so one that takes `csat.submit`).
 * @param {Parameters<typeof caseState>[0]} c
 * @param {Marks} marks
 * @param {number} statusSeq
 * @returns {Csat | null}
 */
function csatState(c, marks, statusSeq) {
  if (!c) return null;
  const done = c.status === 'resolved' || c.status === 'closed';
  const asked = marks.csat_requested > marks.reopened && (done || statusSeq < marks.csat_requested);
  if (!asked && !(c.status === 'resolved' && c.resolved_at)) return null;
  const r = c.csat;
  const earlier = r && c.resolved_at && r.at && Date.parse(r.at) < Date.parse(c.resolved_at);
  if (r && isRating(r.rating) && !earlier)
    return { mode: 'thanks', rating: r.rating, comment: String(r.comment || '') };
  return { mode: 'ask' };
}

/** @param {unknown} n */
export function isRating(n) {
  return Number.isInteger(n) && /** @type {number} */ (n) >= 1 && /** @type {number} */ (n) <= 5;
}

/** The line a system event shows when its message has no text of its own. */
export const EVENT_TEXT = {
  escalated: 'A person will join shortly',
  agent_joined: 'A person joined the conversation',
  resolved: 'This conversation was resolved',
  reopened: 'Reopened',
  csat_requested: 'How would you rate this conversation?',
};
