/** The composer: Reply or Internal note, Enter sends, Shift+Enter adds a line. */

import { html } from 'htm/preact';
import { useLayoutEffect, useRef } from 'preact/hooks';
import { useStore } from '../../shared/store.js';
import { sendComposer, setComposerMode, setDraft } from '../actions.js';
import { agentTyping, stopTyping } from '../live.js';
import { store } from '../state.js';
import { useAttachments } from './Attachments.js';
import { useCannedMenu } from './CannedMenu.js';
import { Icon } from './common.js';

export function Composer({ id }) {
  const mode = useStore(store, (s) => s.composerMode);
  const draft = useStore(store, (s) => s.drafts[id] || '');
  const ref = useRef(null);
  const note = mode === 'note';
  const canned = useCannedMenu(id, ref);
  const files = useAttachments(id);

  // Grow with the text, up to a limit (then scroll).
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.style.height = 'auto';
    el.style.height = `${Math.min(el.scrollHeight, 220)}px`;
  }, [draft, mode]);

  function onInput(e) {
    setDraft(id, e.currentTarget.value);
    canned.onInput(e);
    // Only replies tell the customer someone is typing; a note is invisible to them.
    if (!note && e.currentTarget.value.trim()) agentTyping(id);
  }

  function onKeyDown(e) {
    if (canned.onKeyDown(e)) return;
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing && !e.altKey) {
      e.preventDefault();
      sendComposer(id);
    } else if (e.key === 'Escape') {
      e.currentTarget.blur();
    }
  }

  function switchMode(next) {
    if (next === 'note') stopTyping(id);
    setComposerMode(next);
    ref.current?.focus();
  }

  return html`<div class=${`composer ${note ? 'composer-note' : ''}`}>
    <div class="composer-modes" role="group" aria-label="Message type">
      <button data-testid="composer-mode-reply" class=${`mode ${note ? '' : 'on'}`} aria-pressed=${!note} onClick=${() => switchMode('reply')} title="Reply (r)">
        Reply
      </button>
      <button data-testid="composer-mode-note" class=${`mode mode-note ${note ? 'on' : ''}`} aria-pressed=${note} onClick=${() => switchMode('note')} title="Internal note (n)">
        <${Icon} name="lock" size=${12} /> Internal note
      </button>
      ${note && html`<span class="note-hint">Only your team sees notes</span>`}
    </div>
    <div class=${`composer-box ${files.over ? 'drop-over' : ''}`} ...${files.drop}>
      ${canned.menu}
      ${files.tray}
      <textarea ref=${ref} data-testid="composer" rows="1" value=${draft} onInput=${onInput} onKeyDown=${onKeyDown}
        onBlur=${() => {
          stopTyping(id);
          canned.close();
        }} ...${canned.aria} onPaste=${files.onPaste}
        aria-label=${note ? 'Internal note' : 'Reply to the customer'}
        placeholder=${note ? 'Write an internal note — only your team can see it' : 'Write a reply…'}></textarea>
      <div class="composer-foot">
        ${files.button}
        <span class="muted small"><kbd>Enter</kbd> to send · <kbd>Shift</kbd>+<kbd>Enter</kbd> new line</span>
        <button data-testid="composer-send" class=${`btn ${note ? 'btn-note' : 'btn-primary'}`} disabled=${files.busy || (!draft.trim() && !files.ready)} onClick=${() => {
          sendComposer(id);
          ref.current?.focus();
        }}>
          <${Icon} name="send" size=${14} /> ${note ? 'Add note' : 'Send'}
        </button>
      </div>
    </div>
  </div>`;
}
