/**
 * What the sign-in and first-run forms share: the brand over them, one submission at a
 * time with its error shown, and the submit button that says it is busy.
 */

import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { Icon } from './common.js';

export function Brand() {
  return html`<div class="brand brand-large"><span class="brand-mark"><${Icon} name="logo" size=${22} /></span> FlowSupport</div>`;
}

/**
 * @param {() => Promise<unknown>} action what submitting does (it ends the form when it succeeds)
 * @param {(error: any) => string} [wording] the error's words for the form
 */
export function useSubmit(action, wording = (error) => error.message) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  async function submit(event) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(wording(e));
      setBusy(false);
    }
  }
  return { busy, error, setError, submit };
}

/** The form's error, if any, and its submit button. */
export function FormEnd({ busy, error, testid, label, busyLabel }) {
  return html`${error && html`<p class="form-error" role="alert">${error}</p>`}
    <button data-testid=${testid} class="btn btn-primary btn-block" type="submit" disabled=${busy}>
      ${busy ? busyLabel : label}
    </button>`;
}
