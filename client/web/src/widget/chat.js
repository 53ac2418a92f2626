/**
 * The visitor's side of PROTOCOL.md: the conversation shown (one of the visitor's, listed by
 * `conversations.list`; a new one started by the next message), resumed by `seq`, an
 * outbox that survives reloads, AI answers streamed, typing, read state, handoff and the
 * case's state (case.js: from the conversation object and the log's system events) with
 * its rating (`csat.submit`).
 *
 * State lives here; the view draws it and the socket moves frames. Section names in the
 * comments are PROTOCOL.md's.
 */

import { uuid } from '../shared/ids.js';
import { seqSeen, seqsConfirmed, seqsFrom } from '../shared/order.js';
import { counts } from './badge.js';
import { caseState, mark, newMarks } from './case.js';
import { csatError, csatFrame } from './csat.js';
import { rowsOf } from './history.js';
import { Outbox } from './outbox.js';
import { Socket } from './socket.js';
import { AiStream } from './stream.js';
import { Typing, typingLine } from './typing.js';

/** @typedef {import("./socket.js").Frame} Frame */
/** @typedef {import("./socket.js").RequestError} RequestError */
/** @typedef {import("./view.js").Message} Message */
/** @typedef {import("./view.js").View} View */
/** @typedef {import("./storage.js").Store} Store */
/** @typedef {{external_id: string, email?: string, name?: string, hmac: string}} Identity */

export const CLIENT = 'flowsupport-widget/0.1';
const READ_EVERY_MS = 1000;
const RETRY_MS = 3000;

export class Chat {
  /**
   * @param {{widgetKey: string, wsUrl: string, server: string, store: Store, view: View,
   *   emit: (event: string, payload?: unknown) => void,
   *   capture?: import("./capture.js").EmailCapture}} deps capture: the e-mail prompt
   */
  constructor({ widgetKey, wsUrl, server, store, view, emit, capture }) {
    this.capture = capture || null;
    this.widgetKey = widgetKey;
    this.server = server;
    this.store = store;
    this.view = view;
    this.emit = emit;
    /** @type {Identity | null} */
    this.identity = null;
    this.state = 'connecting'; // connecting | online | offline | error
    this.agentsOnline = 0;
    this.open = false;

    this.conversationId = store.get('conversation');
    /** @type {Frame | null} */
    this.conversation = null;
    this.conversationSeq = -1; // the seq the conversation object is as of
    this.order = seqsFrom(0); // the conversation's seq tracking (shared/order.js)
    this.maxSeq = 0;
    this.subscribed = false; // on the current connection
    this.resyncing = false;
    /** @type {Promise<boolean> | null} */
    this.starting = null;
    /** @type {Set<string>} */
    this.ids = new Set();
    /** @type {Set<number>} */
    this.seqs = new Set();

    this.handoffWanted = false;
    this.marks = newMarks(); // the log's case events (case.js)
    /** @type {Map<string, AiStream>} */
    this.streams = new Map();

    /** @type {{id: string, seq: number} | null} */
    this.visitorLast = null;
    this.readBy = 0; // highest seq a person (agent, bot) has read
    this.readSent = 0;
    this.readAt = 0;
    this.readTimer = 0;
    this.seen = Number(store.get('seen')) || 0; // highest seq shown to the visitor while open
    this.unread = 0;
    /** @type {((token: string | null) => void)[]} waiting for a welcome (visitorToken) */
    this.tokenWaiters = [];

    this.socket = new Socket({
      url: wsUrl,
      hello: () => this.hello(),
      onWelcome: (welcome) => this.welcomed(welcome),
      onFrame: (frame) => this.received(frame),
      onDown: (down) => this.down(down),
      onUnauthorized: () => this.unauthorized(),
    });
    this.typing = new Typing(this.socket, () => this.showTyping());
    this.outbox = new Outbox({
      store,
      view,
      socket: this.socket,
      emit,
      conversation: {
        id: () => this.conversationId,
        ensure: () => this.ensureConversation(),
        forget: () => this.forget(),
        stored: (m) => this.stored(m),
      },
    });
  }

