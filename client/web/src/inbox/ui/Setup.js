/**
 * First run (`/setup`): name the workspace and its website, create the first admin.
 * The server opens this page only while no tenant exists, from the loopback or with the
 * token from its log line (carried here in `?token=`); POST /v1/setup checks both again.
 */

import { html } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';
import { api } from '../http.js';
import { setUp } from '../session.js';
import { originsOf } from '../settings/values.js';
import { Spinner } from './common.js';
import { Brand, FormEnd, useSubmit } from './forms.js';

export function Setup() {
  const token = new URLSearchParams(location.search).get('token') || undefined;
  const [status, setStatus] = useState(null);
  const [form, setForm] = useState({ workspace: '', website: '', name: '', email: '', password: '' });
  const { busy, error, setError, submit } = useSubmit(() =>
    setUp({
      token,
      workspace: form.workspace.trim(),
      allowed_origins: originsOf(form.website),
      name: form.name.trim(),
      email: form.email.trim(),
      password: form.password,
    }),
  );

  useEffect(() => {
    api('/v1/setup', { auth: false }).then(setStatus, (e) => setError(e.message));
  }, []);

  const field = (key) => (event) => setForm((f) => ({ ...f, [key]: event.currentTarget.value }));

  if (!status)
    return html`<main class="signin">${error ? html`<p class="form-error" role="alert">${error}</p>` : html`<${Spinner} />`}</main>`;
  if (!status.needed) {
    return html`<main class="signin"><div class="signin-card">
      <h1>This server is already set up</h1>
      <p class="muted">Sign in with your account instead.</p>
      <a class="btn btn-primary btn-block" href="/inbox">Go to sign-in</a>
    </div></main>`;
  }
  if (status.token_required && !token) {
    return html`<main class="signin"><div class="signin-card">
      <h1>Open the setup link from the server's log</h1>
      <p class="muted">From another machine, setup needs the one-time token that <code>flowsupport serve</code> printed when it started.</p>
    </div></main>`;
  }
  return html`<main class="signin">
    <form class="signin-card setup-card" onSubmit=${submit} aria-labelledby="setup-title" data-testid="setup-form">
      <${Brand} />
      <h1 id="setup-title">Set up your workspace</h1>
      <p class="muted">Nobody has an account on this server yet. You will be its first admin.</p>
      <label class="field">
        <span>Company or team name</span>
        <input data-testid="setup-workspace" required autofocus maxlength="200" value=${form.workspace}
          onInput=${field('workspace')} placeholder="Acme" />
      </label>
      <label class="field">
        <span>Your website</span>
        <input data-testid="setup-website" required value=${form.website} onInput=${field('website')}
          placeholder="https://www.acme.com" aria-describedby="setup-website-help" />
        <small id="setup-website-help" class="muted">The chat widget runs only on these sites (several: separate with commas).</small>
      </label>
      <label class="field">
        <span>Your name</span>
        <input data-testid="setup-name" required maxlength="200" autocomplete="name" value=${form.name} onInput=${field('name')} />
      </label>
      <label class="field">
        <span>Work e-mail</span>
        <input data-testid="setup-email" type="email" required autocomplete="username" value=${form.email}
          onInput=${field('email')} placeholder="you@acme.com" />
      </label>
      <label class="field">
        <span>Password</span>
        <input data-testid="setup-password" type="password" required minlength="8" autocomplete="new-password"
          value=${form.password} onInput=${field('password')} />
        <small class="muted">At least 8 characters.</small>
      </label>
      <${FormEnd} busy=${busy} error=${error} testid="setup-submit" label="Create workspace" busyLabel="Creating…" />
    </form>
  </main>`;
}
