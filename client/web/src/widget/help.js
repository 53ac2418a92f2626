/**
 * "Search help": the tenant's help center inside the widget. A search box over its
 * knowledge base (`GET /v1/widget/help/search`, the visitor token as bearer), results as
 * titles with snippets, and an article read in the panel (`GET
 * /v1/widget/help/articles/{id}`), its Markdown drawn by shared/markdown.js (text nodes and
 * vetted links only, never HTML). "Back" returns to the results, "Still need help? Ask us"
 * to the chat. Like the conversation list, the panel stands in for the log while it shows.
 */

import { markdown } from '../shared/markdown.js';
import { h, icon } from './dom.js';

const MAX_QUERY = 500;
const DEBOUNCE_MS = 250;

/**
 * @typedef {{article_id: string, title: string, snippet: string}} Hit
 * @typedef {{id: string, title: string, body: string, url?: string | null}} Article
 * @typedef {object} HelpDeps
 * @property {string} server
 * @property {() => Promise<string | null>} token the visitor token, once welcomed
 * @property {() => void} onAsk back to the chat ("Still need help? Ask us")
 * @property {() => void} onToggle the header's "Search help" button pressed
 * @property {typeof fetch} [fetcher]
 */

/**
 * The search's query string, or null when there is nothing to search.
 * @param {string} text
 */
export function helpQuery(text) {
  const q = text.split(/\s+/).filter(Boolean).join(' ');
  return q ? q.slice(0, MAX_QUERY) : null;
}

export class HelpPanel {
  /** @param {HelpDeps} deps */
  constructor({ server, token, onAsk, onToggle, fetcher = (...args) => globalThis.fetch(...args) }) {
    this.server = server;
    this.token = token;
    this.fetcher = fetcher;
    this.asked = 0; // the latest search: answers to older ones are dropped
    this.timer = 0;
    /** The header's entry, next to "Your conversations". */
    this.button = h(
      'button',
      {
        type: 'button',
        class: 'fs-icon-button',
        'data-testid': 'fs-help-button',
        'aria-label': 'Search help',
        title: 'Search help',
        'aria-expanded': 'false',
        onclick: () => onToggle(),
      },
      icon('search'),
    );
    this.input = /** @type {HTMLInputElement} */ (
      h('input', {
        type: 'search',
        class: 'fs-help-input',
        'data-testid': 'fs-help-search',
        placeholder: 'Search our help center…',
        'aria-label': 'Search help articles',
        maxlength: MAX_QUERY,
        oninput: () => this.typed(),
        onkeydown: (event) => {
          if (/** @type {KeyboardEvent} */ (event).key !== 'Enter') return;
          event.preventDefault();
          this.search();
        },
      })
    );
    this.note = h('p', { class: 'fs-list-note', 'data-testid': 'fs-help-note', role: 'status' });
    this.results = h('ul', { class: 'fs-list-items', 'aria-label': 'Help articles', 'data-testid': 'fs-help-results' });
    this.searchView = h('div', { class: 'fs-help-search' }, this.input, this.note, this.results);
    this.article = h('article', { class: 'fs-help-article', 'data-testid': 'fs-help-article', hidden: true });
    this.ask = h(
      'button',
      { type: 'button', class: 'fs-new fs-help-ask', 'data-testid': 'fs-help-ask', onclick: () => onAsk() },
      icon('chat'),
      h('span', null, 'Still need help? Ask us'),
    );
    this.back = h(
      'button',
      {
        type: 'button',
        class: 'fs-link-button fs-back',
        'data-testid': 'fs-help-back',
        'aria-label': 'Back',
        onclick: () => (this.article.hidden ? onAsk() : this.showResults()),
      },
      icon('back'),
      h('span', null, 'Back'),
    );
    this.el = h(
      'div',
      { class: 'fs-list fs-help', 'data-testid': 'fs-help', hidden: true },
      h(
        'div',
        { class: 'fs-list-head' },
        this.back,
        h('span', { class: 'fs-list-title', role: 'heading', 'aria-level': '3' }, 'Help center'),
      ),
      h('div', { class: 'fs-list-scroll' }, this.searchView, this.article, this.ask),
    );
    this.showResults();
  }

  /** Opened: the search box focused. */
  focus() {
    (this.article.hidden ? this.input : this.back).focus();
  }

  typed() {
    clearTimeout(this.timer);
    this.timer = window.setTimeout(() => this.search(), DEBOUNCE_MS);
  }

  async search() {
    clearTimeout(this.timer);
    const q = helpQuery(this.input.value);
    const asked = ++this.asked;
    this.showResults();
    if (!q) {
      this.results.replaceChildren();
      this.say('Type a question or a few words.');
      return;
    }
    this.say('Searching…');
    try {
      const found = await this.get(`/v1/widget/help/search?q=${encodeURIComponent(q)}&limit=6`);
      if (asked !== this.asked) return;
      /** @type {Hit[]} */
      const hits = Array.isArray(found?.results) ? found.results : [];
      this.results.replaceChildren(...hits.map((hit) => this.item(hit)));
      this.say(hits.length ? '' : 'No articles match. Try other words, or ask us.');
    } catch {
      if (asked === this.asked) this.say('The help center could not be searched. Please try again.');
    }
  }

  /** @param {Hit} hit */
  item(hit) {
    return h(
      'li',
      null,
      h(
        'button',
        {
          type: 'button',
          class: 'fs-conv fs-help-hit',
          'data-testid': 'fs-help-result',
          'data-article-id': hit.article_id,
          onclick: () => this.open(hit.article_id),
        },
        h('span', { class: 'fs-conv-title', 'data-testid': 'fs-help-result-title' }, String(hit.title || 'Untitled')),
        h('span', { class: 'fs-help-snippet' }, String(hit.snippet || '')),
      ),
    );
  }

  /** @param {string} id */
  async open(id) {
    const asked = ++this.asked;
    this.say('Opening…');
    try {
      /** @type {Article} */
      const found = await this.get(`/v1/widget/help/articles/${encodeURIComponent(id)}`);
      if (asked !== this.asked) return;
      this.article.replaceChildren(
        h('h3', { class: 'fs-help-title', 'data-testid': 'fs-help-article-title' }, String(found.title || '')),
        h(
          'div',
          { class: 'fs-body fs-md fs-help-body', 'data-testid': 'fs-help-article-body' },
          ...markdown(found.body, h),
        ),
      );
      this.say('');
      this.searchView.hidden = true;
      this.article.hidden = false;
      this.el.querySelector('.fs-list-scroll')?.scrollTo?.(0, 0);
      this.back.focus();
    } catch {
      if (asked === this.asked) this.say('The article could not be opened. Please try again.');
    }
  }

  showResults() {
    this.article.hidden = true;
    this.searchView.hidden = false;
  }

  /** @param {string} text */
  say(text) {
    this.note.textContent = text;
    this.note.hidden = !text;
  }

  /** @param {string} path */
  async get(path) {
    const token = await this.token();
    if (!token) throw new Error('no visitor token');
    const response = await this.fetcher(`${this.server}${path}`, {
      headers: { authorization: `Bearer ${token}` },
      credentials: 'omit',
    });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return response.json();
  }
}
