/**
 * The conversation header's Macros menu: the shared macros and the agent's own, each
 * applied to this conversation in one click (`POST /v1/macros/{id}/apply`). The changes
 * and the reply arrive like any others (the live events); the answer's conversation is
 * merged at once. A failing action is named in a toast, with how many ran before it.
 */

import { html } from 'htm/preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { navigate } from '../actions.js';
import { mergeConversations } from '../conversations.js';
import { applyMacro, describeAction, loadMacros, variableHint } from '../replies.js';
import { store, toast, toastError } from '../state.js';
import { Icon } from './common.js';

export function MacrosMenu({ conversationId }) {
  const [open, setOpen] = useState(false);
  const [macros, setMacros] = useState(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(null);
  const box = useRef(null);

  useEffect(() => {
    if (!open) return undefined;
    let live = true;
    setError('');
    loadMacros()
      .then((list) => live && setMacros(list))
      .catch((e) => live && setError(e.message || 'Could not read the macros'));
    const away = (e) => {
      if (box.current && !box.current.contains(e.target)) setOpen(false);
    };
    document.addEventListener('mousedown', away);
    return () => {
      live = false;
      document.removeEventListener('mousedown', away);
    };
  }, [open]);

  async function run(macro) {
    setBusy(macro.id);
    try {
      const done = await applyMacro(macro.id, conversationId);
      store.set((s) => mergeConversations(s, [done.conversation]));
      const hint = variableHint({ missing: done.missing });
      toast(`Macro “${macro.name}” applied${hint ? ` · ${hint}` : ''}`, 'info');
      setOpen(false);
    } catch (e) {
      toastError(e, `Macro “${macro.name}”`);
    } finally {
      setBusy(null);
    }
  }

  function onKeyDown(e) {
    if (e.key === 'Escape') {
      e.stopPropagation();
      setOpen(false);
      box.current?.querySelector('[data-testid="macros-button"]')?.focus();
    }
  }

  return html`<div class="macros" ref=${box} onKeyDown=${onKeyDown}>
    <button data-testid="macros-button" class="btn btn-sm" aria-haspopup="menu" aria-expanded=${open} onClick=${() => setOpen(!open)}>
      <${Icon} name="sparkle" size=${13} /> Macros
    </button>
    ${
      open &&
      html`<div class="macros-menu" role="menu" aria-label="Macros" data-testid="macros-menu">
        ${error && html`<p class="form-error" role="alert">${error}</p>`}
        ${!error && macros === null && html`<p class="muted small macros-empty">Loading…</p>`}
        ${
          macros?.length === 0 &&
          html`<p class="muted small macros-empty">No macros yet.
            <button class="link-btn" onClick=${() => navigate({ view: 'settings', page: 'macros' })}>Create one in Settings</button></p>`
        }
        ${(macros || []).map(
          (
            m,
          ) => html`<button key=${m.id} role="menuitem" class="macros-item" data-testid="macro-item" data-name=${m.name}
            disabled=${!!busy} onClick=${() => run(m)} title=${m.actions.map(describeAction).join('\n')}>
            <span class="macros-name">${busy === m.id ? 'Applying…' : m.name}${!m.shared && html` <span class="chip">Mine</span>`}</span>
            <span class="muted small">${m.actions.map(describeAction).join(' · ')}</span>
          </button>`,
        )}
      </div>`
    }
  </div>`;
}
