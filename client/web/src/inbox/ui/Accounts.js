/**
 * The pages a link in an e-mail opens, with no session: accepting an invitation
 * (`/invite?token=`: `GET /v1/invitations/accept` says whose and where, `POST` creates the
 * account and signs it in, as the sign-in form does) and choosing a new password
 * (`/reset?token=`: `POST /v1/auth/password-reset/confirm`). Also the sign-in form's
 * "Forgot password?" (`POST /v1/auth/password-reset`, always 202: it never tells whether
 * an address has an account).
 */

import { html } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';
import { api } from '../http.js';
import { begin } from '../session.js';
import { MIN_PASSWORD, passwordProblem } from '../settings/values.js';
import { Spinner } from './common.js';
import { Brand, FormEnd, useSubmit } from './forms.js';

const tokenOf = () => new URLSearchParams(location.search).get('token') || '';

function Card({ title, children, testid }) {
  return html`<main class="signin"><div class="signin-card" data-testid=${testid}>
    <${Brand} />
    <h1>${title}</h1>
    ${children}
  </div></main>`;
}

function PasswordFields({ form, set }) {
  return html`<div class="field">
      <label for="account-password">Password</label>
      <input id="account-password" data-testid="account-password" type="password" required autocomplete="new-password"
        value=${form.password} onInput=${set('password')} aria-describedby="account-password-help" />
      <small id="account-password-help" class="muted">At least ${MIN_PASSWORD} characters.</small>
    </div>
    <label class="field">
      <span>Password again</span>
      <input data-testid="account-password-again" type="password" required autocomplete="new-password"
        value=${form.again} onInput=${set('again')} />
    </label>`;
}

export function AcceptInvite() {
  const token = tokenOf();
  const [invite, setInvite] = useState(null);
  const [failed, setFailed] = useState(
    token ? null : 'This link has no invitation in it. Open the link from the e-mail as it is.',
  );
  const [form, setForm] = useState({ name: '', password: '', again: '' });
  const set = (key) => (e) => setForm((f) => ({ ...f, [key]: e.currentTarget.value }));
  const { busy, error, submit } = useSubmit(async () => {
    const problem = passwordProblem(form.password, form.again);
    if (problem) throw new Error(problem);
    const data = await api('/v1/invitations/accept', {
      method: 'POST',
      body: { token, name: form.name.trim(), password: form.password },
      auth: false,
    });
    history.replaceState(null, '', '/inbox#/');
    begin(data);
  });

  useEffect(() => {
    if (!token) return;
    api('/v1/invitations/accept', { query: { token }, auth: false }).then(setInvite, (e) => setFailed(e.message));
  }, []);

  if (failed) {
    return html`<${Card} title="This invitation cannot be used" testid="invite-invalid">
      <p class="form-error" role="alert">${failed}</p>
      <p class="muted">Invitations work once, for a limited time. Ask an admin of your workspace to send you a new one.</p>
      <a class="btn btn-block" href="/inbox">Go to sign-in</a>
    </${Card}>`;
  }
  if (!invite) return html`<main class="signin"><${Spinner} label="Checking the invitation" /></main>`;
  return html`<main class="signin">
    <form class="signin-card" onSubmit=${submit} aria-labelledby="invite-title" data-testid="invite-form">
      <${Brand} />
      <h1 id="invite-title">Join ${invite.tenant_name}</h1>
      <p class="muted">You were invited as <strong data-testid="invite-email">${invite.email}</strong>. Choose the name your teammates see and a password.</p>
      <label class="field">
        <span>Your name</span>
        <input data-testid="account-name" required autofocus maxlength="200" autocomplete="name" value=${form.name} onInput=${set('name')} />
      </label>
      <${PasswordFields} form=${form} set=${set} />
      <${FormEnd} busy=${busy} error=${error} testid="invite-accept" label="Join and sign in" busyLabel="Joining…" />
    </form>
  </main>`;
}

export function ResetPassword() {
  const token = tokenOf();
  const [form, setForm] = useState({ password: '', again: '' });
  const [done, setDone] = useState(false);
  const set = (key) => (e) => setForm((f) => ({ ...f, [key]: e.currentTarget.value }));
  const { busy, error, submit } = useSubmit(async () => {
    const problem = passwordProblem(form.password, form.again);
    if (problem) throw new Error(problem);
    await api('/v1/auth/password-reset/confirm', {
      method: 'POST',
      body: { token, password: form.password },
      auth: false,
    });
    setDone(true);
  });

  if (!token) {
    return html`<${Card} title="This link is incomplete" testid="reset-invalid">
      <p class="muted">Open the link from the e-mail as it is, or ask for a new one from the sign-in page.</p>
      <a class="btn btn-block" href="/inbox">Go to sign-in</a>
    </${Card}>`;
  }
  if (done) {
    return html`<${Card} title="Your password is changed" testid="reset-done">
      <p class="muted">Sign in with your new password.</p>
      <a class="btn btn-primary btn-block" href="/inbox" data-testid="reset-signin">Sign in</a>
    </${Card}>`;
  }
  return html`<main class="signin">
    <form class="signin-card" onSubmit=${submit} aria-labelledby="reset-title" data-testid="reset-form">
      <${Brand} />
      <h1 id="reset-title">Choose a new password</h1>
      <p class="muted">The link works once, for a short time.</p>
      <${PasswordFields} form=${form} set=${set} />
      <${FormEnd} busy=${busy} error=${error} testid="reset-submit" label="Change password" busyLabel="Changing…" />
    </form>
  </main>`;
}

/** The sign-in form's other side: an address to send a reset link to. */
export function ForgotPassword({ email: initial, onBack }) {
  const [email, setEmail] = useState(initial);
  const [sent, setSent] = useState(false);
  const { busy, error, submit } = useSubmit(async () => {
    await api('/v1/auth/password-reset', { method: 'POST', body: { email: email.trim() }, auth: false });
    setSent(true);
  });
  if (sent) {
    return html`<main class="signin"><div class="signin-card" data-testid="forgot-sent" role="status">
      <${Brand} />
      <h1>Check your e-mail</h1>
      <p class="muted">If an account uses <strong>${email.trim()}</strong>, a link to choose a new password is on its way. It works once, for 30 minutes.</p>
      <button class="btn btn-block" onClick=${onBack} data-testid="forgot-back">Back to sign-in</button>
    </div></main>`;
  }
  return html`<main class="signin">
    <form class="signin-card" onSubmit=${submit} aria-labelledby="forgot-title" data-testid="forgot-form">
      <${Brand} />
      <h1 id="forgot-title">Forgot your password?</h1>
      <p class="muted">We send a link to choose a new one to the address you sign in with.</p>
      <label class="field">
        <span>Work e-mail</span>
        <input data-testid="forgot-email" type="email" autocomplete="username" required autofocus value=${email}
          onInput=${(e) => setEmail(e.currentTarget.value)} placeholder="you@company.com" />
      </label>
      <${FormEnd} busy=${busy} error=${error} testid="forgot-submit" label="Send the link" busyLabel="Sending…" />
      <button type="button" class="link-btn" onClick=${onBack} data-testid="forgot-back">Back to sign-in</button>
    </form>
  </main>`;
}
