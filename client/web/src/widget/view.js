/**
 * The widget's DOM, inside an open shadow root on `<div id="flowsupport-widget">`.
 *
 * The view only draws: it knows nothing of sockets or seq numbers. The chat calls its
 * methods; user actions go out through the handlers given to the constructor. Every text
 * from the network is set as text (h() children, textContent), never parsed as HTML; AI
 * answers are Markdown whose nodes shared/markdown.js builds, still with text children.
 *
 * The log holds, in this order: persisted messages sorted by seq, AI answers being
 * streamed, then the visitor's messages still being sent. The list of the visitor's
 * conversations (conversations.js) stands in for the log while it shows; files being
 * attached sit in the composer's tray (attach.js), filled by the picker, a drop on the
 * panel or a paste. The help center (help.js) stands in for the log the same way; the
 * e-mail capture's card (capture.js) sits in the log after the seq it follows.
 */

import { filesOf } from '../shared/uploads.js';
import { fileList, Tray } from './attach.js';
import { badgeText, unreadLabel } from './badge.js';
import { ConversationList } from './conversations.js';
import { dots, h, icon } from './dom.js';
import { drawMarkdown, messageEntry, sources, streamEntry, systemEntry } from './entries.js';
import { HelpPanel } from './help.js';
import { palette, schemeOf } from './look.js';
import { MAX_BODY } from './outbox.js';
import { RatingCard } from './rating.js';

const COUNT_FROM = 7000;
/** Keep following new messages when the reader is this close to the bottom. */
const NEAR_BOTTOM_PX = 80;

/**
 * @typedef {object} ViewHandlers
 * @property {() => void} onToggle launcher pressed
 * @property {(restoreFocus: boolean) => void} onClose close button or Escape
 * @property {(text: string, files: import("../shared/uploads.js").Upload[]) => boolean} onSend
 *   false keeps the text (and the files) in the composer
 * @property {(hasText: boolean) => void} onInput the visitor is typing
 * @property {() => void} onHandoff "Talk to a person"
 * @property {import("./rating.js").Submit} onRate the rating card was sent
 * @property {() => void} onConversations the list of the visitor's conversations was opened
 * @property {(id: string) => void} onOpenConversation a conversation of the list was chosen
 * @property {() => void} onNewConversation "New conversation"
 */
/** @typedef {import("./entries.js").Message} Message */
/** @typedef {import("./entries.js").Citation} Citation */
/** @typedef {import("./case.js").Handoff} Handoff */
/** @typedef {import("./case.js").Csat} Csat */
/** @typedef {import("./look.js").Look} Look */