  start() {
    this.outbox.restore();
    this.status();
    this.socket.start();
  }

  // -- connecting ------------------------------------------------------------------------

  /** @returns {Frame} */
  hello() {
    /** @type {Frame} */
    const frame = { type: 'hello', widget_key: this.widgetKey, client: CLIENT };
    const token = this.store.get('visitor_token');
    if (token) frame.visitor_token = token;
    if (this.identity) frame.identity = this.identity;
    frame.context = pageContext();
    return frame;
  }

  /** @param {Frame} welcome */
  welcomed(welcome) {
    if (typeof welcome.visitor_token === 'string') this.store.set('visitor_token', welcome.visitor_token);
    for (const resolve of this.tokenWaiters.splice(0)) resolve(this.store.get('visitor_token'));
    this.state = 'online';
    this.view.setUnavailable(null);
    this.subscribed = false;
    this.resyncing = false;
    // ai.delta frames are live-only: an answer cut by the disconnect cannot be completed;
    // its stored message (or a fresh stream) comes with the resubscription.
    for (const id of [...this.streams.keys()]) this.dropStream(id);
    this.status();
    this.emit('ready', { visitor_id: welcome.principal?.id ?? null });
    this.capture?.welcomed();
    if (this.conversationId) this.subscribe();
    else this.synced();
  }

  /**
   * The visitor token, the bearer for uploads (PROTOCOL.md additions), once this connection
   * is welcomed: a file attached before that waits for it.
   * @returns {Promise<string | null>}
   */
  visitorToken() {
    if (this.socket.ready) return Promise.resolve(this.store.get('visitor_token'));
    return new Promise((resolve) => this.tokenWaiters.push(resolve));
  }

  /** @param {{code: number, reason: string, retrying: boolean}} down */
  down({ code, reason, retrying }) {
    this.state = retrying ? 'offline' : 'error';
    this.subscribed = false;
    this.resyncing = false;
    this.typing.clear();
    this.status();
    if (!retrying) {
      const forbidden = code === 4003;
      const message = forbidden
        ? 'This site is not allowed to use this chat.'
        : 'The chat could not be started. Please try again later.';
      this.view.setUnavailable(message);
      this.view.setHandoffBusy(false);
      this.emit('error', {
        code: forbidden ? 'forbidden' : 'unauthorized',
        message: this.identity && !forbidden ? `identity not accepted: ${reason}` : reason || message,
      });
    }
  }

  /**
   * Close 4001. A stale or foreign visitor token is dropped and we come back as a new
   * visitor; a refused identity is the host page's error to fix, so we stop.
   */
  unauthorized() {
    if (this.identity || !this.store.get('visitor_token')) return false;
    this.store.set('visitor_token', null);
    return true;
  }

  /** @param {Identity} identity */
  identify(identity) {
    if (JSON.stringify(identity) === JSON.stringify(this.identity)) return;
    this.identity = identity;
    this.socket.restart();
  }

  status() {
    const { view, state } = this;
    if (state === 'error') view.setStatus('Chat unavailable', 'error');
    else if (state === 'offline') view.setStatus('Reconnecting…', 'offline');
    else if (this.agentsOnline > 0) view.setStatus('An agent is online', 'online');
    else view.setStatus('We usually reply in a few minutes', 'idle');
  }

  // -- the conversation ------------------------------------------------------------------

