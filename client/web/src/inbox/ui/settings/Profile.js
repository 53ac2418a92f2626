/**
 * Profile, everyone's page: who you are (admins rename themselves with `PATCH
 * /v1/users/{id}`, as they rename anyone; an agent's name is an admin's to change), your
 * password (`POST /v1/auth/password`: your other sessions end), where you are signed in
 * (`GET /v1/auth/sessions`, signing one out with `DELETE /v1/auth/sessions/{id}`), and this
 * browser's preferences (prefs.js: localStorage, nothing on the server), notifications included.
 */

import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { useStore } from '../../../shared/store.js';
import { ago } from '../../../shared/time.js';
import { api } from '../../http.js';
import { askPermission, permission, playChime } from '../../notifications.js';
import { changePrefs, refreshMe } from '../../session.js';
import { isAdminRole } from '../../settings/pages.js';
import { browserOf, MIN_PASSWORD, passwordProblem } from '../../settings/values.js';
import { store } from '../../state.js';
import { Icon } from '../common.js';
import { ErrorNote, Field, Loaded, PageHead, Section, Toggle, useAction, useConfirm, useLoad, when } from './kit.js';

const ROLE_LABEL = { agent: 'Agent', admin: 'Admin', super_admin: 'Super admin' };

export function Profile() {
  const sessions = useLoad(() => api('/v1/auth/sessions').then((d) => d.sessions));
  return html`<${PageHead} title="Profile" text="Your account, where you are signed in, and how the inbox looks and behaves in this browser." />
    <${You} />
    <${PasswordForm} onChanged=${sessions.reload} />
    <${Sessions} sessions=${sessions} />
    <${Preferences} />`;
}

function You() {
  const user = useStore(store, (s) => s.session.user);
  const admin = isAdminRole(user.role);
  const [name, setName] = useState(user.name || '');
  const [saved, setSaved] = useState(false);
  const action = useAction();
  async function submit(e) {
    e.preventDefault();
    setSaved(false);
    const ok = await action.run('name', async () => {
      await api(`/v1/users/${encodeURIComponent(user.id)}`, { method: 'PATCH', body: { name: name.trim() } });
      await refreshMe();
      return true;
    });
    if (ok) {
      setName(store.get().session.user.name || '');
      setSaved(true);
    }
  }
  return html`<${Section} title="You" testid="profile-you">
    ${
      admin
        ? html`<form class="inline-form narrow-form" onSubmit=${submit}>
          <${Field} label="Name" id="profile-name-input" help="What customers and teammates see beside your replies.">
            <input id="profile-name-input" required maxlength="200" autocomplete="name" value=${name} data-testid="profile-name-input"
              aria-describedby="profile-name-input-help" onInput=${(e) => {
                setSaved(false);
                setName(e.currentTarget.value);
              }} />
          </${Field}>
          <button class="btn" type="submit" disabled=${!!action.busy || !name.trim() || name.trim() === user.name} data-testid="profile-name-save">
            ${action.busy ? 'Saving…' : 'Save name'}</button>
        </form>
        <${ErrorNote} error=${action.error} testid="profile-name-error" />
        ${saved && html`<p class="form-ok" role="status" data-testid="profile-name-saved"><${Icon} name="check" size=${14} /> Saved.</p>`}`
        : ''
    }
    <dl class="facts settings-facts">
      ${!admin && html`<dt>Name</dt><dd data-testid="profile-name">${user.name || '—'} <span class="muted small">(an admin can change it)</span></dd>`}
      <dt>E-mail</dt><dd data-testid="profile-email">${user.email}</dd>
      <dt>Role</dt><dd data-testid="profile-role">${ROLE_LABEL[user.role] || user.role}</dd>
    </dl>
  </${Section}>`;
}

function PasswordForm({ onChanged }) {
  const [form, setForm] = useState({ current: '', next: '', again: '' });
  const [done, setDone] = useState(false);
  const action = useAction();
  const set = (key) => (e) => {
    setDone(false);
    setForm((f) => ({ ...f, [key]: e.currentTarget.value }));
  };

  async function submit(e) {
    e.preventDefault();
    const problem = passwordProblem(form.next, form.again);
    if (problem) {
      action.setError(problem);
      return;
    }
    const ok = await action.run('password', async () => {
      await api('/v1/auth/password', {
        method: 'POST',
        body: { current_password: form.current, new_password: form.next },
      });
      return true;
    });
    if (ok) {
      setForm({ current: '', next: '', again: '' });
      setDone(true);
      await onChanged();
    }
  }

  return html`<${Section} title="Password" text=${`At least ${MIN_PASSWORD} characters. Changing it signs you out everywhere else; you stay signed in here.`} testid="profile-password">
    <form class="settings-form narrow" onSubmit=${submit}>
      <${Field} label="Current password" id="pw-current">
        <input id="pw-current" type="password" autocomplete="current-password" required value=${form.current}
          onInput=${set('current')} data-testid="password-current" />
      </${Field}>
      <${Field} label="New password" id="pw-new">
        <input id="pw-new" type="password" autocomplete="new-password" required value=${form.next}
          onInput=${set('next')} data-testid="password-new" />
      </${Field}>
      <${Field} label="New password again" id="pw-again">
        <input id="pw-again" type="password" autocomplete="new-password" required value=${form.again}
          onInput=${set('again')} data-testid="password-again" />
      </${Field}>
      <${ErrorNote} error=${action.error} testid="password-error" />
      ${done && html`<p class="form-ok" role="status" data-testid="password-done"><${Icon} name="check" size=${14} /> Your password is changed; your other sessions are signed out.</p>`}
      <div><button class="btn btn-primary" type="submit" disabled=${!!action.busy} data-testid="password-submit">
        ${action.busy ? 'Changing…' : 'Change password'}
      </button></div>
    </form>
  </${Section}>`;
}

