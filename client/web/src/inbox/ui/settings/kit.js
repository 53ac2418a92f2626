/**
 * What every settings page is made of: reading its data (and reading it again after each
 * write: nothing is shown as saved before the server says so), running one write at a
 * time with the server's own error message, the "admins only" state a 403 brings, a
 * confirmation before anything destructive, secrets shown once with a copy button, and
 * the labelled controls the pages share.
 */

import { html } from 'htm/preact';
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { navigate } from '../../actions.js';
import { Icon, Spinner } from '../common.js';

/**
 * `load()` when the page opens (and when `deps` change); `reload()` after a write. The last
 * data read stays on screen while it is read again, and when a reading fails.
 * @returns {{status: 'loading' | 'ok' | 'error' | 'forbidden', data: any, error: any, reloading: boolean, reload: () => Promise<void>}}
 */
export function useLoad(load, deps = []) {
  const [state, setState] = useState({ status: 'loading', data: null, error: null, reloading: false });
  const generation = useRef(0);
  const alive = useRef(true);
  useEffect(
    () => () => {
      alive.current = false;
    },
    [],
  );
  // `deps`: what `load` reads (the caller names it; hooks rules cannot see through it).
  const reload = useCallback(async () => {
    const mine = ++generation.current;
    setState((s) => ({ ...s, reloading: true }));
    try {
      const data = await load();
      if (alive.current && mine === generation.current) setState({ status: 'ok', data, error: null, reloading: false });
    } catch (error) {
      if (!alive.current || mine !== generation.current) return;
      const status = error.status === 403 ? 'forbidden' : 'error';
      setState((s) => ({
        status: s.data && status === 'error' ? 'ok' : status,
        data: s.data,
        error,
        reloading: false,
      }));
    }
  }, deps);
  useEffect(() => {
    reload();
  }, [reload]);
  return { ...state, reload };
}

/**
 * One write at a time: `run(key, fn)` marks `busy` with its key, keeps the server's message
 * in `error` when it refuses (null when it succeeds), and returns fn's result (undefined
 * after a failure). A 403 sets `forbidden`.
 */
export function useAction() {
  const [busy, setBusy] = useState(null);
  const [error, setError] = useState(null);
  const [forbidden, setForbidden] = useState(false);
  const running = useRef(false);
  const alive = useRef(true);
  useEffect(
    () => () => {
      alive.current = false;
    },
    [],
  );
  async function run(key, fn) {
    if (running.current) return undefined;
    running.current = true;
    setBusy(key);
    setError(null);
    try {
      return await fn();
    } catch (e) {
      if (alive.current) {
        setError(e.message || 'Something went wrong.');
        if (e.status === 403) setForbidden(true);
      }
      return undefined;
    } finally {
      running.current = false;
      if (alive.current) setBusy(null);
    }
  }
  return { busy, error, setError, forbidden, run };
}

/** A page's title, what it is for, and its main actions. */
export function PageHead({ title, text, children }) {
  return html`<header class="settings-head">
    <div>
      <h1 id="settings-title" tabIndex="-1" data-testid="settings-title">${title}</h1>
      ${text && html`<p class="muted">${text}</p>`}
    </div>
    ${children && html`<div class="settings-head-actions">${children}</div>`}
  </header>`;
}

export function Section({ title, text, children, testid, actions }) {
  const id = `section-${String(title)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')}`;
  return html`<section class="settings-section" aria-labelledby=${id} data-testid=${testid}>
    <div class="settings-section-head">
      <div>
        <h2 id=${id}>${title}</h2>
        ${text && html`<p class="muted small">${text}</p>`}
      </div>
      ${actions && html`<div class="settings-section-actions">${actions}</div>`}
    </div>
    ${children}
  </section>`;
}

/** The server's words when it refused, where the form is. */
export function ErrorNote({ error, testid = 'settings-error' }) {
  if (!error) return null;
  return html`<p class="form-error" role="alert" data-testid=${testid}>${typeof error === 'string' ? error : error.message}</p>`;
}

