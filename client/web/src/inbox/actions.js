/**
 * What the agent does: navigate, open a conversation, send, change status / assignee /
 * priority / tags, stop the AI. Changes to a conversation are shown at once and undone
 * if the server refuses them (its `error` frame becomes a toast).
 */

import { uuid } from '../shared/ids.js';
import { countUnread, mergeConversations } from './conversations.js';
import { deliver, stopTyping, subscribe, unsubscribe } from './live.js';
import { hashOf, parseLocation, patchIn, store, toast, toastError, urlOf } from './state.js';
import { addPending } from './thread.js';
import { loadTicket } from './tickets.js';
import { request } from './wire.js';

// -- routing ---------------------------------------------------------------------------------

/**
 * Go to a route. Inside the inbox the hash moves (its hashchange applies the route); to or
 * from the settings area the path moves too, as a new history entry (popstate brings the
 * agent back).
 */
export function navigate(route) {
  if (route.view !== 'settings' && location.pathname === '/inbox') {
    const hash = hashOf(route);
    if (location.hash !== hash) location.hash = hash;
    else applyRoute(parseLocation(location));
    return;
  }
  const url = urlOf(route);
  if (`${location.pathname}${location.hash}` !== url) history.pushState(null, '', url);
  applyRoute(parseLocation(location));
}

/** The hash changed: leave the old conversation, open the new one. */
export function applyRoute(route) {
  const before = store.get().route;
  if (before.conversationId && before.conversationId !== route.conversationId) {
    unsubscribe(before.conversationId);
    countUnread([before.conversationId]);
  }
  store.set((s) => ({
    ...s,
    route,
    cursor: route.conversationId || route.ticketId || s.cursor,
    lastConversationId: route.view === 'conversations' ? route.conversationId : s.lastConversationId,
    lastTicketId: route.view === 'tickets' ? route.ticketId : s.lastTicketId,
    lastSettingsPage: route.view === 'settings' ? route.page : s.lastSettingsPage,
  }));
  if (route.conversationId && route.conversationId !== before.conversationId) openConversation(route.conversationId);
  if (route.ticketId) loadTicket(route.ticketId);
}

/** "Conversations" / "Tickets" / "Reports" / "Settings" (and g c / g t / g s): back to what was open there. */
export function goTo(view) {
  const s = store.get();
  if (view === 'settings') navigate({ view, page: s.lastSettingsPage });
  else if (view === 'tickets') navigate({ view, ticketId: s.lastTicketId });
  else if (view === 'reports') navigate({ view });
  else navigate({ view, conversationId: s.lastConversationId });
}

/** Follow the conversation (its replay fills the transcript); the panels load their parts. */
export function openConversation(id) {
  subscribe(id);
}

// -- sending ---------------------------------------------------------------------------------

export function setDraft(id, text) {
  store.set((s) => patchIn(s, 'drafts', id, () => text));
}

export function setComposerMode(mode) {
  store.set((s) => (s.composerMode === mode ? s : { ...s, composerMode: mode }));
}

/**
 * Send the composer: its text and its uploaded files (ui/Attachments.js), as a reply or an
 * internal note (`private: true`). Shown at once as pending, delivered by live.js. Nothing
 * goes while a file is still uploading; with files, the text may be empty.
 */
export function sendComposer(id) {
  const state = store.get();
  const files = state.uploads[id] || [];
  if (files.some((f) => f.state === 'uploading')) return false;
  const attachments = files.filter((f) => f.state === 'ready').map((f) => f.upload);
  const body = (state.drafts[id] || '').trim();
  if (!body && !attachments.length) return false;
  if (body.length > 8000) {
    toast('Messages are limited to 8,000 characters.');
    return false;
  }
  const item = {
    client_msg_id: uuid(),
    body,
    private: state.composerMode === 'note',
    state: 'sending',
    created_at: new Date().toISOString(),
  };
  if (attachments.length) item.attachments = attachments;
  stopTyping(id);
  store.set((s) => {
    let next = patchIn(s, 'threads', id, (t) => addPending(t, item));
    next = patchIn(next, 'drafts', id, () => '');
    return attachments.length ? patchIn(next, 'uploads', id, () => []) : next;
  });
  deliver(id, item);
  return true;
}

// -- changing the conversation ---------------------------------------------------------------

export async function updateConversation(id, values) {
  const before = store.get().convs[id];
  if (!before) return;
  store.set((s) => patchIn(s, 'convs', id, values));
  try {
    const ack = await request('conversation.update', { conversation_id: id, ...values });
    store.set((s) => mergeConversations(s, [ack.conversation]));
  } catch (error) {
    const undo = Object.fromEntries(Object.keys(values).map((k) => [k, before[k]]));
    store.set((s) => patchIn(s, 'convs', id, undo));
    toastError(error, 'Not changed');
  }
}

export function assignToMe(id) {
  const me = store.get().session?.user.id;
  if (id && me) updateConversation(id, { assignee_id: me });
}

export function resolve(id) {
  if (id) updateConversation(id, { status: 'resolved' });
}

export function addTag(id, raw) {
  const conv = store.get().convs[id];
  const fresh = raw
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
  const tooLong = fresh.find((t) => t.length > 50);
  if (tooLong) {
    toast('Tags are at most 50 characters.');
    return;
  }
  const tags = [...new Set([...(conv.tags || []), ...fresh])];
  if (tags.length !== (conv.tags || []).length) updateConversation(id, { tags });
}

export function removeTag(id, tag) {
  const conv = store.get().convs[id];
  updateConversation(id, { tags: (conv.tags || []).filter((t) => t !== tag) });
}

/** "Stop AI and take over": the running answer ends (`ai.done` stopped); the agent writes. */
export async function stopAi(id) {
  if (!id || !store.get().streams[id]) return;
  try {
    await request('ai.stop', { conversation_id: id });
    store.set((s) => {
      const { [id]: _, ...streams } = s.streams;
      return { ...s, streams };
    });
    focusComposer('reply');
  } catch (error) {
    toastError(error, 'Could not stop the AI');
  }
}

/** Focus the composer in a mode (r / n shortcuts, after "Stop AI and take over"). */
export function focusComposer(mode) {
  if (mode) store.set((s) => (s.composerMode === mode ? s : { ...s, composerMode: mode }));
  const focus = () => document.querySelector('[data-testid="composer"]')?.focus();
  focus();
  requestAnimationFrame(focus); // after a render that (re)creates it
}