function Sessions({ sessions }) {
  const action = useAction();
  const [dialog, confirm] = useConfirm();

  async function end(session) {
    const sure = await confirm({
      title: 'Sign this session out?',
      text: `${browserOf(session.user_agent)}${session.address ? ` at ${session.address}` : ''} will have to sign in again.`,
      confirm: 'Sign out',
    });
    if (!sure) return;
    await action.run(session.id, () =>
      api(`/v1/auth/sessions/${encodeURIComponent(session.id)}`, { method: 'DELETE' }),
    );
    await sessions.reload();
  }

  return html`<${Section} title="Where you are signed in" text="Sign out a browser you no longer use, or one that is not yours." testid="profile-sessions">
    <${Loaded} resource=${sessions} what="Your sessions">
      ${(
        list,
      ) => html`<${ErrorNote} error=${action.error || (sessions.error && `Could not refresh: ${sessions.error.message}`)} />
        <ul class="settings-list" data-testid="session-list">
          ${list.map(
            (
              s,
            ) => html`<li key=${s.id} class="settings-item" data-testid="session-row" data-current=${s.current ? 'true' : 'false'}>
            <span class="settings-item-icon"><${Icon} name="device" size=${16} /></span>
            <div class="settings-item-main">
              <div><strong>${browserOf(s.user_agent)}</strong>${s.current && html` <span class="chip status-open">This browser</span>`}</div>
              <div class="muted small">${s.address || 'Unknown address'} · signed in ${when(s.created_at)} · active ${ago(s.last_seen_at) || when(s.last_seen_at)}</div>
            </div>
            ${
              !s.current &&
              html`<button class="btn btn-sm" disabled=${!!action.busy} onClick=${() => end(s)} data-testid="session-end">
                ${action.busy === s.id ? 'Signing out…' : 'Sign out'}
              </button>`
            }
          </li>`,
          )}
        </ul>`}
    </${Loaded}>
    ${dialog}
  </${Section}>`;
}

function Preferences() {
  const prefs = useStore(store, (s) => s.prefs);
  const [kept, setKept] = useState(true);
  const change = (patch) => setKept(changePrefs(patch));
  return html`<${Section} title="Preferences" text="Kept in this browser, for you only." testid="profile-preferences">
    <fieldset class="setting-row">
      <legend class="setting-label">Density
        <span class="muted small">How much fits on screen in lists and transcripts.</span>
      </legend>
      <div class="segmented" role="radiogroup" aria-label="Density">
        ${[
          ['comfortable', 'Comfortable'],
          ['compact', 'Compact'],
        ].map(
          ([value, label]) => html`<label class=${`segment ${prefs.density === value ? 'on' : ''}`}>
          <input type="radio" name="density" value=${value} checked=${prefs.density === value}
            onChange=${() => change({ density: value })} data-testid=${`pref-density-${value}`} />
          ${label}
        </label>`,
        )}
      </div>
    </fieldset>
    <${Toggle} label="Single-key shortcuts" testid="pref-shortcuts" checked=${prefs.shortcuts}
      text="j, k, r, n, a, e, s, / and ? act without a modifier key. Turn them off if you use speech input or they fire by accident; Esc still leaves a field."
      onChange=${(on) => change({ shortcuts: on })} />
    <${Notifications} prefs=${prefs} change=${change} />
    ${!kept && html`<p class="form-error" role="alert">This browser would not store them: they last until you reload.</p>`}
  </${Section}>`;
}

const PERMISSION_TEXT = {
  granted: 'This browser shows them.',
  denied: 'This browser blocks notifications from this site: allow them in its site settings.',
  default: 'This browser has not been asked yet.',
  unsupported: 'This browser cannot show notifications; the tab title still counts them.',
};

/** Which announcements this agent wants (notifications.js), and the browser's permission. */
function Notifications({ prefs, change }) {
  const [granted, setGranted] = useState(permission());
  return html`<fieldset class="setting-group" data-testid="profile-notifications">
    <legend class="setting-label">Notifications
      <span class="muted small" data-testid="notify-permission">${PERMISSION_TEXT[granted] || granted}</span>
    </legend>
    ${
      granted === 'default' &&
      html`<button class="btn btn-sm" type="button" data-testid="notify-ask"
        onClick=${async () => setGranted(await askPermission())}>Allow desktop notifications</button>`
    }
    <${Toggle} label="A customer waits for a person" testid="pref-notify-waiting" checked=${prefs.notifyWaiting}
      text="A conversation handed over by the AI or asked for by the customer, unassigned or assigned to you."
      onChange=${(on) => change({ notifyWaiting: on })} />
    <${Toggle} label="Replies in my conversations" testid="pref-notify-replies" checked=${prefs.notifyReplies}
      text="A customer writes in a conversation assigned to you, while you are not reading it."
      onChange=${(on) => change({ notifyReplies: on })} />
    <${Toggle} label="Play a sound" testid="pref-sound" checked=${prefs.sound}
      text="A short chime with each of them."
      onChange=${(on) => {
        change({ sound: on });
        if (on) playChime(); // what it sounds like (and a user gesture, which browsers want for audio)
      }} />
  </fieldset>`;
}
