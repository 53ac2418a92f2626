/**
 * Keyboard shortcuts (listed in the "?" overlay). None fire while the agent types in a
 * field: there only Escape acts (it leaves the field). An agent may turn the single-key
 * ones off (Settings > Profile, prefs.js); Escape stays.
 */

import { assignToMe, focusComposer, goTo, navigate, resolve, stopAi } from './actions.js';
import { visibleIds } from './conversations.js';
import { store } from './state.js';
import { visibleTicketIds } from './tickets.js';

export const SHORTCUTS = [
  ['j', 'Next conversation or ticket'],
  ['k', 'Previous conversation or ticket'],
  ['Enter', 'Open the highlighted one'],
  ['r', 'Reply'],
  ['n', 'Internal note'],
  ['a', 'Assign to me'],
  ['e', 'Resolve'],
  ['s', 'Stop AI and take over'],
  ['/', 'Search'],
  ['g then c', 'Go to conversations'],
  ['g then t', 'Go to tickets'],
  ['g then s', 'Go to settings'],
  ['?', 'Show these shortcuts'],
  ['Esc', 'Close, or leave the field'],
];

function typingIn(target) {
  if (!target?.tagName) return false;
  const tag = target.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || target.isContentEditable;
}

function move(step) {
  const s = store.get();
  const ids = s.route.view === 'tickets' ? visibleTicketIds(s) : visibleIds(s);
  if (!ids.length) return;
  const from =
    s.cursor && ids.includes(s.cursor)
      ? s.cursor
      : s.route.view === 'tickets'
        ? s.route.ticketId
        : s.route.conversationId;
  let index = ids.indexOf(from);
  index = index < 0 ? (step > 0 ? 0 : ids.length - 1) : Math.min(ids.length - 1, Math.max(0, index + step));
  store.set((st) => ({ ...st, cursor: ids[index] }));
}

function openCursor() {
  const s = store.get();
  if (!s.cursor) return;
  if (s.route.view === 'tickets') navigate({ view: 'tickets', ticketId: s.cursor });
  else navigate({ view: 'conversations', conversationId: s.cursor });
}

let gPending = 0;

export function onKeyDown(e) {
  const s = store.get();
  if (!s.session) return;
  if (e.key === 'Escape') {
    if (s.help) store.set((st) => ({ ...st, help: false }));
    else if (document.activeElement && document.activeElement !== document.body) document.activeElement.blur();
    return;
  }
  if (typingIn(e.target) || e.ctrlKey || e.metaKey || e.altKey || e.isComposing) return;
  if (!s.prefs.shortcuts) return;
  if (s.help && e.key !== '?') return;
  const open = s.route.view === 'conversations' ? s.route.conversationId : null;
  const inList = s.route.view !== 'settings';

  if (gPending && Date.now() - gPending < 1500) {
    gPending = 0;
    if (e.key === 't') {
      e.preventDefault();
      goTo('tickets');
      return;
    }
    if (e.key === 'c') {
      e.preventDefault();
      goTo('conversations');
      return;
    }
    if (e.key === 's') {
      e.preventDefault();
      goTo('settings');
      return;
    }
  }
  const actions = {
    j: () => inList && move(1),
    k: () => inList && move(-1),
    Enter: () => {
      const tag = e.target?.tagName;
      if (inList && tag !== 'BUTTON' && tag !== 'A') openCursor();
      else return false;
    },
    r: () => open && focusComposer('reply'),
    n: () => open && focusComposer('note'),
    a: () => open && assignToMe(open),
    e: () => open && resolve(open),
    s: () => open && stopAi(open),
    '/': () => {
      const id = { tickets: 'ticket-search', settings: 'kb-search' }[s.route.view] || 'conv-search';
      document.querySelector(`[data-testid="${id}"]`)?.focus();
    },
    '?': () => store.set((st) => ({ ...st, help: !st.help })),
    g: () => {
      gPending = Date.now();
    },
  };
  const action = actions[e.key];
  if (!action) return;
  if (action() !== false) e.preventDefault();
}