/** What a non-admin sees on an admin page, whether the nav or the API (403) said so. */
export function AdminsOnly({ what }) {
  return html`<div class="settings-blocked" data-testid="settings-admins-only" role="status">
    <span class="placeholder-icon"><${Icon} name="shield" size=${26} /></span>
    <h2>Admins only</h2>
    <p class="muted">${what ? `${what} is` : 'This page is'} for your workspace's admins. Ask an admin if something here needs to change.</p>
    <a class="btn" href="/inbox/settings/profile" data-testid="settings-back-to-profile" onClick=${(e) => {
      e.preventDefault();
      navigate({ view: 'settings', page: 'profile' });
    }}>Go to your profile</a>
  </div>`;
}

/**
 * A loaded page: a spinner first, "admins only" on a 403, the error with "Try again" when
 * nothing could be read, else `children(data)`.
 */
export function Loaded({ resource, what, children }) {
  if (resource.status === 'forbidden') return html`<${AdminsOnly} what=${what} />`;
  if (resource.status === 'loading')
    return html`<div class="settings-loading"><${Spinner} label=${`Loading ${what || 'settings'}`} /> Loading…</div>`;
  if (resource.status === 'error' && !resource.data) {
    return html`<div class="settings-blocked" role="alert">
      <h2>Could not load ${what ? what.toLowerCase() : 'this page'}</h2>
      <p class="muted">${resource.error?.message}</p>
      <button class="btn" onClick=${resource.reload}>Try again</button>
    </div>`;
  }
  return children(resource.data);
}

/**
 * `[dialog, ask]`: `await ask({title, text, confirm})` is true when the admin confirms.
 * The dialog traps focus, starts on Cancel (the safe choice), and Escape cancels.
 */
export function useConfirm() {
  const [pending, setPending] = useState(null);
  const ask = useCallback((options) => new Promise((resolve) => setPending({ ...options, resolve })), []);
  const close = (answer) => {
    pending?.resolve(answer);
    setPending(null);
  };
  const dialog = pending && html`<${ConfirmDialog} ...${pending} onClose=${close} />`;
  return [dialog, ask];
}

function ConfirmDialog({ title, text, confirm = 'Confirm', danger = true, onClose }) {
  const ref = useRef(null);
  useLayoutEffect(() => {
    const before = document.activeElement;
    ref.current?.querySelector('[data-cancel]')?.focus();
    return () => before?.focus?.();
  }, []);
  function onKeyDown(e) {
    if (e.key === 'Escape') {
      e.stopPropagation();
      e.preventDefault();
      onClose(false);
    } else if (e.key === 'Tab') trapFocus(e, ref.current);
  }
  return html`<div class="overlay" onClick=${(e) => e.target === e.currentTarget && onClose(false)}>
    <div ref=${ref} class="dialog" role="alertdialog" aria-modal="true" aria-labelledby="confirm-title"
      aria-describedby="confirm-text" data-testid="confirm-dialog" onKeyDown=${onKeyDown}>
      <div class="dialog-head"><h2 id="confirm-title">${title}</h2></div>
      <p id="confirm-text" class="dialog-text">${text}</p>
      <div class="dialog-actions">
        <button class="btn" data-cancel data-testid="confirm-cancel" onClick=${() => onClose(false)}>Cancel</button>
        <button class=${`btn ${danger ? 'btn-danger' : 'btn-primary'}`} data-testid="confirm-ok" onClick=${() => onClose(true)}>${confirm}</button>
      </div>
    </div>
  </div>`;
}

/** Keep Tab and Shift+Tab inside `box`. */
export function trapFocus(event, box) {
  if (!box) return;
  const items = [
    ...box.querySelectorAll('button, [href], input, select, textarea, [tabindex]:not([tabindex="-1"])'),
  ].filter((el) => !el.disabled);
  if (!items.length) return;
  const first = items[0];
  const last = items[items.length - 1];
  if (event.shiftKey && document.activeElement === first) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && document.activeElement === last) {
    event.preventDefault();
    first.focus();
  }
}

