/**
 * The rating card in the log: five stars (native radio buttons: Tab reaches the group,
 * arrow keys move the choice), an optional comment with a counter, inline errors, and the
 * thank-you with the rating given (which can be changed: a second rating replaces the first).
 */

import { counter, csatFrame, MAX_COMMENT, RATING_WORDS } from './csat.js';
import { h, icon } from './dom.js';

/** @typedef {import("./case.js").Csat} Csat */
/**
 * @callback Submit
 * @param {number} rating
 * @param {string} comment
 * @returns {Promise<string | null>} null when stored, else the error to show
 */

/** @param {number} rating */
function stars(rating) {
  const row = h('span', { class: 'fs-stars-shown', role: 'img', 'aria-label': `${rating} out of 5` });
  for (let n = 1; n <= 5; n++) row.append(star(n <= rating));
  return row;
}

/** @param {boolean} on */
function star(on) {
  const svg = icon('star');
  if (on) svg.classList.add('fs-on');
  return svg;
}

export class RatingCard {
  /** @param {Submit} submit */
  constructor(submit) {
    this.submit = submit;
    this.el = h('div', { class: 'fs-csat', 'data-testid': 'fs-csat' });
    /** @type {Csat | null} */
    this.state = null;
    this.key = '';
    this.rating = 0;
    this.comment = '';
  }

  /** @param {Csat} state what the server says (an edit in progress stays until it changes) */
  show(state) {
    const key = JSON.stringify(state);
    if (key === this.key) return;
    this.key = key;
    this.state = state;
    if (state.mode === 'thanks') this.thanks(state.rating, !!this.el.querySelector('form'));
    else this.form();
  }

  /**
   * @param {number} rating
   * @param {boolean} focus move focus to it (it replaced the form the visitor was using)
   */
  thanks(rating, focus) {
    const text = h(
      'div',
      { class: 'fs-csat-text', tabindex: '-1', 'data-testid': 'fs-csat-thanks' },
      h('span', { class: 'fs-csat-title' }, 'Thanks for your feedback!'),
      stars(rating),
      h('span', null, `You rated this conversation ${rating} out of 5.`),
    );
    const change = h(
      'button',
      { type: 'button', class: 'fs-link-button', 'data-testid': 'fs-csat-change', onclick: () => this.edit() },
      'Change rating',
    );
    this.el.dataset.rating = String(rating);
    this.el.dataset.mode = 'thanks';
    this.el.replaceChildren(text, change);
    if (focus && this.el.isConnected) text.focus();
  }

  edit() {
    const state = this.state;
    if (state && state.mode === 'thanks') {
      this.rating = state.rating;
      this.comment = state.comment;
    }
    this.form();
    /** @type {HTMLInputElement | null} */ (
      this.el.querySelector('input:checked') || this.el.querySelector('input')
    )?.focus();
  }

  form() {
    this.el.dataset.mode = 'ask';
    delete this.el.dataset.rating;
    const choice = h('span', { class: 'fs-csat-choice', 'aria-hidden': 'true' }, RATING_WORDS[this.rating]);
    const group = h('div', { class: 'fs-stars', role: 'radiogroup', 'aria-label': 'Your rating' });
    /** @type {HTMLElement[]} */
    const labels = [];
    const paint = () => {
      for (const [i, label] of labels.entries()) label.classList.toggle('fs-on', i < this.rating);
      choice.textContent = RATING_WORDS[this.rating];
    };
    for (let n = 1; n <= 5; n++) {
      const input = h('input', {
        type: 'radio',
        name: 'fs-csat',
        value: n,
        class: 'fs-radio',
        'data-testid': `fs-csat-star-${n}`,
        'aria-label': `${n} out of 5: ${RATING_WORDS[n]}`,
        checked: n === this.rating,
        onchange: () => {
          this.rating = n;
          error.textContent = '';
          paint();
        },
      });
      const label = h('label', { class: 'fs-star', title: RATING_WORDS[n] }, input, star(false));
      labels.push(label);
      group.append(label);
    }
    const count = h(
      'span',
      { class: 'fs-count', 'data-testid': 'fs-csat-count', 'aria-hidden': 'true' },
      counter(this.comment.length),
    );
    const comment = /** @type {HTMLTextAreaElement} */ (
      h('textarea', {
        class: 'fs-csat-comment',
        'data-testid': 'fs-csat-comment',
        rows: 2,
        maxlength: MAX_COMMENT,
        placeholder: 'Tell us more (optional)',
        'aria-label': `Comment, optional, up to ${MAX_COMMENT} characters`,
        oninput: () => {
          this.comment = comment.value;
          count.textContent = counter(comment.value.length);
          count.classList.toggle('fs-count--over', comment.value.length >= MAX_COMMENT);
        },
      })
    );
    comment.value = this.comment;
    const error = h('div', { class: 'fs-meta fs-meta--error', role: 'alert', 'data-testid': 'fs-csat-error' });
    const send = /** @type {HTMLButtonElement} */ (
      h('button', { type: 'submit', class: 'fs-csat-send', 'data-testid': 'fs-csat-submit' }, 'Send rating')
    );
    let busy = false;
    const form = h(
      'form',
      {
        class: 'fs-csat-form',
        'aria-labelledby': 'fs-csat-title',
        onsubmit: async (event) => {
          event.preventDefault();
          if (busy) return;
          const checked = csatFrame('', this.rating, this.comment);
          if ('error' in checked) {
            error.textContent = checked.error;
            return;
          }
          // Not `disabled`: a disabled button loses keyboard focus.
          const sending = (on) => {
            busy = on;
            send.setAttribute('aria-disabled', String(on));
            send.textContent = on ? 'Sending…' : 'Send rating';
          };
          sending(true);
          error.textContent = '';
          const failed = await this.submit(this.rating, this.comment);
          sending(false);
          if (failed) error.textContent = failed;
          // Stored, but the same rating as before: nothing changed to redraw the thank-you.
          else if (form.isConnected && this.state?.mode === 'thanks') this.thanks(this.state.rating, true);
        },
      },
      h('span', { class: 'fs-csat-title', id: 'fs-csat-title' }, 'How would you rate this conversation?'),
      h('div', { class: 'fs-csat-row' }, group, choice),
      comment,
      h('div', { class: 'fs-csat-foot' }, count, send),
      error,
    );
    this.el.replaceChildren(form);
    paint();
  }
}