  /** "Ordering and delivery": (re)subscribe from the last seq held; 0 replays everything. */
  async subscribe() {
    const id = /** @type {string} */ (this.conversationId);
    const after = this.order.last;
    this.resyncing = true;
    /** @type {Frame} */
    let ack;
    try {
      ack = await this.socket.request({ type: 'subscribe', conversation_id: id, after_seq: after });
    } catch (error) {
      this.resyncing = false;
      const { code } = /** @type {RequestError} */ (error);
      if (id !== this.conversationId || code === 'disconnected') return;
      if (code === 'not_found' || code === 'forbidden') {
        this.forget(); // another visitor's, or gone: the next message starts afresh
        this.synced();
      } else {
        setTimeout(
          () => this.socket.ready && !this.resyncing && id === this.conversationId && this.subscribe(),
          RETRY_MS,
        );
      }
      return;
    }
    this.resyncing = false;
    if (id !== this.conversationId) return;
    const lastSeq = Number(ack.last_seq) || 0;
    this.order = seqsConfirmed(this.order, lastSeq);
    this.subscribed = true;
    this.adoptState(ack.conversation, lastSeq);
    if (ack.truncated) this.pageOlder(id, after, lastSeq);
    this.synced();
  }

  /** Connected and caught up: send what waits. */
  synced() {
    this.outbox.flush();
    this.markRead();
    if (this.handoffWanted) this.handoff();
  }

  /**
   * One subscribe replays at most 1,000 events; older ones page over HTTP with the visitor
   * token as bearer. Best effort: the server must allow this page's origin (CORS).
   * @param {string} id
   * @param {number} after
   * @param {number} lastSeq
   */
  async pageOlder(id, after, lastSeq) {
    const token = this.store.get('visitor_token');
    const stop = lastSeq - 1000;
    try {
      while (token && after < stop && id === this.conversationId) {
        const url = `${this.server}/v1/conversations/${encodeURIComponent(id)}/messages?after_seq=${after}&limit=1000`;
        const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
        if (!response.ok) return;
        const page = await response.json();
        for (const m of page.messages || []) if (m.seq <= stop) this.message(m);
        if (page.next_after_seq == null) return;
        after = page.next_after_seq;
      }
    } catch {
      // the log simply starts later
    }
  }

  /** Start the conversation if there is none; true once it can take messages. */
  ensureConversation() {
    if (this.conversationId) return Promise.resolve(this.subscribed);
    if (!this.starting) {
      // One key until a conversation is known, kept across reloads: a start whose ack was
      // lost, asked again, returns the conversation it made (PROTOCOL.md `client_conv_id`).
      let key = this.store.get('start_key');
      if (!key) {
        key = uuid();
        this.store.set('start_key', key);
      }
      this.starting = this.socket
        .request({ type: 'conversation.start', client_conv_id: key })
        .then(
          (ack) => {
            const c = ack.conversation;
            this.conversationId = c.id;
            this.store.set('conversation', c.id);
            this.store.set('start_key', null); // the next conversation gets a key of its own
            // "The principal that starts a conversation is subscribed to it at once."
            this.order = seqsFrom(Number(c.last_seq) || 0);
            this.subscribed = true;
            this.adoptState(c, Number(c.last_seq) || 0);
            return true;
          },
          (/** @type {RequestError} */ error) => {
            if (error.code !== 'disconnected') this.emit('error', error);
            return false;
          },
        )
        .finally(() => {
          this.starting = null;
        });
    }
    return this.starting;
  }

  /** Forget the conversation: its id, what was drawn of it and what was read. */
  forget() {
    this.conversationId = null;
    this.store.set('conversation', null);
    this.store.set('seen', null);
    this.conversation = null;
    this.conversationSeq = -1;
    this.order = seqsFrom(0);
    this.maxSeq = this.seen = this.readBy = this.readSent = 0;
    this.subscribed = false;
    this.ids.clear();
    this.seqs.clear();
    this.marks = newMarks();
    this.visitorLast = null;
    for (const id of [...this.streams.keys()]) this.dropStream(id);
    this.view.clearMessages();
    this.capture?.reset();
    this.showCase();
  }

  /**
   * The conversation object from an ack or `conversation.updated`, if it is newer.
   * @param {Frame | undefined} c
   * @param {number} atSeq
   */
  adoptState(c, atSeq) {
    if (!c || c.id !== this.conversationId || atSeq < this.conversationSeq) return;
    this.conversation = c;
    this.conversationSeq = atSeq;
    this.showCase();
  }

