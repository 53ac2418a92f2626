/**
 * Team (admins): the members (`GET /v1/users`), changing a role (`PATCH /v1/users/{id}`),
 * deactivating someone (`DELETE /v1/users/{id}`: signed out everywhere, kept in the
 * history), inviting by e-mail (`POST /v1/users`: a link to send them, shown here once),
 * and the invitations still open (`GET /v1/invitations`, resend, revoke). The server keeps
 * at least one admin: removing the last one is refused (409) and its words are shown.
 */

import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { useStore } from '../../../shared/store.js';
import { ago } from '../../../shared/time.js';
import { api } from '../../http.js';
import { store } from '../../state.js';
import { Avatar, Icon } from '../common.js';
import {
  ErrorNote,
  Field,
  Loaded,
  OnceSecret,
  PageHead,
  Section,
  useAction,
  useConfirm,
  useLoad,
  when,
} from './kit.js';

const ROLES = [
  ['agent', 'Agent'],
  ['admin', 'Admin'],
];
const ROLE_LABEL = { agent: 'Agent', admin: 'Admin', super_admin: 'Super admin' };

async function loadTeam() {
  const [users, invitations] = await Promise.all([
    api('/v1/users', { query: { include_inactive: true } }),
    api('/v1/invitations'),
  ]);
  return { users: users.users, invitations: invitations.invitations };
}

export function Team() {
  const team = useLoad(loadTeam);
  // The one invitation link on screen (its token works once): {id, email, url, resent}.
  const [link, setLink] = useState(null);
  return html`<${PageHead} title="Team" text="Everyone who signs in to this workspace: agents answer customers, admins also change these settings." />
    <${Loaded} resource=${team} what="The team">
      ${(data) => html`<${Invite} reload=${team.reload} link=${link} setLink=${setLink} />
        <${Invitations} invitations=${data.invitations} reload=${team.reload} link=${link} setLink=${setLink} />
        <${Members} users=${data.users} reload=${team.reload} refreshError=${team.error} />`}
    </${Loaded}>`;
}

function Invite({ reload, link, setLink }) {
  const [email, setEmail] = useState('');
  const [role, setRole] = useState('agent');
  const action = useAction();
  async function submit(e) {
    e.preventDefault();
    setLink(null);
    const made = await action.run('invite', () =>
      api('/v1/users', { method: 'POST', body: { email: email.trim(), role } }),
    );
    if (!made) return;
    setLink({
      id: made.invitation?.id,
      email: made.invitation?.email || email.trim(),
      url: made.invite_url,
      resent: false,
    });
    setEmail('');
    await reload();
  }
  return html`<${Section} title="Invite a teammate" text="They choose their name and password from the link; it works once, for 72 hours." testid="team-invite">
    <form class="invite-form" onSubmit=${submit}>
      <${Field} label="E-mail" id="invite-email">
        <input id="invite-email" type="email" required autocomplete="off" placeholder="teammate@company.com" value=${email}
          onInput=${(e) => setEmail(e.currentTarget.value)} data-testid="invite-email" />
      </${Field}>
      <${Field} label="Role" id="invite-role">
        <select id="invite-role" value=${role} onChange=${(e) => setRole(e.currentTarget.value)} data-testid="invite-role">
          ${ROLES.map(([value, label]) => html`<option value=${value}>${label}</option>`)}
        </select>
      </${Field}>
      <button class="btn btn-primary" type="submit" disabled=${!!action.busy} data-testid="invite-submit">
        ${action.busy ? 'Inviting…' : 'Invite'}
      </button>
    </form>
    <${ErrorNote} error=${action.error} testid="invite-error" />
    ${
      link?.url &&
      !link.resent &&
      html`<${OnceSecret} title=${`Invitation link for ${link.email}`} testid="invite-link" secret=${link.url}
        text="Send them this link (it was also e-mailed to them if this server sends mail). It is shown only now: for a new one, use Resend below."
        onDone=${() => setLink(null)} />`
    }
  </${Section}>`;
}

