/**
 * The customer as agents know them (issue 19, contact profile): name and e-mail, which an
 * agent can correct (`PATCH /v1/contacts/{id}`, audited), and what the widget reported on
 * its last visit (`seen`: browser, OS, language, time zone with the customer's local time,
 * the page they are on and where they came from) with the number of visits.
 */

import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { ago, fullTime } from '../../shared/time.js';
import { loadContact } from '../conversations.js';
import { api } from '../http.js';
import { Icon } from './common.js';

/** The customer's wall-clock time in their time zone ('' when the browser does not know it). */
export function localTime(timezone, now = Date.now()) {
  if (!timezone) return '';
  try {
    return new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', timeZone: timezone }).format(now);
  } catch {
    return '';
  }
}

/** A URL shown short: host and path, no scheme or query noise beyond 60 characters. */
export function shortUrl(url) {
  try {
    const u = new URL(url);
    const text = `${u.host}${u.pathname === '/' ? '' : u.pathname}${u.search}`;
    return text.length > 60 ? `${text.slice(0, 59)}…` : text;
  } catch {
    return url;
  }
}

export function ContactDetails({ contact, now }) {
  const [editing, setEditing] = useState(false);
  if (!contact) return null;
  const seen = contact.seen || {};
  const local = localTime(seen.timezone, now);
  return html`<section class="card" data-testid="contact-details">
    <div class="card-head">
      <h4><${Icon} name="user" size=${13} /> Customer</h4>
      ${!editing && html`<button class="link-btn" data-testid="contact-edit" onClick=${() => setEditing(true)}>Edit</button>`}
    </div>
    ${
      editing
        ? html`<${EditForm} contact=${contact} onDone=${() => setEditing(false)} />`
        : html`<dl class="facts">
          <dt>Name</dt><dd data-testid="contact-name" class="break">${contact.name || '—'}</dd>
          <dt>E-mail</dt><dd data-testid="contact-email" class="break">${contact.email || '—'}</dd>
          ${contact.phone && html`<dt>Phone</dt><dd class="break">${contact.phone}</dd>`}
        </dl>`
    }
    <dl class="facts" data-testid="contact-seen">
      ${seen.page && html`<dt>Page</dt><dd class="break"><a href=${seen.page} target="_blank" rel="noopener noreferrer nofollow" data-testid="contact-page">${shortUrl(seen.page)}</a></dd>`}
      ${seen.referrer && html`<dt>Came from</dt><dd class="break" data-testid="contact-referrer">${shortUrl(seen.referrer)}</dd>`}
      ${seen.browser && html`<dt>Browser</dt><dd data-testid="contact-browser">${seen.browser}${seen.os ? ` on ${seen.os}` : ''}</dd>`}
      ${!seen.browser && seen.os && html`<dt>System</dt><dd>${seen.os}</dd>`}
      ${seen.language && html`<dt>Language</dt><dd data-testid="contact-language">${seen.language}</dd>`}
      ${seen.timezone && html`<dt>Time zone</dt><dd data-testid="contact-timezone">${seen.timezone}${local ? ` · ${local} there` : ''}</dd>`}
      ${contact.visits > 0 && html`<dt>Visits</dt><dd data-testid="contact-visits">${contact.visits}</dd>`}
      ${contact.last_seen_at && html`<dt>Last seen</dt><dd title=${fullTime(contact.last_seen_at)}>${ago(contact.last_seen_at, now)}</dd>`}
    </dl>
  </section>`;
}

function EditForm({ contact, onDone }) {
  const [name, setName] = useState(contact.name || '');
  const [email, setEmail] = useState(contact.email || '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  async function save(e) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api(`/v1/contacts/${encodeURIComponent(contact.id)}`, { method: 'PATCH', body: { name, email } });
      await loadContact(contact.id, { force: true });
      onDone();
    } catch (failure) {
      setError(failure.message || 'Not saved.');
    } finally {
      setBusy(false);
    }
  }
  return html`<form class="contact-form" onSubmit=${save} data-testid="contact-form">
    <label>Name<input data-testid="contact-name-input" maxlength="200" autocomplete="off" value=${name}
      onInput=${(e) => setName(e.currentTarget.value)} /></label>
    <label>E-mail<input data-testid="contact-email-input" type="email" maxlength="320" autocomplete="off" value=${email}
      onInput=${(e) => setEmail(e.currentTarget.value)} /></label>
    ${error && html`<p class="form-error" role="alert" data-testid="contact-error">${error}</p>`}
    <div class="contact-form-actions">
      <button class="btn btn-sm btn-primary" type="submit" disabled=${busy} data-testid="contact-save">${busy ? 'Saving…' : 'Save'}</button>
      <button class="btn btn-sm btn-ghost" type="button" onClick=${onDone}>Cancel</button>
    </div>
  </form>`;
}