  /** Draw the case as the server has it: the handoff control or banner, and the rating. */
  showCase() {
    const state = caseState(this.conversation, this.marks, this.conversationSeq);
    this.view.setCase(state.handoff);
    this.view.setCsat(this.conversationId ? state.csat : null, state.at);
  }

  // -- the visitor's other conversations (PROTOCOL.md additions: conversations.list) -----

  /** Fetch the visitor's conversations for the list (newest first). */
  async listConversations() {
    try {
      const ack = await this.socket.request({ type: 'conversations.list' });
      this.view.setConversations(rowsOf(ack.conversations), this.conversationId);
    } catch {
      this.view.setConversations(null, this.conversationId);
    }
  }

  /**
   * Show another of the visitor's conversations: leave this one, then subscribe to that one
   * from seq 0, so its whole history is replayed. Messages still waiting in the outbox stay
   * drawn and go to the conversation shown.
   * @param {string} id
   */
  switchTo(id) {
    if (id === this.conversationId) return;
    this.leave();
    this.conversationId = id;
    this.store.set('conversation', id);
    if (this.socket.ready) this.subscribe();
  }

  /** "New conversation": leave this one; the next message (or handoff) starts a fresh one. */
  startNew() {
    if (!this.conversationId) return;
    this.leave();
  }

  /** Stop following the shown conversation and forget what was drawn of it. */
  leave() {
    const id = this.conversationId;
    if (id && this.subscribed) {
      this.typing.stop(id);
      this.socket.request({ type: 'unsubscribe', conversation_id: id }).catch(() => {});
    }
    this.handoffWanted = false;
    this.view.setHandoffBusy(false);
    this.forget();
  }

  // -- frames from the server ------------------------------------------------------------

  /** @param {Frame} f */
  received(f) {
    switch (f.type) {
      case 'message.created':
      case 'conversation.updated':
      case 'ticket.created':
        return this.event(f);
      case 'ai.started':
      case 'ai.delta':
      case 'ai.done':
        return this.ai(f);
      case 'typing':
        if (f.conversation_id === this.conversationId) this.typing.received(f);
        return;
      case 'read':
        if (f.conversation_id === this.conversationId && f.participant?.kind !== 'visitor') {
          this.readBy = Math.max(this.readBy, Number(f.seq) || 0);
          this.updateSeen();
        }
        return;
      case 'presence':
        this.agentsOnline = Number(f.agents_online) || 0;
        this.capture?.presence(this.agentsOnline);
        return this.status();
      case 'error':
        return this.emit('error', { code: f.code, message: f.message });
      default:
        return; // v1 grows by new frame types: ignore what we do not know
    }
  }

  /**
   * A persisted event: check the seq for gaps, then apply it.
   * @param {Frame} f
   */
  event(f) {
    if (f.conversation_id !== this.conversationId || !Number.isInteger(f.seq)) return;
    const seen = seqSeen(this.order, f.seq);
    this.order = seen.seqs;
    if (seen.verdict === 'gap' && !this.resyncing && this.subscribed) this.subscribe();
    this.maxSeq = Math.max(this.maxSeq, f.seq);
    if (f.type === 'message.created') this.message(f.message);
    else if (f.type === 'conversation.updated') this.adoptState(f.conversation, f.seq);
    this.markRead();
  }

  /**
   * The ack of the visitor's message. Written to a closed conversation, it went to a new one
   * linked to it (the message names it): follow that one from its start.
   * @param {Message & {conversation_id?: string}} m
   */
  stored(m) {
    const moved = m?.conversation_id;
    if (!moved || !this.conversationId || moved === this.conversationId) return this.message(m);
    this.forget();
    this.conversationId = moved;
    this.store.set('conversation', moved);
    if (this.socket.ready) this.subscribe();
  }