export class View {
  /**
   * @param {ViewHandlers} handlers
   * @param {{title: string, css: string, look: Look, server: string,
   *   token: () => string | null, welcomed: () => Promise<string | null>}} options
   *   token: the visitor token, the bearer for files; welcomed: it, once the server gave it
   */
  constructor(handlers, { title, css, look, server, token, welcomed }) {
    this.handlers = handlers;
    /** Where a message's files are fetched from, and with which bearer. */
    this.files = { server, token };
    this.tray = new Tray({ server, token: welcomed, onChange: () => this.updateControls() });
    this.css = css;
    this.look = look;
    /** @type {MediaQueryList | null} the visitor's colour scheme, followed by theme "auto" */
    this.prefersDark =
      typeof window.matchMedia === 'function' ? window.matchMedia('(prefers-color-scheme: dark)') : null;
    /** @type {Map<string, HTMLElement>} message id -> element */
    this.messages = new Map();
    /** @type {Map<string, HTMLElement>} client_msg_id -> element */
    this.pending = new Map();
    /** @type {Map<string, HTMLElement>} stream_id -> element */
    this.streams = new Map();
    /** @type {HTMLElement | null} */
    this.seen = null;
    this.available = true;
    /** @type {Handoff} */
    this.case = 'offer';
    this.handoffBusy = false;
    /** @type {RatingCard | null} */
    this.rating = null;

    this.unread = h('span', { class: 'fs-unread', 'data-testid': 'fs-unread', 'aria-hidden': 'true' });
    this.unreadCount = 0;
    this.launcherIcon = icon('chat');
    this.launcher = h(
      'button',
      {
        type: 'button',
        class: 'fs-launcher',
        'data-testid': 'fs-launcher',
        'aria-label': 'Open support chat',
        'aria-expanded': 'false',
        'aria-controls': 'fs-panel',
        onclick: () => handlers.onToggle(),
      },
      this.launcherIcon,
    );

    this.status = h('span', { class: 'fs-status', 'data-testid': 'fs-status', 'data-tone': 'idle' });
    this.waitingBanner = h(
      'div',
      { class: 'fs-banner', 'data-testid': 'fs-waiting', role: 'status', hidden: true },
      icon('clock'),
      'A person will join shortly.',
    );
    this.resolvedText = h('span');
    this.resolvedBanner = h(
      'div',
      { class: 'fs-banner fs-banner--quiet', 'data-testid': 'fs-resolved', role: 'status', hidden: true },
      icon('check'),
      this.resolvedText,
    );
    this.errorText = h('span');
    this.errorBanner = h(
      'div',
      { class: 'fs-banner fs-banner--error', role: 'alert', hidden: true },
      icon('alert'),
      this.errorText,
    );
    this.log = h('div', {
      class: 'fs-log',
      role: 'log',
      'aria-live': 'polite',
      'aria-label': 'Conversation',
      'data-testid': 'fs-messages',
    });
    // The tenant's greeting: the first line of the conversation, always above it.
    this.greeting = h(
      'div',
      { class: 'fs-msg fs-msg--ai fs-greeting', 'data-testid': 'fs-greeting', hidden: !look.greeting },
      h('span', { class: 'fs-face fs-face--ai', 'aria-hidden': 'true' }, icon('spark')),
      h('div', { class: 'fs-bubble' }, h('div', { class: 'fs-body' }, look.greeting)),
    );
    this.scroller = h('div', { class: 'fs-scroll' }, this.greeting, this.log);
    this.typingText = h('span');
    this.typing = h('div', { class: 'fs-typing', 'data-testid': 'fs-typing', hidden: true }, dots(), this.typingText);

    this.handoffLabel = h('span', null, 'Talk to a person');
    this.handoff = h(
      'button',
      {
        type: 'button',
        class: 'fs-handoff',
        'data-testid': 'fs-handoff',
        'aria-label': 'Talk to a person',
        onclick: () => handlers.onHandoff(),
      },
      icon('person'),
      this.handoffLabel,
    );
    this.count = h('span', { class: 'fs-count', 'aria-live': 'polite', hidden: true });
    this.textarea = /** @type {HTMLTextAreaElement} */ (
      h('textarea', {
        class: 'fs-textarea',
        'data-testid': 'fs-composer',
        rows: 1,
        maxlength: MAX_BODY,
        placeholder: 'Write a message…',
        'aria-label': 'Message',
        oninput: () => this.edited(),
        onkeydown: (event) => this.composerKey(/** @type {KeyboardEvent} */ (event)),
        onpaste: (event) => {
          const files = filesOf(/** @type {ClipboardEvent} */ (event).clipboardData);
          if (!files.length) return; // text: pasted as usual
          event.preventDefault();
          this.tray.add(files);
        },
      })
    );
    this.picker = /** @type {HTMLInputElement} */ (
      h('input', {
        type: 'file',
        multiple: true,
        class: 'fs-picker',
        'data-testid': 'fs-file-input',
        tabindex: '-1',
        'aria-hidden': 'true',
        onchange: () => {
          this.tray.add(Array.from(this.picker.files || []));
          this.picker.value = '';
        },
      })
    );
    this.attachButton = /** @type {HTMLButtonElement} */ (
      h(
        'button',
        {
          type: 'button',
          class: 'fs-attach',
          'data-testid': 'fs-attach',
          'aria-label': 'Attach files',
          title: 'Attach files (or drop them here)',
          onclick: () => this.picker.click(),
        },
        icon('clip'),
      )
    );
    this.sendButton = /** @type {HTMLButtonElement} */ (
      h(
        'button',
        {
          type: 'button',
          class: 'fs-send',
          'data-testid': 'fs-send',
          'aria-label': 'Send message',
          disabled: true,
          onclick: () => this.submit(),
        },
        icon('send'),
      )
    );

    this.list = new ConversationList({
      onOpen: (id) => {
        this.showThread();
        handlers.onOpenConversation(id);
      },
      onNew: () => {
        this.showThread();
        handlers.onNewConversation();
      },
      onBack: () => this.showThread(),
    });
    this.listButton = h(
      'button',
      {
        type: 'button',
        class: 'fs-icon-button',
        'data-testid': 'fs-conversations-button',
        'aria-label': 'Your conversations',
        'aria-expanded': 'false',
        onclick: () => (this.list.el.hidden ? this.showList() : this.showThread()),
      },
      icon('list'),
    );
    this.help = new HelpPanel({
      server,
      token: welcomed,
      onAsk: () => this.showThread(),
      onToggle: () => (this.help.el.hidden ? this.showHelp() : this.showThread()),
    });
    /** @type {HTMLElement | null} the e-mail capture's card, if in the log */
    this.card = null;

    this.panel = h(
      'div',
      {
        class: 'fs-panel',
        id: 'fs-panel',
        'data-testid': 'fs-panel',
        role: 'dialog',
        'aria-label': `${title} chat`,
        hidden: true,
      },
      h(
        'div',
        { class: 'fs-header' },
        h('div', { class: 'fs-avatar', 'aria-hidden': 'true' }, icon('chat')),
        h(
          'div',
          { class: 'fs-heading' },
          h('span', { class: 'fs-title', role: 'heading', 'aria-level': '2' }, title),
          this.status,
        ),
        this.help.button,
        this.listButton,
        h(
          'button',
          {
            type: 'button',
            class: 'fs-icon-button',
            'aria-label': 'Close chat',
            onclick: () => handlers.onClose(true),
          },
          icon('close'),
        ),
      ),
      this.waitingBanner,
      this.resolvedBanner,
      this.errorBanner,
      this.list.el,
      this.help.el,
      this.scroller,
      this.typing,
      h(
        'div',
        { class: 'fs-composer' },
        h('div', { class: 'fs-actions' }, this.handoff, this.count),
        this.tray.el,
        h('div', { class: 'fs-input' }, this.attachButton, this.picker, this.textarea, this.sendButton),
      ),
    );
    this.panel.addEventListener('dragover', (event) => this.dragged(/** @type {DragEvent} */ (event), true));
    this.panel.addEventListener('dragleave', (event) => this.dragged(/** @type {DragEvent} */ (event), false));
    this.panel.addEventListener('drop', (event) => this.dropped(/** @type {DragEvent} */ (event)));
    this.root = h(
      'div',
      {
        class: 'fs',
        'data-theme': look.theme,
        'data-position': look.launcher_position,
        onkeydown: (event) => {
          if (/** @type {KeyboardEvent} */ (event).key === 'Escape' && !this.panel.hidden) {
            event.stopPropagation();
            handlers.onClose(true);
          }
        },
      },
      this.launcher,
      this.panel,
    );
    this.paint();
  }

