/**
 * Canned replies (everyone): the workspace's shared replies, which admins write and agents
 * use, and "My replies", the agent's own that nobody else sees (`GET|POST
 * /v1/canned_replies`, `PATCH|DELETE /v1/canned_replies/{id}`). Typing `/code` in the
 * composer inserts one, its {variables} filled in by the server.
 */

import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { useStore } from '../../../shared/store.js';
import { api } from '../../http.js';
import { isAdminRole } from '../../settings/pages.js';
import { store } from '../../state.js';
import { Icon } from '../common.js';
import { ErrorNote, Field, Loaded, PageHead, Section, useAction, useConfirm, useLoad } from './kit.js';

export function Replies() {
  const data = useLoad(() => api('/v1/canned_replies'));
  const role = useStore(store, (s) => s.session.user.role);
  const admin = isAdminRole(role);
  return html`<${PageHead} title="Canned replies"
      text="Type / and a code in the composer to insert a reply; its {variables} are filled in for the conversation." />
    <${Loaded} resource=${data} what="Canned replies">
      ${(d) => html`
        <${ReplyList} title="Shared replies" shared=${true} editable=${admin} testid="replies-shared" reload=${data.reload}
          list=${d.replies.filter((r) => r.shared)}
          text=${admin ? 'Everyone in the workspace can use these.' : 'Written by your admins; everyone can use them.'} />
        <${ReplyList} title="My replies" shared=${false} editable=${true} testid="replies-mine" reload=${data.reload}
          list=${d.replies.filter((r) => !r.shared)} text="Only you see these." />
        <${Section} title="Variables" text="Written in braces in a body; a value the conversation lacks is left empty and named when you insert the reply.">
          <ul class="variables" data-testid="reply-variables">
            ${d.variables.map((v) => html`<li key=${v.name}><code>{${v.name}}</code> <span class="muted small">${v.description}</span></li>`)}
          </ul>
        </${Section}>`}
    </${Loaded}>`;
}

function ReplyList({ title, text, list, shared, editable, reload, testid }) {
  const [editing, setEditing] = useState(null); // null | 'new' | a reply id
  const action = useAction();
  const [dialog, confirm] = useConfirm();

  async function remove(reply) {
    const sure = await confirm({
      title: `Delete /${reply.code}?`,
      text: 'It leaves the composer’s menu at once.',
      confirm: 'Delete',
    });
    if (!sure) return;
    const done = await action.run(reply.id, async () => {
      await api(`/v1/canned_replies/${encodeURIComponent(reply.id)}`, { method: 'DELETE' });
      return true;
    });
    if (done) await reload();
  }

  return html`<${Section} title=${title} text=${text} testid=${testid}
    actions=${
      editable &&
      html`<button type="button" class="btn btn-sm" onClick=${() => setEditing('new')} data-testid=${`${testid}-add`}>
      <${Icon} name="plus" size=${13} /> New reply</button>`
    }>
    <${ErrorNote} error=${action.error} />
    ${
      editing === 'new' &&
      html`<${ReplyForm} shared=${shared} onDone=${async (saved) => {
        setEditing(null);
        if (saved) await reload();
      }} />`
    }
    ${
      list.length
        ? html`<ul class="reply-list">
          ${list.map((r) =>
            editing === r.id
              ? html`<li key=${r.id}><${ReplyForm} reply=${r} shared=${shared} onDone=${async (saved) => {
                  setEditing(null);
                  if (saved) await reload();
                }} /></li>`
              : html`<li key=${r.id} class="reply-row" data-testid="reply-row" data-code=${r.code}>
                <div class="reply-row-head">
                  <code>/${r.code}</code> <strong>${r.title}</strong>
                  ${
                    editable &&
                    html`<span class="reply-actions">
                    <button class="btn btn-sm" onClick=${() => setEditing(r.id)} data-testid="reply-edit">Edit</button>
                    <button class="btn btn-sm btn-danger-ghost" onClick=${() => remove(r)} disabled=${!!action.busy} data-testid="reply-delete">Delete</button>
                  </span>`
                  }
                </div>
                <p class="reply-body muted small">${r.body}</p>
              </li>`,
          )}
        </ul>`
        : editing !== 'new' && html`<p class="muted" data-testid=${`${testid}-empty`}>No replies yet.</p>`
    }
    ${dialog}
  </${Section}>`;
}

function ReplyForm({ reply, shared, onDone }) {
  const [code, setCode] = useState(reply?.code || '');
  const [title, setTitle] = useState(reply?.title || '');
  const [body, setBody] = useState(reply?.body || '');
  const action = useAction();
  const key = reply?.id || (shared ? 'new-shared' : 'new-mine');

  async function submit(e) {
    e.preventDefault();
    const values = { code: code.trim().toLowerCase(), title: title.trim(), body };
    const saved = await action.run('save', () =>
      reply
        ? api(`/v1/canned_replies/${encodeURIComponent(reply.id)}`, { method: 'PATCH', body: values })
        : api('/v1/canned_replies', { method: 'POST', body: { ...values, shared } }),
    );
    if (saved) onDone(true);
  }

  return html`<form class="reply-form" onSubmit=${submit} data-testid="reply-form">
    <div class="form-row">
      <${Field} label="Code" id=${`reply-code-${key}`} help="What you type after / (letters, digits, - and _)">
        <input id=${`reply-code-${key}`} class="mono-input" required maxlength="40" pattern="[a-zA-Z0-9][a-zA-Z0-9_\\-]*"
          value=${code} onInput=${(e) => setCode(e.currentTarget.value)} data-testid="reply-code" placeholder="refund-policy" />
      </${Field}>
      <${Field} label="Title" id=${`reply-title-${key}`}>
        <input id=${`reply-title-${key}`} required maxlength="100" value=${title} onInput=${(e) => setTitle(e.currentTarget.value)}
          data-testid="reply-title" placeholder="Our refund policy" />
      </${Field}>
    </div>
    <${Field} label="Body" id=${`reply-body-${key}`} wide=${true} help="Variables such as {contact.name} and {agent.name} are filled in when inserted">
      <textarea id=${`reply-body-${key}`} required maxlength="5000" rows="4" value=${body} onInput=${(e) => setBody(e.currentTarget.value)}
        data-testid="reply-body" placeholder="Hi {contact.first_name}, …"></textarea>
    </${Field}>
    <${ErrorNote} error=${action.error} testid="reply-error" />
    <div class="form-actions">
      <button type="button" class="btn" onClick=${() => onDone(false)}>Cancel</button>
      <button type="submit" class="btn btn-primary" disabled=${!!action.busy} data-testid="reply-save">${action.busy ? 'Saving…' : 'Save reply'}</button>
    </div>
  </form>`;
}
