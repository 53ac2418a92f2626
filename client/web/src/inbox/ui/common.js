/** Small shared pieces: icons, avatars, chips, labels, a ticking clock. */

import { html } from 'htm/preact';
import { Component, h } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { shortId } from '../../shared/ids.js';

// Stroke icons (24x24 grid, drawn for this app in the Feather style).
const PATHS = {
  inbox:
    'M22 12h-6l-2 3h-4l-2-3H2 M5.45 5.11 2 12v6a2 2 0 0 0 2 2h16a2 2 0 0 0 2-2v-6l-3.45-6.89A2 2 0 0 0 16.76 4H7.24a2 2 0 0 0-1.79 1.11z',
  ticket:
    'M3 7a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2v3a2 2 0 0 0 0 4v3a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2v-3a2 2 0 0 0 0-4z M14 5v2 M14 11v2 M14 17v2',
  web: 'M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20z M2 12h20 M12 2a15 15 0 0 1 4 10 15 15 0 0 1-4 10 15 15 0 0 1-4-10 15 15 0 0 1 4-10z',
  email: 'M4 4h16a2 2 0 0 1 2 2v12a2 2 0 0 1-2 2H4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z M22 6l-10 7L2 6',
  sms: 'M21 15a2 2 0 0 1-2 2H7l-4 4V5a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2z',
  whatsapp:
    'M22 16.92v3a2 2 0 0 1-2.18 2 19.8 19.8 0 0 1-8.63-3.07 19.5 19.5 0 0 1-6-6A19.8 19.8 0 0 1 2.1 4.18 2 2 0 0 1 4.1 2h3a2 2 0 0 1 2 1.72c.13.96.36 1.9.7 2.81a2 2 0 0 1-.45 2.11L8.1 9.9a16 16 0 0 0 6 6l1.27-1.27a2 2 0 0 1 2.11-.45c.9.34 1.85.57 2.81.7A2 2 0 0 1 22 16.92z',
  api: 'M16 18l6-6-6-6 M8 6l-6 6 6 6',
  search: 'M11 3a8 8 0 1 0 0 16 8 8 0 0 0 0-16z M21 21l-4.35-4.35',
  x: 'M18 6 6 18 M6 6l12 12',
  sparkle:
    'M12 3l1.9 5.1L19 10l-5.1 1.9L12 17l-1.9-5.1L5 10l5.1-1.9z M19 15l.9 2.1L22 18l-2.1.9L19 21l-.9-2.1L16 18l2.1-.9z',
  bot: 'M12 8V4 M8 4h8 M5 8h14a2 2 0 0 1 2 2v8a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2v-8a2 2 0 0 1 2-2z M9 13v2 M15 13v2',
  lock: 'M5 11h14a2 2 0 0 1 2 2v7a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2v-7a2 2 0 0 1 2-2z M7 11V7a5 5 0 0 1 10 0v4',
  send: 'M22 2 11 13 M22 2l-7 20-4-9-9-4z',
  help: 'M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20z M9.1 9a3 3 0 0 1 5.8 1c0 2-3 3-3 3 M12 17h.01',
  logout: 'M9 21H5a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2h4 M16 17l5-5-5-5 M21 12H9',
  external: 'M18 13v6a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V8a2 2 0 0 1 2-2h6 M15 3h6v6 M10 14 21 3',
  clock: 'M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20z M12 6v6l4 2',
  alert: 'M10.3 3.9 1.8 18a2 2 0 0 0 1.7 3h17a2 2 0 0 0 1.7-3L13.7 3.9a2 2 0 0 0-3.4 0z M12 9v4 M12 17h.01',
  user: 'M20 21v-2a4 4 0 0 0-4-4H8a4 4 0 0 0-4 4v2 M12 3a4 4 0 1 0 0 8 4 4 0 0 0 0-8z',
  users:
    'M17 21v-2a4 4 0 0 0-4-4H5a4 4 0 0 0-4 4v2 M9 3a4 4 0 1 0 0 8 4 4 0 0 0 0-8z M23 21v-2a4 4 0 0 0-3-3.87 M16 3.13a4 4 0 0 1 0 7.75',
  arrowDown: 'M12 5v14 M19 12l-7 7-7-7',
  check: 'M20 6 9 17l-5-5',
  eye: 'M1 12s4-8 11-8 11 8 11 8-4 8-11 8-11-8-11-8z M12 9a3 3 0 1 0 0 6 3 3 0 0 0 0-6z',
  tag: 'M20.6 13.4l-7.2 7.2a2 2 0 0 1-2.8 0L2 12V2h10l8.6 8.6a2 2 0 0 1 0 2.8z M7 7h.01',
  panel: 'M3 3h18v18H3z M15 3v18',
  stop: 'M6 6h12v12H6z',
  book: 'M4 19.5A2.5 2.5 0 0 1 6.5 17H20 M6.5 2H20v20H6.5A2.5 2.5 0 0 1 4 19.5v-15A2.5 2.5 0 0 1 6.5 2z',
  logo: 'M4 5a3 3 0 0 1 3-3h10a3 3 0 0 1 3 3v8a3 3 0 0 1-3 3h-6l-5 4v-4a2 2 0 0 1-2-2z M8 8h8 M8 12h5',
  star: 'M12 2l3.1 6.3 6.9 1-5 4.9 1.2 6.9L12 17.8l-6.2 3.3L7 14.2 2 9.3l6.9-1z',
  pause: 'M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20z M10 9v6 M14 9v6',
  settings:
    'M3 6h4 M11 6h10 M3 12h10 M17 12h4 M3 18h6 M13 18h8 M9 4a2 2 0 1 1 0 4 2 2 0 0 1 0-4z M15 10a2 2 0 1 1 0 4 2 2 0 0 1 0-4z M11 16a2 2 0 1 1 0 4 2 2 0 0 1 0-4z',
  key: 'M7 11a4 4 0 1 0 0 8 4 4 0 0 0 0-8z M10 12l9-9 M16 6l3 3 M14 8l2 2',
  trash: 'M4 7h16 M9 7V4h6v3 M6 7l1 13h10l1-13 M10 11v6 M14 11v6',
  plus: 'M12 5v14 M5 12h14',
  copy: 'M9 9h11v11H9z M5 15H4V4h11v1',
  refresh: 'M20 12a8 8 0 1 1-2.34-5.66 M20 4v5h-5',
  upload: 'M12 16V4 M7 9l5-5 5 5 M4 16v4h16v-4',
  plug: 'M9 2v6 M15 2v6 M6 8h12v4a6 6 0 0 1-12 0z M12 18v4',
  shield: 'M12 2l8 3v6c0 5-3.5 9-8 11-4.5-2-8-6-8-11V5z',
  device: 'M3 4h18v12H3z M8 20h8 M12 16v4',
  edit: 'M4 20h4L19 9l-4-4L4 16z M13 7l4 4',
  chart: 'M3 3v18h18 M8 17v-5 M13 17V8 M18 17v-8',
};