  /** The brand colour's palette in the scheme the theme shows now (data-scheme). */
  paint() {
    const scheme = schemeOf(this.look.theme, this.prefersDark ? this.prefersDark.matches : true);
    this.root.dataset.scheme = scheme;
    for (const [name, value] of Object.entries(palette(this.look.brand_color, scheme))) {
      this.root.style.setProperty(name, value); // CSSOM: allowed under a strict host CSP
    }
  }

  /** Attach the host element to the page and draw into its shadow root. */
  mount() {
    const host = h('div', { id: 'flowsupport-widget' });
    const shadow = host.attachShadow({ mode: 'open' });
    if (
      'adoptedStyleSheets' in shadow &&
      typeof CSSStyleSheet === 'function' &&
      'replaceSync' in CSSStyleSheet.prototype
    ) {
      // A constructed sheet is not an inline <style>, so a strict host CSP cannot block it.
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(this.css);
      shadow.adoptedStyleSheets = [sheet];
    } else {
      shadow.append(h('style', null, this.css));
    }
    shadow.append(this.root);
    document.body.append(host);
    this.host = host;
    if (this.look.theme === 'auto') this.prefersDark?.addEventListener?.('change', () => this.paint());
  }

  // -- panel ---------------------------------------------------------------------------

  /**
   * @param {boolean} open
   * @param {boolean} [focusLauncher] put focus back on the launcher (closing by keyboard)
   */
  setOpen(open, focusLauncher = false) {
    this.panel.hidden = !open;
    this.root.classList.toggle('fs--open', open);
    this.launcher.setAttribute('aria-expanded', String(open));
    const fresh = icon(open ? 'down' : 'chat');
    this.launcherIcon.replaceWith(fresh);
    this.launcherIcon = fresh;
    this.labelLauncher();
    if (open && !this.list.el.hidden) {
      this.list.focus();
    } else if (open) {
      this.scrollToEnd();
      if (!this.textarea.disabled) this.textarea.focus();
    } else if (focusLauncher) {
      this.launcher.focus();
    }
  }

