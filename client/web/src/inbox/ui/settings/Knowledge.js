/**
 * Knowledge base (admins): the articles the AI answers from. The list (`GET
 * /v1/kb/articles?q=`, as you type), an editor with a Markdown preview drawn by the
 * renderer the transcript uses (shared/markdown.js: text nodes only, links to http(s)
 * only), new articles, deleting one (asked first), each article's recent questions (`GET
 * /v1/kb/articles/{id}/questions`), uploading help-center files (`POST /v1/kb/uploads`,
 * as kb_ingest reads a folder), embedding everything again (`POST /v1/kb/reingest`), and
 * "Try a question": what `GET /v1/kb/search` finds, the passages the AI would answer from.
 * Every write is chunked and embedded by the server at once; the list is read again after.
 */

import { html } from 'htm/preact';
import { h } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { markdown } from '../../../shared/markdown.js';
import { ago } from '../../../shared/time.js';
import { navigate } from '../../actions.js';
import { api } from '../../http.js';
import { tagsOf } from '../../settings/values.js';
import { store } from '../../state.js';
import { Icon, Spinner } from '../common.js';
import { ErrorNote, Field, Loaded, PageHead, Section, useAction, useConfirm, useLoad, when } from './kit.js';

const LIST_LIMIT = 500;
const NEW = 'new';
const ACCEPT = '.md,.mdx,.markdown,.html,.htm,.txt,.zip';

/** `value`, once it stopped changing for `ms`. */
function useSettled(value, ms) {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return settled;
}

export function Knowledge() {
  const [filter, setFilter] = useState('');
  const q = useSettled(filter.trim(), 250);
  const articles = useLoad(
    () => api('/v1/kb/articles', { query: { limit: LIST_LIMIT, q } }).then((d) => ({ q, list: d.articles })),
    [q],
  );
  // A new article handed over pre-filled (Reports' "Draft an article": state.kbDraft), taken once.
  const [draft, setDraft] = useState(() => store.get().kbDraft);
  useEffect(() => {
    if (draft) store.set((s) => ({ ...s, kbDraft: null }));
  }, []);
  const [selected, setSelected] = useState(draft ? NEW : null); // an article id, NEW, or null
  const dirty = useRef(false);
  const [dialog, confirm] = useConfirm();

  async function open(id) {
    if (id === selected) return;
    if (dirty.current) {
      const sure = await confirm({
        title: 'Discard your changes?',
        text: 'The article you are editing has changes that are not saved.',
        confirm: 'Discard changes',
      });
      if (!sure) return;
    }
    dirty.current = false;
    setDraft(null);
    setSelected(id);
  }

  return html`<${PageHead} title="Knowledge base"
      text="The AI answers visitors only from these articles, citing them, and hands over what they do not cover.">
      <button class="btn btn-primary" onClick=${() => open(NEW)} data-testid="kb-new"><${Icon} name="plus" size=${14} /> New article</button>
    </${PageHead}>
    <${Loaded} resource=${articles} what="The knowledge base">
      ${({ q: shownQ, list }) => html`<div class="kb">
        <div class="kb-side">
          <label class="search">
            <${Icon} name="search" size=${14} />
            <input type="search" placeholder="Find in titles, paths and text" aria-label="Find articles" data-testid="kb-search"
              value=${filter} onInput=${(e) => setFilter(e.currentTarget.value)} />
            ${articles.reloading && html`<${Spinner} label="Searching" />`}
          </label>
          ${articles.error && html`<${ErrorNote} error=${articles.error} />`}
          <${ArticleList} list=${list} filtered=${!!shownQ} selected=${selected} onOpen=${open} />
          <${TryQuestion} onOpen=${open} />
          <${Import} reload=${articles.reload} />
        </div>
        <div class="kb-main">
          ${
            selected
              ? html`<${ArticleEditor} key=${selected} id=${selected === NEW ? null : selected} draft=${selected === NEW ? draft : null}
                onDirty=${(d) => {
                  dirty.current = d;
                }}
                onSaved=${async (id) => {
                  dirty.current = false;
                  await articles.reload();
                  setSelected(id);
                }}
                onDeleted=${async () => {
                  dirty.current = false;
                  setSelected(null);
                  await articles.reload();
                }} />`
              : html`<div class="placeholder" data-testid="kb-placeholder">
                <span class="placeholder-icon"><${Icon} name="book" size=${26} /></span>
                <h2>${list.length || shownQ ? 'Pick an article' : 'No articles yet'}</h2>
                <p class="muted">${
                  list.length || shownQ
                    ? 'Open one to edit it, or write a new one.'
                    : 'Write one here, or upload your help center’s Markdown or HTML files (or a .zip of them).'
                }</p>
              </div>`
          }
        </div>
      </div>`}
    </${Loaded}>
    ${dialog}`;
}