export function Icon({ name, size = 16, label, class: cls = '' }) {
  const d = PATHS[name] || PATHS.help;
  return html`<svg class=${`icon ${cls}`} width=${size} height=${size} viewBox="0 0 24 24" fill="none" stroke="currentColor"
    stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden=${label ? undefined : 'true'}
    role=${label ? 'img' : undefined} aria-label=${label}><path d=${d} /></svg>`;
}

export const CHANNEL_LABEL = { web: 'Web chat', email: 'E-mail', sms: 'SMS', whatsapp: 'WhatsApp', api: 'API' };

export function ChannelIcon({ channel }) {
  return html`<span class="channel" title=${CHANNEL_LABEL[channel] || channel}>
    <${Icon} name=${PATHS[channel] ? channel : 'web'} size=${13} label=${CHANNEL_LABEL[channel] || channel} />
  </span>`;
}

export const STATUS_LABEL = {
  open: 'Open',
  pending: 'Pending',
  waiting_human: 'Waiting for human',
  resolved: 'Resolved',
  closed: 'Closed',
  new: 'New',
  solved: 'Solved',
};

export function StatusChip({ status, short = false }) {
  const label = short && status === 'waiting_human' ? 'Needs human' : STATUS_LABEL[status] || status;
  return html`<span class=${`chip status-${status}`}>${label}</span>`;
}

export const PRIORITIES = ['low', 'normal', 'high', 'urgent'];

