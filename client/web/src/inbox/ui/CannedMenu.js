/**
 * The composer's `/` menu: typing `/` at the start of a word lists the canned replies
 * (shared and the agent's own) filtered by what follows it; arrow keys move, Enter or Tab
 * inserts the reply the server rendered for this conversation (its variables filled in)
 * in place of the `/word`, Escape closes. Variables the server could not fill are named
 * under the composer.
 */

import { html } from 'htm/preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { setDraft } from '../actions.js';
import { filterReplies, loadReplies, renderReply, slashQuery, spliceText, variableHint } from '../replies.js';
import { store, toastError } from '../state.js';

const MENU_ID = 'canned-menu';

/**
 * For the composer of conversation `id`: `onInput(event)` and `onKeyDown(event)` (true when
 * the menu took the key), `aria` for the textarea, and `menu`, the popup to render.
 */
export function useCannedMenu(id, textarea) {
  const [slash, setSlash] = useState(null); // {start, end, query} while a /word is typed
  const [replies, setReplies] = useState(null); // null: not read yet
  const [active, setActive] = useState(0);
  const [hint, setHint] = useState('');
  const [failed, setFailed] = useState('');
  const alive = useRef(true);
  useEffect(
    () => () => {
      alive.current = false;
    },
    [],
  );
  useEffect(() => {
    setSlash(null);
    setHint('');
  }, [id]);

  const found = slash && replies ? filterReplies(replies, slash.query) : [];
  const open = !!slash;

  function read() {
    setFailed('');
    loadReplies()
      .then((d) => alive.current && setReplies(d.replies))
      .catch((e) => alive.current && setFailed(e.message || 'Could not read the canned replies'));
  }

  function onInput(e) {
    const el = e.currentTarget;
    const next = slashQuery(el.value, el.selectionStart ?? el.value.length);
    if (next && !slash) read(); // fresh on each opening: settings may have changed them
    if (!next || next.query !== slash?.query) setActive(0);
    setSlash(next);
  }

  async function insert(reply) {
    const at = slash;
    setSlash(null);
    if (!reply || !at) return;
    let rendered;
    try {
      rendered = await renderReply(reply.id, id);
    } catch (error) {
      toastError(error, 'Could not insert the reply');
      return;
    }
    const draft = store.get().drafts[id] || '';
    // The draft may have changed while the server rendered: replace the /word if still there.
    const word = draft[at.start] === '/' ? /^\/[a-z0-9_-]*/i.exec(draft.slice(at.start))[0] : null;
    const start = word ? at.start : draft.length;
    const end = word ? at.start + word.length : draft.length;
    const done = spliceText(draft, start, end, rendered.body);
    setDraft(id, done.text);
    setHint(variableHint(rendered));
    requestAnimationFrame(() => {
      const el = textarea.current;
      if (!el) return;
      el.focus();
      el.setSelectionRange(done.caret, done.caret);
    });
  }

  function onKeyDown(e) {
    if (!open) return false;
    if (e.key === 'Escape') {
      e.preventDefault();
      setSlash(null);
      return true;
    }
    if (!found.length) return false;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((i) => (i + step + found.length) % found.length);
      return true;
    }
    if ((e.key === 'Enter' && !e.shiftKey && !e.isComposing) || e.key === 'Tab') {
      e.preventDefault();
      insert(found[Math.min(active, found.length - 1)]);
      return true;
    }
    return false;
  }

  const current = found.length ? `${MENU_ID}-${Math.min(active, found.length - 1)}` : undefined;
  const aria = {
    'aria-autocomplete': 'list',
    'aria-expanded': open ? 'true' : 'false',
    'aria-controls': open ? MENU_ID : undefined,
    'aria-activedescendant': open ? current : undefined,
  };

  const menu = html`${
    open &&
    html`<div class="canned-menu" data-testid="canned-menu">
      ${
        failed
          ? html`<p class="canned-empty" role="alert">${failed}</p>`
          : replies === null
            ? html`<p class="canned-empty muted small">Loading canned replies…</p>`
            : !found.length
              ? html`<p class="canned-empty muted small" data-testid="canned-empty">
                  ${replies.length ? `No canned reply matches /${slash.query}` : 'No canned replies yet: add them in Settings → Canned replies'}
                </p>`
              : html`<ul id=${MENU_ID} role="listbox" aria-label="Canned replies">
                  ${found.map(
                    (r, i) => html`<li key=${r.id} id=${`${MENU_ID}-${i}`} role="option" aria-selected=${i === active}
                      class=${`canned-item ${i === active ? 'on' : ''}`} data-testid="canned-item" data-code=${r.code}
                      onMouseDown=${(e) => e.preventDefault()} onMouseEnter=${() => setActive(i)} onClick=${() => insert(r)}>
                      <span class="canned-code">/${r.code}</span>
                      <span class="canned-title">${r.title}</span>
                      ${!r.shared && html`<span class="chip canned-mine">Mine</span>`}
                      <span class="canned-body muted small">${r.body}</span>
                    </li>`,
                  )}
                </ul>`
      }
      <p class="canned-foot muted small"><kbd>↑</kbd><kbd>↓</kbd> choose · <kbd>Enter</kbd> insert · <kbd>Esc</kbd> close</p>
    </div>`
  }
  ${
    hint &&
    html`<p class="canned-hint small" role="status" data-testid="canned-hint">${hint}
    <button class="link-btn" onClick=${() => setHint('')} aria-label="Dismiss">×</button></p>`
  }`;

  return { onInput, onKeyDown, aria, menu, close: () => setSlash(null) };
}