function Invitations({ invitations, reload, link, setLink }) {
  const action = useAction();
  const [dialog, confirm] = useConfirm();
  if (!invitations.length) return null;

  async function resend(inv) {
    setLink(null);
    const done = await action.run(`resend-${inv.id}`, () =>
      api(`/v1/invitations/${encodeURIComponent(inv.id)}/resend`, { method: 'POST' }),
    );
    if (!done) return;
    if (done.invite_url)
      setLink({ id: done.invitation?.id || inv.id, email: inv.email, url: done.invite_url, resent: true });
    await reload();
  }

  async function revoke(inv) {
    const sure = await confirm({
      title: `Revoke the invitation for ${inv.email}?`,
      text: 'Its link stops working at once. You can invite them again later.',
      confirm: 'Revoke invitation',
    });
    if (!sure) return;
    const done = await action.run(`revoke-${inv.id}`, async () => {
      await api(`/v1/invitations/${encodeURIComponent(inv.id)}`, { method: 'DELETE' });
      return true;
    });
    if (done) await reload();
  }

  return html`<${Section} title="Open invitations" testid="team-invitations">
    <${ErrorNote} error=${action.error} />
    ${
      link?.resent &&
      html`<${OnceSecret} title=${`New invitation link for ${link.email}`} testid="invite-link" secret=${link.url}
        text="The earlier link no longer works. This one is shown only now." onDone=${() => setLink(null)} />`
    }
    <ul class="settings-list" data-testid="invitation-list">
      ${invitations.map(
        (inv) => html`<li key=${inv.id} class="settings-item" data-testid="invitation-row" data-email=${inv.email}>
        <span class="settings-item-icon"><${Icon} name="email" size=${15} /></span>
        <div class="settings-item-main">
          <div><strong>${inv.email}</strong> <span class="chip">${ROLE_LABEL[inv.role] || inv.role}</span></div>
          <div class="muted small">Invited ${ago(inv.created_at)}${inviterOf(inv) ? ` by ${inviterOf(inv)}` : ''} · ${expiry(inv.expires_at)}</div>
        </div>
        <button class="btn btn-sm" onClick=${() => resend(inv)} disabled=${!!action.busy} data-testid="invitation-resend">
          ${action.busy === `resend-${inv.id}` ? 'Sending…' : 'Resend'}
        </button>
        <button class="btn btn-sm btn-danger-ghost" onClick=${() => revoke(inv)} disabled=${!!action.busy} data-testid="invitation-revoke">Revoke</button>
      </li>`,
      )}
    </ul>
    ${dialog}
  </${Section}>`;
}

/** `invited_by`: a user id, or {id, name} (either is accepted). */
function inviterOf(inv) {
  const by = inv.invited_by;
  if (!by) return inv.invited_by_name || null;
  if (typeof by === 'object') return by.name || by.email || null;
  return inv.invited_by_name || store.get().names[by] || null;
}

function expiry(value) {
  const t = Date.parse(value || '');
  if (!Number.isFinite(t)) return 'no expiry given';
  return t < Date.now() ? `expired ${when(value)}` : `expires ${when(value)}`;
}

