/**
 * The visitor's messages on their way: shown at once as pending, kept in localStorage
 * (`outbox`) so a reload or an outage loses none, sent in order, one at a time, each always
 * with its first `client_msg_id` (PROTOCOL.md: the server stores it once, however often it
 * comes; "A client that got no ack resends with the same client_msg_id").
 */

import { uuid } from '../shared/ids.js';

/** @typedef {import("./socket.js").RequestError} RequestError */
/** @typedef {import("./socket.js").Socket} Socket */
/** @typedef {import("./view.js").View} View */
/** @typedef {import("./view.js").Message} Message */
/** @typedef {import("./storage.js").Store} Store */
/** @typedef {import("../shared/uploads.js").Upload} Upload */
/**
 * @typedef {{client_msg_id: string, body: string, attachments?: Upload[], restarted?: boolean}} Outgoing
 *   attachments: uploaded files going with it (their upload ids are sent)
 */
/**
 * What the outbox needs from the conversation.
 * @typedef {object} Conversation
 * @property {() => string | null} id
 * @property {() => Promise<boolean>} ensure start it if needed; true once it takes messages
 * @property {() => void} forget
 * @property {(m: Message) => void} stored the ack's message
 */

/** PROTOCOL.md `message.send`: body 1..8000 characters after trimming. */
export const MAX_BODY = 8000;
const RETRY_MS = 3000;
/** Errors after which sending the same message again cannot succeed. */
const PERMANENT = new Set(['bad_request', 'too_large', 'unauthorized', 'forbidden', 'conflict', 'not_found']);
const OFFLINE = 'Waiting for connection…';

export class Outbox {
  /**
   * @param {{store: Store, view: View, socket: Socket, conversation: Conversation,
   *   emit: (event: string, payload?: unknown) => void}} deps
   */
  constructor({ store, view, socket, conversation, emit }) {
    this.store = store;
    this.view = view;
    this.socket = socket;
    this.conversation = conversation;
    this.emit = emit;
    const saved = store.getJSON('outbox');
    /** @type {Outgoing[]} */
    this.items = Array.isArray(saved)
      ? saved.filter(
          (o) =>
            o &&
            typeof o.client_msg_id === 'string' &&
            typeof o.body === 'string' &&
            (o.attachments === undefined || Array.isArray(o.attachments)),
        )
      : [];
    this.flushing = false;
    this.holdTimer = 0;
  }

  /** Draw what a previous page left unsent. */
  restore() {
    for (const o of this.items) {
      this.view.addPending(o.client_msg_id, o.body, o.attachments);
      this.view.setPending(o.client_msg_id, { note: OFFLINE });
    }
  }

  /**
   * Queue a message and send it when possible.
   * @param {string} text
   * @param {Upload[]} [files] uploaded files going with it (then the text may be empty)
   * @returns {boolean} false when it cannot be sent (empty or too long)
   */
  add(text, files = []) {
    const body = text.trim();
    if ((!body && !files.length) || body.length > MAX_BODY) return false;
    /** @type {Outgoing} */
    const item = { client_msg_id: uuid(), body };
    if (files.length) item.attachments = files;
    this.items.push(item);
    this.save();
    this.view.addPending(item.client_msg_id, body, files);
    if (!this.socket.ready) this.view.setPending(item.client_msg_id, { note: OFFLINE });
    this.flush();
    return true;
  }

  save() {
    this.store.setJSON('outbox', this.items);
  }

  /**
   * The message with this client_msg_id is stored (its ack, or its message.created in a
   * replay after the ack was lost): it leaves the outbox.
   * @param {string} clientMsgId
   */
  delivered(clientMsgId) {
    const before = this.items.length;
    this.items = this.items.filter((o) => o.client_msg_id !== clientMsgId);
    if (this.items.length !== before) this.save();
  }

  /** Send in order, one at a time; a message that must wait holds the rest behind it. */
  async flush() {
    if (this.flushing) return;
    this.flushing = true;
    try {
      while (this.items.length && this.socket.ready && !this.holdTimer) {
        const item = this.items[0];
        if (!(await this.conversation.ensure())) {
          if (!this.conversation.id() && this.socket.ready) this.hold(RETRY_MS);
          break;
        }
        if (this.items[0] !== item) continue; // delivered meanwhile (seen in a replay)
        this.view.setPending(item.client_msg_id, { note: 'Sending…' });
        try {
          /** @type {import("./socket.js").Frame} */
          const frame = {
            type: 'message.send',
            conversation_id: this.conversation.id(),
            client_msg_id: item.client_msg_id,
            body: item.body,
          };
          if (item.attachments?.length) frame.attachments = item.attachments.map((f) => f.upload_id);
          const ack = await this.socket.request(frame);
          this.delivered(item.client_msg_id);
          this.conversation.stored(ack.message);
        } catch (error) {
          if (!this.refused(item, /** @type {RequestError} */ (error))) break;
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  /**
   * A send failed. Returns true to go on with the next message.
   * @param {Outgoing} item
   * @param {RequestError} error
   */
  refused(item, error) {
    const id = item.client_msg_id;
    if (error.code === 'disconnected') {
      this.view.setPending(id, { note: OFFLINE });
      return false; // resent after the reconnect
    }
    if (error.code === 'not_found' && !item.restarted) {
      item.restarted = true; // the conversation is gone: start a new one, once
      this.conversation.forget();
      return true;
    }
    if (PERMANENT.has(error.code)) {
      this.delivered(id);
      const note =
        error.code === 'too_large' ? 'Too long to send. Please shorten it.' : 'This message could not be sent.';
      this.view.setPending(id, { note, error: true, onDismiss: () => {} });
      this.emit('error', error);
      return true;
    }
    // rate_limited (PROTOCOL.md: retry after retry_after_ms), unavailable, internal
    const limited = error.code === 'rate_limited';
    this.view.setPending(id, {
      note: limited ? 'Sending too fast. Retrying shortly…' : 'Not sent yet. Retrying…',
      error: true,
    });
    this.hold(limited ? Number(error.retry_after_ms) || 1000 : RETRY_MS);
    return false;
  }

  /** @param {number} ms */
  hold(ms) {
    clearTimeout(this.holdTimer);
    this.holdTimer = window.setTimeout(() => {
      this.holdTimer = 0;
      this.flush();
    }, ms);
  }
}