  labelLauncher() {
    const open = !this.panel.hidden;
    const count = this.unreadCount ? `, ${unreadLabel(this.unreadCount)}` : '';
    this.launcher.setAttribute('aria-label', open ? 'Close support chat' : `Open support chat${count}`);
  }

  /** @param {number} count */
  setUnread(count) {
    this.unreadCount = count;
    if (count > 0) {
      this.unread.textContent = badgeText(count);
      if (!this.unread.isConnected) this.launcher.append(this.unread);
    } else {
      this.unread.remove();
    }
    this.labelLauncher();
  }

  /**
   * @param {string} text
   * @param {"idle" | "online" | "offline" | "error"} tone
   */
  setStatus(text, tone) {
    this.status.textContent = text;
    this.status.dataset.tone = tone;
  }

  /**
   * The case as the server has it (case.js): which handoff control or banner shows.
   * @param {Handoff} handoff
   */
  setCase(handoff) {
    this.case = handoff;
    this.panel.dataset.case = handoff;
    const waiting = handoff === 'waiting';
    const done = handoff === 'resolved' || handoff === 'closed';
    this.handoffLabel.textContent = waiting ? 'Person requested' : 'Talk to a person';
    // A person is in the chat, or the case is done: no "Talk to a person" to press.
    this.handoff.hidden = !waiting && handoff !== 'offer';
    this.resolvedText.textContent =
      handoff === 'closed'
        ? 'This conversation is closed.'
        : 'This conversation is resolved. Write to us again any time.';
    this.textarea.placeholder = handoff === 'resolved' ? 'Write to reopen the conversation…' : 'Write a message…';
    this.banners(done);
    this.updateControls();
  }

  /** @param {boolean} [done] */
  banners(done = this.case === 'resolved' || this.case === 'closed') {
    this.waitingBanner.hidden = this.case !== 'waiting' || !this.available;
    this.resolvedBanner.hidden = !done || !this.available;
  }

  /**
   * The rating card (null: none), placed after the event that asked for it.
   * @param {Csat | null} csat
   * @param {number} at the seq it follows
   */
  setCsat(csat, at) {
    if (!csat) {
      this.rating?.el.remove();
      return;
    }
    this.rating ||= new RatingCard((rating, comment) => this.handlers.onRate(rating, comment));
    const el = this.rating.el;
    const seq = String(at + 0.5); // after the message at `at`, before any later one
    if (el.dataset.seq !== seq || !el.isConnected) {
      el.dataset.seq = seq;
      this.put(el, () => this.placeBySeq(el, at + 0.5));
    }
    const stick = this.atBottom;
    this.rating.show(csat);
    if (stick) this.scrollToEnd();
  }

  /** @param {boolean} busy a handoff request is on its way */
  setHandoffBusy(busy) {
    this.handoffBusy = busy;
    this.updateControls();
  }