/** Text to copy (a snippet, a link), with a button that says when it worked. */
export function CopyField({ text, testid, label = 'Copy', multiline = false }) {
  const [state, setState] = useState('idle'); // idle | copied | failed
  const ref = useRef(null);
  useEffect(() => {
    if (state === 'idle') return undefined;
    const t = setTimeout(() => setState('idle'), 2500);
    return () => clearTimeout(t);
  }, [state]);
  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      // No clipboard here (an insecure origin, a denied permission): select it for Ctrl+C.
      const range = document.createRange();
      range.selectNodeContents(ref.current);
      const selection = getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      setState('failed');
    }
  }
  return html`<div class="copybox">
    <code ref=${ref} data-testid=${testid} class=${multiline ? 'multiline' : ''}>${text}</code>
    <button class="btn btn-sm" type="button" onClick=${copy} data-testid=${testid && `${testid}-copy`}>
      <${Icon} name=${state === 'copied' ? 'check' : 'copy'} size=${13} /> ${state === 'copied' ? 'Copied' : label}
    </button>
    <span class="visually-hidden" role="status">${state === 'copied' ? 'Copied to the clipboard' : state === 'failed' ? 'Selected: press Ctrl+C to copy' : ''}</span>
  </div>`;
}

/** A secret the server shows this once (a new API key, an identity secret, an invitation link). */
export function OnceSecret({ title, text, secret, testid, onDone }) {
  return html`<div class="once" role="region" aria-label=${title} data-testid=${testid}>
    <div class="once-head"><${Icon} name="key" size=${15} /> <strong>${title}</strong></div>
    <p class="small">${text}</p>
    <${CopyField} text=${secret} testid=${`${testid}-value`} />
    ${onDone && html`<div><button class="btn btn-sm" onClick=${onDone} data-testid=${`${testid}-done`}>Done</button></div>`}
  </div>`;
}

/** An on/off setting: a real checkbox (labelled, focusable) drawn as a switch. */
export function Toggle({ checked, onChange, label, text, testid, disabled = false }) {
  const id = `toggle-${testid || label}`;
  return html`<div class="setting-row">
    <div class="setting-label">
      <label for=${id}>${label}</label>
      ${text && html`<p class="muted small" id=${`${id}-text`}>${text}</p>`}
    </div>
    <label class="switch">
      <input id=${id} type="checkbox" role="switch" data-testid=${testid} checked=${checked} disabled=${disabled}
        aria-describedby=${text ? `${id}-text` : undefined} onChange=${(e) => onChange(e.currentTarget.checked)} />
      <span class="switch-track" aria-hidden="true"><span class="switch-thumb"></span></span>
    </label>
  </div>`;
}

/** A labelled text, number or long-text field with its help text tied to it. */
export function Field({ label, help, children, id, wide = false }) {
  return html`<div class=${`sfield ${wide ? 'sfield-wide' : ''}`}>
    <label for=${id}>${label}</label>
    ${children}
    ${help && html`<small class="muted" id=${`${id}-help`}>${help}</small>`}
  </div>`;
}

/** Save and discard for a form; "Saved" only once the server read it back. */
export function SaveBar({ dirty, busy, error, saved, testid = 'settings-save', label = 'Save changes', onDiscard }) {
  return html`<div class="savebar">
    <${ErrorNote} error=${error} />
    <div class="savebar-actions">
      <span class="muted small" role="status">${busy ? 'Saving…' : dirty ? 'Unsaved changes' : saved ? 'Saved' : ''}</span>
      ${onDiscard && html`<button type="button" class="btn" disabled=${!dirty || busy} onClick=${onDiscard} data-testid=${`${testid}-discard`}>Discard</button>`}
      <button type="submit" class="btn btn-primary" disabled=${!dirty || busy} data-testid=${testid}>${busy ? 'Saving…' : label}</button>
    </div>
  </div>`;
}

/** A time the server gave, for a table: "12 Mar 2025, 14:05", or the fallback. */
export function when(value, fallback = '—') {
  if (!value) return fallback;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return fallback;
  return date.toLocaleString(undefined, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}