function ArticleList({ list, filtered, selected, onOpen }) {
  const count = `${list.length}${list.length === LIST_LIMIT ? '+' : ''}`;
  return html`<div class="kb-list-wrap">
    <p class="muted small" role="status" data-testid="kb-count">${filtered ? `${count} ${list.length === 1 ? 'article matches' : 'articles match'}` : `${count} ${list.length === 1 ? 'article' : 'articles'}`}</p>
    <ul class="kb-list" data-testid="kb-list" aria-label="Articles">
      ${list.map(
        (a) => html`<li key=${a.id}>
        <button class=${`kb-item ${a.id === selected ? 'active' : ''}`} aria-current=${a.id === selected ? 'true' : undefined}
          onClick=${() => onOpen(a.id)} data-testid="kb-item" data-article-id=${a.id}>
          <span class="kb-item-title">${a.title}</span>
          <span class="muted small ellipsis">${a.source_path || 'Written here'} · ${a.chunks ?? 0} ${a.chunks === 1 ? 'passage' : 'passages'}</span>
        </button>
      </li>`,
      )}
    </ul>
  </div>`;
}

/** What the AI would find for a visitor's question (hybrid search, best first). */
function TryQuestion({ onOpen }) {
  const [q, setQ] = useState('');
  const [results, setResults] = useState(null);
  const action = useAction();
  async function submit(e) {
    e.preventDefault();
    if (!q.trim()) return;
    const found = await action.run('search', () => api('/v1/kb/search', { query: { q: q.trim(), limit: 5 } }));
    setResults(found ? found.results : null);
  }
  return html`<form class="kb-try" onSubmit=${submit} aria-labelledby="kb-try-title">
    <h3 id="kb-try-title">Try a question</h3>
    <p class="muted small">The passages the AI would answer from, best first.</p>
    <div class="inline-form">
      <input aria-label="A visitor's question" placeholder="How do I cancel my plan?" value=${q} onInput=${(e) => setQ(e.currentTarget.value)}
        data-testid="kb-try-input" maxlength="500" />
      <button class="btn btn-sm" type="submit" disabled=${!!action.busy} data-testid="kb-try-submit">${action.busy ? html`<${Spinner} />` : 'Search'}</button>
    </div>
    <${ErrorNote} error=${action.error} />
    ${
      results &&
      html`<ol class="kb-results" data-testid="kb-try-results">
      ${results.length ? '' : html`<li class="muted small">Nothing found: the AI would hand this question to a person.</li>`}
      ${results.map(
        (r) => html`<li key=${r.article_id}>
        <button type="button" class="link-btn" onClick=${() => onOpen(r.article_id)}>${r.title}</button>
        ${r.heading_path && html`<span class="faint small"> · ${r.heading_path}</span>`}
        <div class="small muted md kb-snippet">${markdown(r.snippet, h)}</div>
      </li>`,
      )}
    </ol>`
    }
  </form>`;
}