  /**
   * The chat cannot work (refused origin or credentials): say so and disable input.
   * @param {string | null} message null: it works again (say, after a new identify)
   */
  setUnavailable(message) {
    this.available = message === null;
    this.errorText.textContent = message || '';
    this.errorBanner.hidden = this.available;
    this.banners();
    this.textarea.disabled = !this.available;
    this.updateControls();
  }

  /** @param {string | null} text e.g. "Ada is typing…"; null hides the indicator */
  setTyping(text) {
    this.typing.hidden = text === null;
    this.typingText.textContent = text || '';
  }

  updateControls() {
    this.handoff.disabled = !this.available || this.case !== 'offer' || this.handoffBusy;
    this.attachButton.disabled = !this.available;
    const files = this.tray.ready().length > 0;
    this.sendButton.disabled = !this.available || this.tray.busy() || (!this.textarea.value.trim() && !files);
  }

  // -- files dropped on the panel -------------------------------------------------------

  /**
   * @param {DragEvent} event
   * @param {boolean} over
   */
  dragged(event, over) {
    if (!this.available || !Array.from(event.dataTransfer?.types || []).includes('Files')) return;
    event.preventDefault();
    this.panel.classList.toggle('fs-panel--drop', over);
  }

  /** @param {DragEvent} event */
  dropped(event) {
    this.panel.classList.remove('fs-panel--drop');
    const files = filesOf(event.dataTransfer);
    if (!files.length) return;
    event.preventDefault();
    if (!this.available) return;
    this.showThread();
    this.tray.add(files);
  }

  // -- the visitor's conversations ------------------------------------------------------

  /**
   * Show the list in place of the thread (widget.css hides the thread's parts while the
   * panel is `fs-panel--list`); the chat is asked for the rows.
   */
  showList() {
    if (!this.list.el.hidden) return;
    this.hideHelp();
    this.list.el.hidden = false;
    this.panel.classList.add('fs-panel--list');
    this.listButton.setAttribute('aria-expanded', 'true');
    this.list.loading();
    this.list.newButton.focus();
    this.handlers.onConversations();
  }

  /**
   * The rows fetched for the list (null: they could not be had).
   * @param {import("./history.js").Row[] | null} rows
   * @param {string | null} current
   */
  setConversations(rows, current) {
    if (this.list.el.hidden) return;
    if (rows) this.list.show(rows, current);
    else this.list.loading('Your conversations could not be loaded. Please try again.');
    if (this.list.el.contains(/** @type {ShadowRoot} */ (this.root.getRootNode()).activeElement)) this.list.focus();
  }

  /** The help center in place of the thread (as the list: `fs-panel--list`). */
  showHelp() {
    if (!this.help.el.hidden) return;
    this.showThread();
    this.help.el.hidden = false;
    this.panel.classList.add('fs-panel--list');
    this.help.button.setAttribute('aria-expanded', 'true');
    this.help.focus();
  }

  hideHelp() {
    this.help.el.hidden = true;
    this.help.button.setAttribute('aria-expanded', 'false');
  }

  /** Back to the thread, the composer focused. */
  showThread() {
    if (this.list.el.hidden && this.help.el.hidden) return;
    this.hideHelp();
    this.list.el.hidden = true;
    this.panel.classList.remove('fs-panel--list');
    this.listButton.setAttribute('aria-expanded', 'false');
    this.scrollToEnd();
    if (!this.textarea.disabled) this.textarea.focus();
  }

  // -- composer ------------------------------------------------------------------------

  /** @param {KeyboardEvent} event */
  composerKey(event) {
    // Enter sends, Shift+Enter is a newline; never while an IME is composing.
    if (event.key !== 'Enter' || event.shiftKey || event.isComposing || event.keyCode === 229) return;
    event.preventDefault();
    this.submit();
  }

  edited() {
    const { textarea } = this;
    textarea.style.height = '';
    textarea.style.height = `${Math.min(textarea.scrollHeight, 128)}px`;
    const length = textarea.value.length;
    this.count.hidden = length < COUNT_FROM;
    this.count.textContent = `${length.toLocaleString()} / ${MAX_BODY.toLocaleString()}`;
    this.count.classList.toggle('fs-count--over', length >= MAX_BODY);
    this.updateControls();
    this.handlers.onInput(textarea.value.trim().length > 0);
  }