function Members({ users, reload, refreshError }) {
  const me = useStore(store, (s) => s.session.user);
  const action = useAction();
  const [dialog, confirm] = useConfirm();
  const [notice, setNotice] = useState(null);
  const active = users.filter((u) => u.active !== false);
  const inactive = users.filter((u) => u.active === false);

  async function changeRole(user, role) {
    if (role === user.role) return;
    const self = user.id === me.id;
    const signedOut = self
      ? 'You are signed out everywhere and sign in again'
      : 'They are signed out everywhere and sign in again';
    const sure = await confirm({
      title: `Make ${self ? 'yourself' : user.name || user.email} ${role === 'admin' ? 'an admin' : 'an agent'}?`,
      text:
        role === 'admin'
          ? `Admins change every setting of the workspace: the team, keys, channels, the AI and the knowledge base. ${signedOut} with the new role.`
          : `${self ? 'You' : 'They'} keep answering customers, without the workspace settings. ${signedOut} with the new role.`,
      confirm: 'Change role',
      danger: role !== 'admin' && self,
    });
    if (!sure) return;
    setNotice(null);
    const done = await action.run(`role-${user.id}`, () =>
      api(`/v1/users/${encodeURIComponent(user.id)}`, { method: 'PATCH', body: { role } }),
    );
    if (done) await reload();
  }

  async function deactivate(user) {
    const sure = await confirm({
      title: `Deactivate ${user.name || user.email}?`,
      text: 'They are signed out everywhere at once and can no longer sign in. Their replies and notes stay in the history.',
      confirm: 'Deactivate',
    });
    if (!sure) return;
    setNotice(null);
    const done = await action.run(`remove-${user.id}`, () =>
      api(`/v1/users/${encodeURIComponent(user.id)}`, { method: 'DELETE' }),
    );
    if (!done) return;
    const closed = done.sessions_closed ?? 0;
    setNotice(
      `${user.name || user.email} is deactivated; ${closed} ${closed === 1 ? 'session was' : 'sessions were'} signed out.`,
    );
    await reload();
  }

  return html`<${Section} title="Members" text=${`${active.length} active`} testid="team-members">
    ${refreshError && html`<${ErrorNote} error=${`Could not read the team again: ${refreshError.message}`} />`}
    <${ErrorNote} error=${action.error} testid="team-error" />
    ${notice && html`<p class="form-ok" role="status" data-testid="team-notice"><${Icon} name="check" size=${14} /> ${notice}</p>`}
    <table class="settings-table members" data-testid="member-table">
      <thead><tr><th scope="col">Name</th><th scope="col">Role</th><th scope="col">Last sign-in</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
      <tbody>
        ${active.map(
          (u) => html`<tr key=${u.id} data-testid="member-row" data-email=${u.email}>
          <td><div class="member">
            <${Avatar} name=${u.name || u.email} id=${u.id} kind="agent" size=${28} />
            <div class="settings-item-main"><strong>${u.name || u.email}${u.id === me.id ? ' (you)' : ''}</strong><span class="muted small">${u.email}</span></div>
          </div></td>
          <td>${
            u.role === 'super_admin'
              ? ROLE_LABEL.super_admin
              : html`<select aria-label=${`Role of ${u.name || u.email}`} value=${u.role} disabled=${!!action.busy}
                onChange=${(e) => {
                  const role = e.currentTarget.value;
                  e.currentTarget.value = u.role; // shown as the server holds it until it says otherwise
                  changeRole(u, role);
                }} data-testid="member-role">
                ${ROLES.map(([value, label]) => html`<option value=${value}>${label}</option>`)}
              </select>`
          }</td>
          <td class="muted small">${u.last_sign_in_at ? ago(u.last_sign_in_at) : 'Never'}</td>
          <td class="cell-actions">${
            u.id !== me.id &&
            html`<button class="btn btn-sm btn-danger-ghost" onClick=${() => deactivate(u)} disabled=${!!action.busy} data-testid="member-deactivate">
              ${action.busy === `remove-${u.id}` ? 'Deactivating…' : 'Deactivate'}
            </button>`
          }</td>
        </tr>`,
        )}
      </tbody>
    </table>
    ${
      inactive.length > 0 &&
      html`<details class="inactive" data-testid="member-inactive">
      <summary>${inactive.length} deactivated</summary>
      <ul class="settings-list">
        ${inactive.map((u) => html`<li key=${u.id} class="settings-item"><div class="settings-item-main"><span>${u.name || u.email}</span><span class="muted small">${u.email} · ${ROLE_LABEL[u.role] || u.role}</span></div></li>`)}
      </ul>
    </details>`
    }
    ${dialog}
  </${Section}>`;
}
