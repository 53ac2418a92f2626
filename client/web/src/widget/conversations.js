/**
 * The panel's list of the visitor's conversations: a "New conversation" button, then one
 * button per conversation (its subject or last message, who wrote it, when, its status).
 * Tab reaches each row; the arrow keys, Home and End move between them. The chat fetches
 * the rows (`conversations.list`); this only draws them and reports the visitor's choice.
 */

import { h, icon } from './dom.js';
import { whenLabel } from './history.js';

/** @typedef {import("./history.js").Row} Row */
/**
 * @typedef {object} ListHandlers
 * @property {(id: string) => void} onOpen a conversation was chosen
 * @property {() => void} onNew "New conversation"
 * @property {() => void} onBack back to the conversation shown before
 */

export class ConversationList {
  /** @param {ListHandlers} handlers */
  constructor(handlers) {
    this.handlers = handlers;
    /** @type {string | null} */
    this.current = null;
    this.note = h('p', { class: 'fs-list-note', 'data-testid': 'fs-conversations-note', role: 'status' });
    this.items = h('ul', { class: 'fs-list-items', 'aria-label': 'Your conversations' });
    this.items.addEventListener('keydown', (event) => this.arrows(/** @type {KeyboardEvent} */ (event)));
    this.newButton = h(
      'button',
      {
        type: 'button',
        class: 'fs-new',
        'data-testid': 'fs-new-conversation',
        onclick: () => handlers.onNew(),
      },
      icon('plus'),
      h('span', null, 'New conversation'),
    );
    this.el = h(
      'div',
      { class: 'fs-list', 'data-testid': 'fs-conversations', hidden: true },
      h(
        'div',
        { class: 'fs-list-head' },
        h(
          'button',
          {
            type: 'button',
            class: 'fs-link-button fs-back',
            'data-testid': 'fs-conversations-back',
            'aria-label': 'Back to the conversation',
            onclick: () => handlers.onBack(),
          },
          icon('back'),
          h('span', null, 'Back'),
        ),
        h('span', { class: 'fs-list-title', role: 'heading', 'aria-level': '3' }, 'Your conversations'),
      ),
      h('div', { class: 'fs-list-scroll' }, this.newButton, this.note, this.items),
    );
  }

  /** @param {string} text */
  loading(text = 'Loading your conversations…') {
    this.items.replaceChildren();
    this.note.textContent = text;
    this.note.hidden = false;
  }

  /**
   * @param {Row[]} rows
   * @param {string | null} current the conversation the thread shows
   */
  show(rows, current) {
    this.current = current;
    this.note.hidden = rows.length > 0;
    this.note.textContent = rows.length ? '' : 'No conversations yet. Start one below.';
    this.items.replaceChildren(...rows.map((row) => this.item(row)));
  }

  /** @param {Row} row */
  item(row) {
    const when = whenLabel(row.at);
    const mine = row.id === this.current;
    return h(
      'li',
      null,
      h(
        'button',
        {
          type: 'button',
          class: 'fs-conv',
          'data-testid': 'fs-conversation-item',
          'data-conversation-id': row.id,
          'data-status': row.tone,
          'aria-current': mine ? 'true' : null,
          onclick: () => this.handlers.onOpen(row.id),
        },
        h(
          'span',
          { class: 'fs-conv-top' },
          h('span', { class: 'fs-conv-title', 'data-testid': 'fs-conversation-title' }, row.title),
          when && h('time', { class: 'fs-conv-time', datetime: row.at }, when),
        ),
        h(
          'span',
          { class: 'fs-conv-bottom' },
          h('span', { class: 'fs-conv-preview' }, row.preview),
          h(
            'span',
            { class: `fs-conv-status fs-conv-status--${row.tone}`, 'data-testid': 'fs-conversation-status' },
            row.status,
          ),
        ),
      ),
    );
  }

  /** Focus the current conversation's row, else the first, else "New conversation". */
  focus() {
    const rows = this.buttons();
    (rows.find((b) => b.getAttribute('aria-current') === 'true') || rows[0] || this.newButton).focus();
  }

  /** @returns {HTMLButtonElement[]} */
  buttons() {
    return /** @type {HTMLButtonElement[]} */ ([...this.items.querySelectorAll('button.fs-conv')]);
  }

  /** @param {KeyboardEvent} event */
  arrows(event) {
    const rows = this.buttons();
    // Inside the shadow root, its activeElement is the focused row.
    const root = /** @type {ShadowRoot | Document} */ (this.el.getRootNode());
    const index = rows.indexOf(/** @type {HTMLButtonElement} */ (root.activeElement));
    if (index < 0) return;
    const next = {
      ArrowDown: Math.min(index + 1, rows.length - 1),
      ArrowUp: Math.max(index - 1, 0),
      Home: 0,
      End: rows.length - 1,
    }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    rows[next].focus();
  }
}