/** Help-center files in (as kb_ingest reads a folder: same paths update the same articles), and everything embedded again. */
function Import({ reload }) {
  const [files, setFiles] = useState([]);
  const [baseUrl, setBaseUrl] = useState('');
  const [result, setResult] = useState(null);
  const action = useAction();
  const input = useRef(null);

  async function upload(e) {
    e.preventDefault();
    if (!files.length) return;
    setResult(null);
    const form = new FormData();
    for (const file of files) form.append('files', file, file.name);
    if (baseUrl.trim()) form.append('base_url', baseUrl.trim());
    const done = await action.run('upload', () => api('/v1/kb/uploads', { method: 'POST', form }));
    if (!done) return;
    const n = (count, one, many) => `${count} ${count === 1 ? one : many}`;
    setResult(
      `${n(done.articles, 'article', 'articles')} written (${n(done.chunks, 'passage', 'passages')}), ${done.skipped} unchanged.`,
    );
    setFiles([]);
    if (input.current) input.current.value = '';
    await reload();
  }

  async function reingest() {
    setResult(null);
    const done = await action.run('reingest', () => api('/v1/kb/reingest', { method: 'POST' }));
    if (!done) return;
    setResult(
      `${done.articles} ${done.articles === 1 ? 'article' : 'articles'} embedded again (${done.chunks} passages).`,
    );
    await reload();
  }

  return html`<form class="kb-try" onSubmit=${upload} aria-labelledby="kb-import-title" data-testid="kb-import">
    <h3 id="kb-import-title">Upload articles</h3>
    <p class="muted small">Markdown, HTML or text files, or a .zip of a help-center folder. A file with the same path updates its article; unchanged ones are skipped.</p>
    <input ref=${input} type="file" multiple accept=${ACCEPT} aria-label="Files to upload" data-testid="kb-upload-files"
      onChange=${(e) => setFiles([...e.currentTarget.files])} />
    <input class="kb-base" type="url" placeholder="https://help.example.com (optional)" aria-label="Where the help center is published (optional)"
      value=${baseUrl} onInput=${(e) => setBaseUrl(e.currentTarget.value)} data-testid="kb-upload-base" />
    <div class="inline-form">
      <button class="btn btn-sm btn-primary" type="submit" disabled=${!files.length || !!action.busy} data-testid="kb-upload-submit">
        <${Icon} name="upload" size=${13} /> ${action.busy === 'upload' ? 'Uploading and embedding…' : files.length > 1 ? `Upload ${files.length} files` : 'Upload'}
      </button>
      <button class="btn btn-sm" type="button" onClick=${reingest} disabled=${!!action.busy} data-testid="kb-reingest"
        title="Chunk and embed every article again with this server's embedding model (after it changed)">
        <${Icon} name="refresh" size=${13} /> ${action.busy === 'reingest' ? 'Embedding…' : 'Re-embed all'}
      </button>
    </div>
    <${ErrorNote} error=${action.error} testid="kb-import-error" />
    ${result && html`<p class="form-ok" role="status" data-testid="kb-import-result"><${Icon} name="check" size=${14} /> ${result}</p>`}
  </form>`;
}

/** The recent visitors' questions AI answers citing this article answered. */
function Questions({ id }) {
  const questions = useLoad(
    () => api(`/v1/kb/articles/${encodeURIComponent(id)}/questions`, { query: { limit: 20 } }),
    [id],
  );
  return html`<${Section} title="Questions it answered" text="What visitors asked when the AI answered citing this article, newest first." testid="kb-questions">
    <${Loaded} resource=${questions} what="Its questions">
      ${(data) =>
        data.questions.length
          ? html`<ul class="settings-list">
          ${data.questions.map(
            (item) => html`<li class="settings-item" data-testid="kb-question">
            <div class="settings-item-main"><span class="break">${item.text}</span><span class="muted small">${ago(item.asked_at)}</span></div>
            <button type="button" class="btn btn-sm" onClick=${() => navigate({ view: 'conversations', conversationId: item.conversation_id })}>Open conversation</button>
          </li>`,
          )}
        </ul>`
          : html`<p class="muted small">No AI answer has cited it yet.</p>`}
    </${Loaded}>
  </${Section}>`;
}

const blank = { title: '', url: '', tags: '', body: '' };
const formOf = (a) => ({ title: a.title, url: a.url || '', tags: (a.tags || []).join(', '), body: a.body || '' });

function ArticleEditor({ id, draft, onDirty, onSaved, onDeleted }) {
  const article = useLoad(() => (id ? api(`/v1/kb/articles/${encodeURIComponent(id)}`) : Promise.resolve(null)), [id]);
  if (!id)
    return html`<${EditorForm} article=${null} start=${draft} onDirty=${onDirty} onSaved=${onSaved} onDeleted=${onDeleted} />`;
  return html`<${Loaded} resource=${article} what="The article">
    ${(a) => html`<${EditorForm} article=${a} refreshError=${article.error} onDirty=${onDirty} onDeleted=${onDeleted}
      onSaved=${async (savedId) => {
        await article.reload(); // the form shows the article as the server now holds it
        await onSaved(savedId);
      }} />`}
  </${Loaded}>`;
}

