/**
 * Typing indicators both ways (PROTOCOL.md `typing`). Out: `state: true` at most every 3 s
 * while the visitor types, `false` after 5 s idle or on send. In: who types, each hidden
 * after `false` or 6 s without news.
 */

/** @typedef {import("./socket.js").Frame} Frame */
/** @typedef {import("./socket.js").Socket} Socket */

const EVERY_MS = 3000;
const IDLE_MS = 5000;
const SHOWN_MS = 6000;

/**
 * The label of a participant in "… is typing".
 * @param {{kind?: string, name?: string}} p
 */
function who(p) {
  return p.kind === 'ai' ? 'Assistant' : p.name || (p.kind === 'bot' ? 'Bot' : 'An agent');
}

/**
 * "Ada is typing…", "Ada and Bob are typing…"; null when nobody does.
 * @param {string[]} names
 * @returns {string | null}
 */
export function typingLine(names) {
  if (names.length === 0) return null;
  if (names.length === 1) return `${names[0]} is typing…`;
  if (names.length === 2) return `${names[0]} and ${names[1]} are typing…`;
  return 'Several people are typing…';
}

export class Typing {
  /**
   * @param {Socket} socket
   * @param {() => void} changed who types changed
   */
  constructor(socket, changed) {
    this.socket = socket;
    this.changed = changed;
    /** @type {Map<string, {name: string, timer: number}>} */
    this.typers = new Map();
    this.sentAt = 0;
    this.on = false;
    this.idle = 0;
  }

  /** Names of those typing now. */
  names() {
    return [...this.typers.values()].map((t) => t.name);
  }

  /** @param {Frame} f a `typing` frame of the current conversation */
  received(f) {
    const p = f.participant || {};
    if (!p.id || p.kind === 'visitor') return;
    this.stopped(p.id);
    if (f.state) {
      const timer = window.setTimeout(() => this.stopped(p.id), SHOWN_MS);
      this.typers.set(p.id, { name: who(p), timer });
      this.changed();
    }
  }

  /** @param {string} id this participant stopped (or sent its message) */
  stopped(id) {
    const t = this.typers.get(id);
    if (!t) return;
    clearTimeout(t.timer);
    this.typers.delete(id);
    this.changed();
  }

  clear() {
    for (const id of [...this.typers.keys()]) this.stopped(id);
    clearTimeout(this.idle);
    this.on = false;
    this.sentAt = 0;
  }

  /**
   * The visitor edited the composer.
   * @param {string | null} conversationId null: nowhere to type in yet
   * @param {boolean} hasText
   */
  typed(conversationId, hasText) {
    clearTimeout(this.idle);
    if (!hasText) return this.stop(conversationId);
    if (!conversationId || !this.socket.ready) return;
    const now = Date.now();
    if (now - this.sentAt >= EVERY_MS) {
      this.socket.send({ type: 'typing', conversation_id: conversationId, state: true });
      this.sentAt = now;
      this.on = true;
    }
    this.idle = window.setTimeout(() => this.stop(conversationId), IDLE_MS);
  }

  /** @param {string | null} conversationId */
  stop(conversationId) {
    clearTimeout(this.idle);
    if (this.on && conversationId) this.socket.send({ type: 'typing', conversation_id: conversationId, state: false });
    this.on = false;
    this.sentAt = 0;
  }
}