  /**
   * Draw a message once (by id and by seq), in seq order.
   * @param {Message} m
   */
  message(m) {
    if (!m || typeof m.id !== 'string' || !m.sender || m.private) return;
    const kind = m.sender.kind;
    if (kind === 'visitor' && m.client_msg_id) this.outbox.delivered(m.client_msg_id);
    if (this.ids.has(m.id) || this.seqs.has(m.seq)) return;
    this.ids.add(m.id);
    this.seqs.add(m.seq);
    let citations = m.citations;
    if (kind === 'ai') {
      for (const s of [...this.streams.values()]) {
        // The answer being streamed is stored now: its bubble gives way to the message.
        if (s.messageId === m.id || s.id === m.client_msg_id || (s.reason && !s.messageId)) {
          citations = citations || s.citations;
          this.dropStream(s.id);
        }
      }
    }
    this.view.addMessage(m, citations);
    if (mark(this.marks, m)) this.showCase();
    if (m.sender.id) this.typing.stopped(m.sender.id);
    if (kind === 'visitor') {
      if (!this.visitorLast || m.seq > this.visitorLast.seq) this.visitorLast = { id: m.id, seq: m.seq };
      this.capture?.visitorMessage(m);
    } else if (counts(m) && !this.attended() && m.seq > this.seen) {
      // The launcher's badge (badge.js): replies while the panel is closed or the page hidden.
      this.unread += 1;
      this.view.setUnread(this.unread);
      this.emit('unread', { count: this.unread });
    }
    this.updateSeen();
    this.emit('message', m);
  }

  updateSeen() {
    const last = this.visitorLast;
    this.view.setSeen(last && this.readBy >= last.seq ? last.id : null);
  }

  // -- AI answers ("Server to client": ai.started, ai.delta, ai.done) -------------------

  /** @param {Frame} f */
  ai(f) {
    if (f.conversation_id !== this.conversationId || typeof f.stream_id !== 'string') return;
    let s = this.streams.get(f.stream_id);
    if (!s && f.type === 'ai.done') return; // nothing drawn; a stored answer comes as a message
    if (!s) {
      // Joining mid-answer (reload, reconnect) shows dots until the stored message.
      s = new AiStream(f.stream_id, f.type === 'ai.delta' ? f.index : 0);
      s.partial = f.type !== 'ai.started';
      this.streams.set(s.id, s);
      this.view.showStream(s.id, '');
    }
    if (f.type === 'ai.delta') {
      if (s.push(f.index, f.text) && !s.partial) this.view.showStream(s.id, s.text);
    } else if (f.type === 'ai.done') {
      s.reason = String(f.reason);
      if (s.reason === 'complete' || s.reason === 'error') {
        s.messageId = f.message?.id ?? null;
        s.citations = s.reason === 'complete' ? f.citations : undefined;
        if (s.messageId && this.ids.has(s.messageId)) this.dropStream(s.id);
        else
          this.view.endStream(s.id, {
            citations: s.citations,
            note: s.reason === 'error' ? 'Answer interrupted' : undefined,
          });
      } else {
        this.dropStream(s.id); // stopped: a person took over; escalated: a notice follows
      }
    }
    this.showTyping();
  }

  /** @param {string} id */
  dropStream(id) {
    this.streams.delete(id);
    this.view.removeStream(id);
    this.showTyping();
  }

  showTyping() {
    const names = this.typing.names();
    const writing = [...this.streams.values()].some((s) => !s.reason);
    if (writing && !names.includes('Assistant')) names.unshift('Assistant');
    this.view.setTyping(typingLine(names));
  }

  // -- the visitor's actions ----------------------------------------------------------------

  /**
   * @param {string} text
   * @param {import("../shared/uploads.js").Upload[]} [files] uploaded files going with it
   * @returns {boolean} false when it cannot be sent (empty or too long)
   */
  send(text, files = []) {
    this.typing.stop(this.subscribed ? this.conversationId : null);
    return this.outbox.add(text, files);
  }

  /** @param {boolean} hasText */
  typed(hasText) {
    this.typing.typed(this.subscribed ? this.conversationId : null, hasText);
  }

