/**
 * The settings area's pages, in the order of its left nav, and where each lives:
 * `/inbox/settings/<id>` (the server serves the app there; `/settings` leads to it).
 *
 * Everyone has Profile (their name, password, sessions and this browser's preferences);
 * the others are the workspace's, for admins. The nav shows a page only to whom it is for,
 * and the API is the authority: an admin page answering 403 shows "admins only" whatever
 * the browser believed about the role.
 */

export const SETTINGS_BASE = '/inbox/settings';

/** @typedef {{id: string, label: string, icon: string, admin: boolean}} SettingsPage */

/** @type {SettingsPage[]} */
export const SETTINGS_PAGES = [
  { id: 'profile', label: 'Profile', icon: 'user', admin: false },
  { id: 'replies', label: 'Canned replies', icon: 'send', admin: false },
  { id: 'macros', label: 'Macros', icon: 'sparkle', admin: false },
  { id: 'team', label: 'Team', icon: 'users', admin: true },
  { id: 'api-keys', label: 'API keys', icon: 'key', admin: true },
  { id: 'widget', label: 'Widget', icon: 'api', admin: true },
  { id: 'channels', label: 'Channels', icon: 'plug', admin: true },
  { id: 'ai', label: 'AI answers', icon: 'sparkle', admin: true },
  { id: 'sla', label: 'SLA & hours', icon: 'clock', admin: true },
  { id: 'fields', label: 'Ticket fields', icon: 'tag', admin: true },
  { id: 'labels', label: 'Labels', icon: 'tag', admin: true },
  { id: 'retention', label: 'Data retention', icon: 'trash', admin: true },
  { id: 'kb', label: 'Knowledge base', icon: 'book', admin: true },
  { id: 'audit', label: 'Audit log', icon: 'shield', admin: true },
  { id: 'privacy', label: 'Privacy requests', icon: 'lock', admin: true },
];

export const DEFAULT_PAGE = 'profile';

const ADMIN_ROLES = new Set(['admin', 'super_admin']);

export function isAdminRole(role) {
  return ADMIN_ROLES.has(role);
}

/** The pages the nav offers this user. */
export function pagesFor(user) {
  const admin = isAdminRole(user?.role);
  return SETTINGS_PAGES.filter((page) => admin || !page.admin);
}

export function pageById(id) {
  return SETTINGS_PAGES.find((page) => page.id === id) || null;
}

export function settingsPath(id) {
  return `${SETTINGS_BASE}/${encodeURIComponent(id || DEFAULT_PAGE)}`;
}

/**
 * The settings page a path names: `/inbox/settings/team` -> 'team', `/inbox/settings` ->
 * the default page; null when the path is not in the settings area. An unknown page is
 * returned as written (the app says there is no such page).
 */
export function settingsPageOf(pathname) {
  const match = /^\/inbox\/settings(?:\/([^/]*))?\/?$/.exec(pathname || '');
  if (!match) return null;
  try {
    return decodeURIComponent(match[1] || '') || DEFAULT_PAGE;
  } catch {
    return match[1];
  }
}