  submit() {
    const text = this.textarea.value;
    const files = this.tray.ready();
    if (!this.available || this.tray.busy() || (!text.trim() && !files.length)) return;
    if (this.handlers.onSend(text, files)) {
      this.textarea.value = '';
      this.tray.clear();
      this.edited();
    }
    this.textarea.focus();
  }

  // -- the log -------------------------------------------------------------------------

  get atBottom() {
    const s = this.scroller;
    return s.scrollHeight - s.scrollTop - s.clientHeight < NEAR_BOTTOM_PX;
  }

  scrollToEnd() {
    this.scroller.scrollTop = this.scroller.scrollHeight;
  }

  /**
   * Insert a log entry at its place, keeping the reader at the bottom if they were.
   * @param {HTMLElement} el
   * @param {() => void} place
   * @param {boolean} [follow] scroll to it whatever the position (the visitor's own)
   */
  put(el, place, follow = false) {
    const stick = follow || this.atBottom;
    place();
    this.regroup(el);
    const next = /** @type {HTMLElement | null} */ (el.nextElementSibling);
    if (next) this.regroup(next);
    if (stick) this.scrollToEnd();
  }

  /**
   * Consecutive entries of one sender sit closer and show the name once.
   * @param {HTMLElement} el
   */
  regroup(el) {
    const prev = /** @type {HTMLElement | null} */ (el.previousElementSibling);
    const same = !!prev && !!el.dataset.sid && prev.dataset.sid === el.dataset.sid;
    el.classList.toggle('fs-msg--cont', same);
  }

  /**
   * Draw a persisted message at its seq position; it replaces the pending entry with the
   * same client_msg_id (the visitor's own message, now stored).
   * @param {Message} m
   * @param {Citation[] | null | undefined} citations
   */
  addMessage(m, citations) {
    const kind = m.sender.kind;
    const el = kind === 'system' ? systemEntry(m) : messageEntry(m, citations, fileList(m.attachments, this.files));
    el.dataset.seq = String(m.seq);
    el.dataset.messageId = m.id;
    this.messages.set(m.id, el);
    const pending = m.client_msg_id ? this.pending.get(m.client_msg_id) : undefined;
    if (pending && kind === 'visitor') {
      this.pending.delete(/** @type {string} */ (m.client_msg_id));
      pending.remove();
    }
    this.put(el, () => this.placeBySeq(el, m.seq), !!pending);
  }

  /**
   * Put an entry after the last sequenced one at or below `seq`.
   * @param {HTMLElement} el
   * @param {number} seq
   */
  placeBySeq(el, seq) {
    // Walk back from the end past unsequenced entries and later messages.
    let after = /** @type {HTMLElement | null} */ (this.log.lastElementChild);
    while (after && (after === el || !after.dataset.seq || Number(after.dataset.seq) > seq)) {
      after = /** @type {HTMLElement | null} */ (after.previousElementSibling);
    }
    if (after) after.after(el);
    else this.log.prepend(el);
  }

  /**
   * The e-mail capture's card after the message at `afterSeq` (null: none).
   * @param {HTMLElement | null} el
   * @param {number} afterSeq
   */
  placeCard(el, afterSeq) {
    if (this.card && this.card !== el) this.card.remove();
    this.card = el;
    if (!el) return;
    el.dataset.seq = String(afterSeq + 0.25);
    this.put(el, () => this.placeBySeq(el, afterSeq + 0.25));
  }

  /** Remove every persisted message and stream (the conversation was forgotten). */
  clearMessages() {
    for (const el of [...this.messages.values(), ...this.streams.values()]) el.remove();
    this.rating?.el.remove();
    this.messages.clear();
    this.streams.clear();
    this.seen = null;
  }

  /**
   * Show "Seen" under one message of the visitor (or nowhere).
   * @param {string | null} messageId
   */
  setSeen(messageId) {
    const target = messageId ? this.messages.get(messageId) : undefined;
    if (this.seen && this.seen.parentElement === target) return;
    this.seen?.remove();
    this.seen = null;
    if (target) {
      this.seen = h('div', { class: 'fs-meta', 'data-testid': 'fs-seen' }, 'Seen');
      target.append(this.seen);
    }
  }