function EditorForm({ article, start, refreshError, onDirty, onSaved, onDeleted }) {
  const initial = article ? formOf(article) : blank;
  const [form, setForm] = useState(start ? { ...blank, ...start } : initial); // a draft starts unsaved
  const shown = useRef(article);
  useEffect(() => {
    if (shown.current === article) return;
    shown.current = article; // read again after a save
    setForm(article ? formOf(article) : blank);
  }, [article]);
  const [view, setView] = useState('split'); // split | write | preview (narrow screens pick one)
  const action = useAction();
  const [dialog, confirm] = useConfirm();
  const dirty = JSON.stringify(form) !== JSON.stringify(initial);
  useEffect(() => onDirty(dirty), [dirty]);
  const preview = useMemo(() => markdown(form.body, h), [form.body]);
  const set = (key) => (e) => setForm((f) => ({ ...f, [key]: e.currentTarget.value }));

  async function save(e) {
    e.preventDefault();
    const body = { title: form.title.trim(), body: form.body, url: form.url.trim() || null, tags: tagsOf(form.tags) };
    const saved = await action.run('save', () =>
      article
        ? api(`/v1/kb/articles/${encodeURIComponent(article.id)}`, { method: 'PUT', body })
        : api('/v1/kb/articles', { method: 'POST', body }),
    );
    if (saved) await onSaved(saved.id);
  }

  async function remove() {
    const sure = await confirm({
      title: `Delete "${article.title}"?`,
      text: article.source_path
        ? `The AI stops answering from it at once. It was imported from ${article.source_path}: importing that file again brings it back.`
        : 'The AI stops answering from it at once. This cannot be undone.',
      confirm: 'Delete article',
    });
    if (!sure) return;
    const done = await action.run('delete', async () => {
      await api(`/v1/kb/articles/${encodeURIComponent(article.id)}`, { method: 'DELETE' });
      return true;
    });
    if (done) await onDeleted();
  }

  return html`<form class="kb-editor" onSubmit=${save} data-testid="kb-editor" aria-label=${article ? `Edit ${article.title}` : 'New article'}>
    <div class="kb-editor-head">
      <h2>${article ? 'Edit article' : 'New article'}</h2>
      ${article && html`<span class="muted small">${article.source_path ? `Imported from ${article.source_path}` : 'Written here'} · updated ${when(article.updated_at)}</span>`}
    </div>
    ${refreshError && html`<${ErrorNote} error=${`Could not read the article again: ${refreshError.message}`} />`}
    <${Field} label="Title" id="kb-title" wide>
      <input id="kb-title" required maxlength="500" value=${form.title} onInput=${set('title')} data-testid="kb-title" />
    </${Field}>
    <div class="field-grid">
      <${Field} label="Public URL" id="kb-url" help="Where visitors can read it: citations link here. Empty: cited by title.">
        <input id="kb-url" type="url" maxlength="2000" placeholder="https://help.example.com/…" value=${form.url} onInput=${set('url')}
          aria-describedby="kb-url-help" data-testid="kb-url" />
      </${Field}>
      <${Field} label="Tags" id="kb-tags" help="Separated by commas.">
        <input id="kb-tags" value=${form.tags} onInput=${set('tags')} aria-describedby="kb-tags-help" data-testid="kb-tags" />
      </${Field}>
    </div>
    <div class="kb-body-head">
      <label for="kb-body">Body <span class="muted small">(Markdown)</span></label>
      <div class="segmented" role="group" aria-label="Editor layout">
        ${[
          ['split', 'Side by side'],
          ['write', 'Write'],
          ['preview', 'Preview'],
        ].map(
          ([value, label]) =>
            html`<button type="button" class=${`segment ${view === value ? 'on' : ''}`} aria-pressed=${view === value}
              onClick=${() => setView(value)} data-testid=${`kb-view-${value}`}>${label}</button>`,
        )}
      </div>
    </div>
    <div class=${`kb-body kb-body-${view}`}>
      <textarea id="kb-body" required maxlength="200000" value=${form.body} onInput=${set('body')} data-testid="kb-body"
        hidden=${view === 'preview'} spellcheck="true"></textarea>
      <div class="kb-preview msg-body md" hidden=${view === 'write'} data-testid="kb-preview" aria-label="Preview" role="region">
        ${form.body.trim() ? preview : html`<p class="faint">The preview appears here as you write.</p>`}
      </div>
    </div>
    <${ErrorNote} error=${action.error} testid="kb-error" />
    <div class="savebar-actions">
      ${
        article &&
        html`<button type="button" class="btn btn-danger-ghost" onClick=${remove} disabled=${!!action.busy} data-testid="kb-delete">
        <${Icon} name="trash" size=${14} /> Delete</button>`
      }
      <span class="muted small" role="status">${action.busy === 'save' ? 'Saving and embedding…' : dirty ? 'Unsaved changes' : ''}</span>
      <button type="submit" class="btn btn-primary" disabled=${!!action.busy || (!dirty && !!article)} data-testid="kb-save">
        ${action.busy === 'save' ? 'Saving…' : article ? 'Save article' : 'Create article'}
      </button>
    </div>
    ${dialog}
  </form>
  ${article && html`<${Questions} id=${article.id} />`}`;
}