export function PriorityChip({ priority }) {
  if (priority !== 'high' && priority !== 'urgent') return null;
  return html`<span class=${`chip priority-${priority}`}>${priority === 'urgent' ? 'Urgent' : 'High'}</span>`;
}

/** A contact's display name: name, else e-mail, else "Visitor · 3fa2c1". */
export function contactName(contact, contactId) {
  if (contact?.name) return contact.name;
  if (contact?.email) return contact.email;
  return `Visitor · ${shortId(contact?.id || contactId)}`;
}

export function initials(name) {
  const words = String(name || '?')
    .replace(/[^\p{L}\p{N} ]/gu, ' ')
    .trim()
    .split(/\s+/);
  const letters = words.length > 1 ? words[0][0] + words[words.length - 1][0] : (words[0] || '?').slice(0, 2);
  return (letters || '?').toUpperCase();
}

// Muted avatar tones (content colour, not the accent), all with white text >= 4.5:1.
const TONES = ['#5b4a8a', '#2f6f5e', '#7a4a3a', '#3d5a80', '#6b4f2a', '#4f5d75', '#70406b', '#2e6a7a'];

function toneOf(key) {
  let h = 0;
  for (const ch of String(key)) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return TONES[h % TONES.length];
}

export function Avatar({ name, kind = 'visitor', id, size = 32 }) {
  const style = `width:${size}px;height:${size}px;font-size:${Math.round(size * 0.38)}px`;
  if (kind === 'ai')
    return html`<span class="avatar avatar-ai" style=${style}><${Icon} name="sparkle" size=${Math.round(size * 0.55)} /></span>`;
  if (kind === 'bot')
    return html`<span class="avatar avatar-bot" style=${style}><${Icon} name="bot" size=${Math.round(size * 0.55)} /></span>`;
  if (kind === 'system')
    return html`<span class="avatar avatar-bot" style=${style}><${Icon} name="alert" size=${Math.round(size * 0.5)} /></span>`;
  return html`<span class="avatar" style=${`${style};background:${toneOf(id || name)}`} aria-hidden="true">${initials(name)}</span>`;
}

/** Re-render every `ms` so relative times stay true. */
export function useNow(ms = 30000) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(t);
  }, [ms]);
  return now;
}

/** An agent's name: the staff list's, else what the inbox has heard (presence, senders, comments). */
export function agentName(names, id, me) {
  if (!id) return 'Unassigned';
  if (me && id === me.id) return `${me.name} (you)`;
  return names[id] || `Agent ${shortId(id)}`;
}

export const ONLINE_MARK = '● ';

/**
 * Assignee options: Unassigned, me, then the tenant's staff (GET /v1/users) with those
 * online marked "● ", and the current assignee if neither lists them. Without a staff list
 * (a server without it, or refusing it): the agents online, as presence tells.
 */
export function assigneeOptions(state, current) {
  const me = state.session.user;
  const online = new Set((state.presence.agents || []).map((a) => a.id));
  const seen = new Set([me.id]);
  const options = [
    { value: '', label: 'Unassigned' },
    { value: me.id, label: `${me.name} (you)` },
  ];
  const add = (id, name) => {
    if (!id || seen.has(id)) return;
    seen.add(id);
    const label = name || agentName(state.names, id, me);
    options.push({ value: id, label: online.has(id) ? `${ONLINE_MARK}${label}` : label });
  };
  const staff = state.staff?.state === 'ok' ? state.staff.users || [] : [];
  for (const u of staff) add(u.id, u.name || u.email);
  // Online but not (yet) in the list: someone added since it was read, or no list at all.
  for (const a of state.presence.agents || []) add(a.id, a.name || state.names[a.id]);
  if (current) add(current, null);
  return options;
}

export function Spinner({ label = 'Loading' }) {
  return html`<span class="spinner" role="status" aria-label=${label}></span>`;
}

/** Skip re-rendering `fn` while its props are shallow-equal (preact/compat's memo, without compat). */
export function memo(fn) {
  class Memo extends Component {
    shouldComponentUpdate(next) {
      for (const key in next) if (next[key] !== this.props[key]) return true;
      for (const key in this.props) if (!(key in next)) return true;
      return false;
    }

    render(props) {
      return h(fn, props);
    }
  }
  Memo.displayName = `Memo(${fn.name})`;
  return Memo;
}
