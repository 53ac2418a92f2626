/**
 * "We'll reply by e-mail": when nobody can answer now (no agent online, from the
 * `presence` frame, or the tenant outside its business hours, from `GET
 * /v1/widget/capture`), the visitor's first message in a conversation is followed by an
 * inline card asking for an address. Submitting stores it on the visitor's contact
 * (`POST /v1/widget/capture`, visitor token as bearer), and the card thanks them; agents'
 * replies then reach them by e-mail while they are away (README). A visitor whose address
 * is already known is never asked.
 */

import { h, icon } from './dom.js';

const ADDRESS = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const MAX_ADDRESS = 320;

/**
 * What is wrong with an address typed (null: nothing); the server checks it again.
 * @param {string} text
 */
export function emailProblem(text) {
  const value = text.trim();
  if (!value) return 'Please enter your e-mail address.';
  if (value.length > MAX_ADDRESS || !ADDRESS.test(value)) return 'That does not look like an e-mail address.';
  return null;
}

/**
 * Whether to offer the card now.
 * @param {{known: boolean | null, outsideHours: boolean, agentsOnline: number, offered: boolean}} s
 *   known: the contact has an address (null: not asked yet)
 */
export function shouldOffer({ known, outsideHours, agentsOnline, offered }) {
  return known === false && !offered && (outsideHours || agentsOnline === 0);
}

/**
 * @typedef {object} CaptureDeps
 * @property {string} server
 * @property {() => Promise<string | null>} token the visitor token, once welcomed
 * @property {(el: HTMLElement | null, afterSeq: number) => void} place put the card in the log
 *   after that seq (null: take it out)
 * @property {typeof fetch} [fetcher]
 */

export class EmailCapture {
  /** @param {CaptureDeps} deps */
  constructor({ server, token, place, fetcher = (...args) => globalThis.fetch(...args) }) {
    this.server = server;
    this.token = token;
    this.place = place;
    this.fetcher = fetcher;
    /** @type {boolean | null} */
    this.known = null;
    this.outsideHours = false;
    this.agentsOnline = 1; // until the presence frame says otherwise: do not ask too early
    this.offered = false; // in the conversation shown
    /** @type {{seq: number} | null} the visitor's first message, waiting for the state */
    this.first = null;
    /** @type {HTMLElement | null} */
    this.card = null;
  }

  /** After each welcome: is the tenant closed, is an address on file? */
  async welcomed() {
    try {
      const response = await this.request('GET');
      if (!response.ok) return;
      const state = await response.json();
      this.known = !!state.email_on_file;
      this.outsideHours = !!state.outside_hours;
      this.maybeOffer();
    } catch {
      // no prompt this time: the chat works without it
    }
  }

  /** @param {number} count agents online (the `presence` frame) */
  presence(count) {
    this.agentsOnline = count;
    this.maybeOffer();
  }

  /** @param {{seq: number}} m a visitor's message drawn in the conversation shown */
  visitorMessage(m) {
    if (this.first && this.first.seq <= m.seq) return;
    this.first = { seq: m.seq };
    if (this.card?.isConnected) this.place(this.card, m.seq);
    else this.maybeOffer();
  }

  /** The conversation shown changed: its card goes with it. */
  reset() {
    this.first = null;
    this.offered = false;
    this.place(null, 0);
    this.card = null;
  }

  maybeOffer() {
    if (!this.first || !shouldOffer(this)) return;
    this.offered = true;
    this.card = this.draw();
    this.place(this.card, this.first.seq);
  }

  /** @param {"GET" | "POST"} method @param {unknown} [body] */
  async request(method, body) {
    const token = await this.token();
    if (!token) throw new Error('no visitor token');
    /** @type {Record<string, string>} */
    const headers = { authorization: `Bearer ${token}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    return this.fetcher(`${this.server}/v1/widget/capture`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'omit',
    });
  }

  /** @returns {HTMLElement} */
  draw() {
    const input = /** @type {HTMLInputElement} */ (
      h('input', {
        type: 'email',
        class: 'fs-capture-input',
        'data-testid': 'fs-capture-email',
        placeholder: 'you@example.com',
        autocomplete: 'email',
        maxlength: MAX_ADDRESS,
        'aria-label': 'Your e-mail address',
      })
    );
    const problem = h('p', {
      class: 'fs-capture-error',
      'data-testid': 'fs-capture-error',
      role: 'alert',
      hidden: true,
    });
    const button = /** @type {HTMLButtonElement} */ (
      h('button', { type: 'submit', class: 'fs-capture-send', 'data-testid': 'fs-capture-submit' }, 'Notify me')
    );
    /** @param {string | null} text */
    const say = (text) => {
      problem.textContent = text || '';
      problem.hidden = !text;
    };
    const form = h(
      'form',
      {
        class: 'fs-capture-form',
        novalidate: true,
        onsubmit: async (event) => {
          event.preventDefault();
          const wrong = emailProblem(input.value);
          say(wrong);
          if (wrong) return input.focus();
          button.disabled = true;
          try {
            const response = await this.request('POST', { email: input.value.trim() });
            if (!response.ok) {
              const answer = await response.json().catch(() => null);
              say(
                response.status === 422
                  ? 'That does not look like an e-mail address.'
                  : answer?.error?.message || 'Your address could not be saved. Please try again.',
              );
              return;
            }
            this.known = true;
            card.replaceChildren(
              icon('check'),
              h(
                'p',
                { class: 'fs-capture-thanks', 'data-testid': 'fs-capture-thanks' },
                "Thanks! We'll reply to you by e-mail.",
              ),
            );
            card.classList.add('fs-capture--done');
          } catch {
            say('Your address could not be saved. Please try again.');
          } finally {
            button.disabled = false;
          }
        },
      },
      h('div', { class: 'fs-capture-row' }, input, button),
      problem,
    );
    const card = h(
      'div',
      { class: 'fs-capture', 'data-testid': 'fs-capture', role: 'group', 'aria-label': "We'll reply by e-mail" },
      h('p', { class: 'fs-capture-title' }, "We'll reply by e-mail"),
      h('p', { class: 'fs-capture-text' }, 'Nobody can answer right now. Leave your address and we will write back.'),
      form,
    );
    return card;
  }
}