  // -- the visitor's messages being sent -----------------------------------------------

  /**
   * @param {string} clientMsgId
   * @param {string} body
   * @param {{name: string}[]} [files] the names of the files going with it
   */
  addPending(clientMsgId, body, files = []) {
    if (this.pending.has(clientMsgId)) return;
    const el = h(
      'div',
      {
        class: 'fs-msg fs-msg--visitor fs-msg--pending',
        'data-testid': 'fs-message',
        'data-sender': 'visitor',
        'data-pending': 'true',
        'data-client-msg-id': clientMsgId,
        'data-sid': 'visitor',
      },
      h(
        'div',
        { class: 'fs-bubble' },
        body && h('div', { class: 'fs-body', 'data-testid': 'fs-message-body' }, body),
        files.length > 0 &&
          h(
            'div',
            { class: 'fs-files' },
            ...files.map((f) =>
              h(
                'span',
                { class: 'fs-file fs-file--pending' },
                icon('file'),
                h('span', { class: 'fs-file-name' }, f.name),
              ),
            ),
          ),
      ),
      h('div', { class: 'fs-meta' }, 'Sending…'),
    );
    this.pending.set(clientMsgId, el);
    this.put(el, () => this.log.append(el), true);
  }

  /**
   * @param {string} clientMsgId
   * @param {{note: string, error?: boolean, onDismiss?: () => void}} state
   */
  setPending(clientMsgId, { note, error = false, onDismiss }) {
    const el = this.pending.get(clientMsgId);
    if (!el) return;
    el.classList.toggle('fs-msg--failed', error);
    const meta = h('div', { class: error ? 'fs-meta fs-meta--error' : 'fs-meta' }, note);
    if (onDismiss) {
      meta.append(
        h(
          'button',
          {
            type: 'button',
            class: 'fs-link-button',
            'aria-label': 'Remove this message',
            onclick: () => {
              this.pending.delete(clientMsgId);
              el.remove();
              onDismiss();
            },
          },
          'Remove',
        ),
      );
    }
    el.lastElementChild?.replaceWith(meta);
  }

  // -- AI answers being streamed -------------------------------------------------------

  /**
   * Create or update a streamed answer; with no text yet it shows typing dots.
   * @param {string} streamId
   * @param {string} text
   */
  showStream(streamId, text) {
    let el = this.streams.get(streamId);
    if (!el) {
      el = streamEntry(streamId);
      this.streams.set(streamId, el);
      const entry = el;
      this.put(el, () => {
        const firstPending = this.pending.values().next().value;
        if (firstPending) firstPending.before(entry);
        else this.log.append(entry);
      });
    }
    const body = /** @type {HTMLElement} */ (el.querySelector('.fs-body'));
    const dotsEl = /** @type {HTMLElement} */ (el.querySelector('.fs-dots'));
    const stick = this.atBottom;
    if (drawMarkdown(body, text) && stick) this.scrollToEnd();
    body.hidden = !text;
    dotsEl.hidden = !!text;
  }

  /**
   * The answer is complete (citations shown) or broke off (a note shown).
   * @param {string} streamId
   * @param {{citations?: Citation[], note?: string}} end
   */
  endStream(streamId, { citations, note }) {
    const el = this.streams.get(streamId);
    if (!el) return;
    const bubble = /** @type {HTMLElement} */ (el.querySelector('.fs-bubble'));
    /** @type {HTMLElement} */ (el.querySelector('.fs-dots')).hidden = true;
    if (citations?.length && !bubble.querySelector('.fs-cites')) bubble.append(sources(citations));
    if (note) el.append(h('div', { class: 'fs-meta' }, note));
  }

  /** @param {string} streamId */
  removeStream(streamId) {
    const el = this.streams.get(streamId);
    if (!el) return;
    this.streams.delete(streamId);
    const next = /** @type {HTMLElement | null} */ (el.nextElementSibling);
    el.remove();
    if (next) this.regroup(next);
  }
}
