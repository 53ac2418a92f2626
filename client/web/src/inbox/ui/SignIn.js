/** The sign-in screen: e-mail and password against POST /v1/auth/login. */

import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { signIn } from '../session.js';
import { Icon } from './common.js';

export function SignIn() {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);

  async function submit(event) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await signIn(email.trim(), password);
    } catch (e) {
      setError(e.status === 401 ? 'That e-mail and password do not match an account.' : e.message);
      setBusy(false);
    }
  }

  return html`<main class="signin">
    <form class="signin-card" onSubmit=${submit} aria-labelledby="signin-title">
      <div class="brand brand-large"><span class="brand-mark"><${Icon} name="logo" size=${22} /></span> FlowSupport</div>
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
      ${error && html`<p class="form-error" role="alert">${error}</p>`}
      <button data-testid="inbox-signin" class="btn btn-primary btn-block" type="submit" disabled=${busy}>
        ${busy ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  </main>`;
}