  // -- handoff ----------------------------------------------------------------------------

  /** "Talk to a person": `handoff.request`, starting the conversation first if needed. */
  async handoff() {
    this.handoffWanted = true;
    this.view.setHandoffBusy(true);
    if (!this.socket.ready) return; // sent once connected (synced)
    if (!(await this.ensureConversation())) {
      // Still subscribing: synced() comes back here. Could not start one: give up.
      if (this.socket.ready && !this.conversationId) {
        this.handoffWanted = false;
        this.view.setHandoffBusy(false);
      }
      return;
    }
    this.handoffWanted = false;
    try {
      const ack = await this.socket.request({ type: 'handoff.request', conversation_id: this.conversationId });
      this.adoptState(ack.conversation, Number(ack.conversation?.last_seq) || 0);
    } catch (error) {
      const e = /** @type {RequestError} */ (error);
      if (e.code === 'disconnected') this.handoffWanted = true;
      else this.emit('error', e);
    }
    this.view.setHandoffBusy(this.handoffWanted);
  }

  // -- rating (PROTOCOL.md additions: csat.submit) ------------------------------------------

  /**
   * Send the visitor's rating; a second one replaces the first.
   * @param {number} rating
   * @param {string} comment
   * @returns {Promise<string | null>} null when stored, else what to tell the visitor
   */
  async rate(rating, comment) {
    const id = this.conversationId;
    if (!id) return csatError({});
    const checked = csatFrame(id, rating, comment);
    if ('error' in checked) return checked.error;
    /** @type {Frame} */
    let ack;
    try {
      ack = await this.socket.request(checked.frame);
    } catch (error) {
      return csatError(/** @type {RequestError} */ (error));
    }
    let c = ack.conversation;
    // Acknowledged means stored: an ack without the rating in it still shows the thank-you.
    if (c && c.id === id && !c.csat) c = { ...c, csat: { rating, comment: checked.frame.comment } };
    this.adoptState(c, Number(c?.last_seq) || 0);
    return null;
  }

  // -- open, read, unread -------------------------------------------------------------------

  /** @param {boolean} open */
  setOpen(open) {
    this.open = open;
    if (open) this.markRead();
    else this.typing.stop(this.subscribed ? this.conversationId : null);
  }

  /** The visitor sees the conversation: the panel is open on a visible page. */
  attended() {
    return this.open && document.visibilityState === 'visible';
  }

  /** While the panel is open and the page visible: clear unread, send `read` (<= 1/s). */
  markRead() {
    if (!this.attended()) return;
    if (this.unread) {
      this.unread = 0;
      this.view.setUnread(0);
      this.emit('unread', { count: 0 });
    }
    const seq = this.maxSeq;
    if (seq > this.seen) {
      this.seen = seq;
      this.store.set('seen', String(seq));
    }
    if (!this.subscribed || seq <= this.readSent || this.readTimer) return;
    const wait = this.readAt + READ_EVERY_MS - Date.now();
    if (wait > 0) {
      this.readTimer = window.setTimeout(() => {
        this.readTimer = 0;
        this.markRead();
      }, wait);
      return;
    }
    if (this.socket.send({ type: 'read', conversation_id: this.conversationId, seq })) {
      this.readAt = Date.now();
      this.readSent = seq;
    }
  }
}

/**
 * Where the visitor is, for the agent's customer card (PROTOCOL.md additions: `hello`
 * `context`): the page, where they came from, their language and time zone.
 * @returns {Record<string, string>}
 */
export function pageContext(win = globalThis) {
  const context = {};
  const page = win.location?.href;
  if (page) context.page = page;
  const referrer = win.document?.referrer;
  if (referrer) context.referrer = referrer;
  const language = win.navigator?.language;
  if (language) context.language = language;
  try {
    const timezone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (timezone) context.timezone = timezone;
  } catch {
    // no Intl time zones in this browser
  }
  return context;
}
