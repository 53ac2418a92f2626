/**
 * The workspace pages backed by `GET|PATCH /v1/settings` (admins): each edits a draft of
 * some keys, sends only the keys that changed (the server applies all of them or none and
 * audits them), then reads the settings again and shows what the server holds.
 */

import { html } from 'htm/preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../../http.js';
import { changedValues } from '../../settings/values.js';
import { ErrorNote, Loaded, PageHead, SaveBar, useAction, useLoad } from './kit.js';

export const loadSettings = () => api('/v1/settings');

/**
 * @param {object} props
 * @param {(settings: object) => object} props.toForm the form's draft from the settings
 * @param {(draft: object, settings: object) => ({value: object} | {error: string})} props.fromForm
 *   the settings keys the draft stands for (compared with `settings` to send only changes)
 * @param {(draft: object, update: (patch: object | ((d: object) => object)) => void, settings: object) => any} props.children
 * @param {any} [props.after] what follows the form once the settings are read (its own writes)
 */
export function SettingsPage({ title, text, what, toForm, fromForm, children, testid, after = null }) {
  const settings = useLoad(loadSettings);
  return html`<${PageHead} title=${title} text=${text} />
    <${Loaded} resource=${settings} what=${what}>
      ${(data) => html`<${SettingsForm} data=${data} reload=${settings.reload} refreshError=${settings.error}
        toForm=${toForm} fromForm=${fromForm} testid=${testid}>${children}</${SettingsForm}>${after}`}
    </${Loaded}>`;
}

function SettingsForm({ data, reload, refreshError, toForm, fromForm, children, testid }) {
  const [draft, setDraft] = useState(() => toForm(data));
  const [saved, setSaved] = useState(false);
  const shown = useRef(data);
  const action = useAction();
  useEffect(() => {
    if (shown.current === data) return;
    shown.current = data; // read again (after a save): the form shows what the server holds
    setDraft(toForm(data));
  }, [data]);

  const dirty = JSON.stringify(draft) !== JSON.stringify(toForm(data));
  const update = (patch) => {
    setSaved(false);
    setDraft((d) => (typeof patch === 'function' ? patch(d) : { ...d, ...patch }));
  };

  async function submit(event) {
    event.preventDefault();
    const result = fromForm(draft, data);
    if (result.error) {
      action.setError(result.error);
      return;
    }
    const changes = changedValues(data, result.value);
    if (!Object.keys(changes).length) return;
    const ok = await action.run('save', async () => {
      await api('/v1/settings', { method: 'PATCH', body: changes });
      return true;
    });
    if (ok) {
      await reload();
      setSaved(true);
    }
  }

  return html`<form class="settings-form" onSubmit=${submit} data-testid=${testid} noValidate>
    ${refreshError && html`<${ErrorNote} error=${`Could not read the settings again: ${refreshError.message}`} />`}
    ${children(draft, update, data)}
    <${SaveBar} dirty=${dirty} busy=${!!action.busy} error=${action.error} saved=${saved}
      onDiscard=${() => {
        action.setError(null);
        setDraft(toForm(data));
      }} />
  </form>`;
}
