/** The sign-in screen: e-mail and password against POST /v1/auth/login; "Forgot password?" beside. */

import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { signIn } from '../session.js';
import { ForgotPassword } from './Accounts.js';
import { Brand, FormEnd, useSubmit } from './forms.js';

export function SignIn() {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [forgot, setForgot] = useState(false);
  const { busy, error, submit } = useSubmit(
    () => signIn(email.trim(), password),
    (e) => (e.status === 401 ? 'That e-mail and password do not match an account.' : e.message),
  );

  if (forgot) return html`<${ForgotPassword} email=${email} onBack=${() => setForgot(false)} />`;
  return html`<main class="signin">
    <form class="signin-card" onSubmit=${submit} aria-labelledby="signin-title">
      <${Brand} />
      <h1 id="signin-title">Sign in to your inbox</h1>
      <p class="muted">Agents and admins of your workspace.</p>
      <label class="field">
        <span>Work e-mail</span>
        <input data-testid="inbox-email" type="email" autocomplete="username" required autofocus
          value=${email} onInput=${(e) => setEmail(e.currentTarget.value)} placeholder="you@company.com" />
      </label>
      <label class="field">
        <span>Password</span>
        <input data-testid="inbox-password" type="password" autocomplete="current-password" required
          value=${password} onInput=${(e) => setPassword(e.currentTarget.value)} />
      </label>
      <div class="forgot-row">
        <button type="button" class="link-btn" onClick=${() => setForgot(true)} data-testid="forgot-password">Forgot password?</button>
      </div>
      <${FormEnd} busy=${busy} error=${error} testid="inbox-signin" label="Sign in" busyLabel="Signing in…" />
    </form>
  </main>`;
}
