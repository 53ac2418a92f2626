/**
 * Attachments in the inbox (PROTOCOL.md additions): the composer's files (picked, dropped
 * or pasted, uploaded at once with the agent's bearer, shown as chips with progress or the
 * server's refusal, sent with the reply or note by upload id), and a message's files in the
 * transcript (images as thumbnails, everything else, e-mail attachments included, as
 * download buttons). Through shared/uploads.js: the bearer cannot ride on an <img> or a
 * link, so files are fetched, images shown as data: URLs, downloads saved from blob: URLs.
 */

import { html } from 'htm/preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useStore } from '../../shared/store.js';
import {
  attachmentUrl,
  filesOf,
  formatSize,
  imageSource,
  isImage,
  MAX_FILES,
  saveAttachment,
  upload,
} from '../../shared/uploads.js';
import { patchIn, store, toast } from '../state.js';
import { Icon } from './common.js';

const token = () => store.get().session?.token || null;

/** A paperclip, in the style of common.js's icons (which have none). */
function Clip({ size = 14 }) {
  return html`<svg class="icon" width=${size} height=${size} viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2"
    stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false">
    <path d="M21 11.5 12.6 19.9a5 5 0 0 1-7.1-7.1l8.5-8.5a3.3 3.3 0 0 1 4.7 4.7l-8.5 8.5a1.7 1.7 0 0 1-2.4-2.4l7.8-7.8" />
  </svg>`;
}
let nextKey = 0;

/** @param {string} id @param {(files: object[]) => object[]} change */
function setFiles(id, change) {
  store.set((s) => patchIn(s, 'uploads', id, (files) => change(files || [])));
}

/** @param {string} id @param {number} key @param {object} patch */
function patchFile(id, key, patch) {
  setFiles(id, (files) => files.map((f) => (f.key === key ? { ...f, ...patch } : f)));
}

/** Upload files for the conversation's composer (at most MAX_FILES at a time). */
/** Channels whose providers take media only from a public URL: the server refuses files there. */
export const TEXT_ONLY = ['sms', 'whatsapp'];

export function addFiles(id, files) {
  const channel = store.get().convs[id]?.channel;
  if (TEXT_ONLY.includes(channel)) {
    toast(`Files cannot be sent on ${channel === 'sms' ? 'SMS' : 'WhatsApp'} conversations.`);
    return;
  }
  const have = (store.get().uploads[id] || []).length;
  const room = MAX_FILES - have;
  if (files.length > room) toast(`You can send up to ${MAX_FILES} files at once.`);
  for (const file of files.slice(0, Math.max(0, room))) {
    const key = ++nextKey;
    const abort = new AbortController();
    const name = file.name || 'pasted-image.png';
    setFiles(id, (list) => [...list, { key, name, state: 'uploading', progress: 0, upload: null, error: '', abort }]);
    upload({
      server: '',
      token: token(),
      file,
      name,
      signal: abort.signal,
      onProgress: (progress) => patchFile(id, key, { progress }),
    }).then(
      (done) => patchFile(id, key, { state: 'ready', upload: done }),
      (error) => {
        if (error.code !== 'cancelled') patchFile(id, key, { state: 'error', error: error.message });
      },
    );
  }
}

export function removeFile(id, key) {
  const file = (store.get().uploads[id] || []).find((f) => f.key === key);
  file?.abort.abort();
  setFiles(id, (files) => files.filter((f) => f.key !== key));
}

/**
 * The composer's attachments: its tray, its attach button, and the handlers for paste and
 * drop (spread on the textarea and the composer box).
 * @param {string} id the conversation
 */
export function useAttachments(id) {
  const files = useStore(store, (s) => s.uploads[id]) || [];
  const textOnly = useStore(store, (s) => TEXT_ONLY.includes(s.convs[id]?.channel));
  const picker = useRef(null);
  const [over, setOver] = useState(false);
  const hasFiles = (e) => Array.from(e.dataTransfer?.types || []).includes('Files');
  const ready = files.some((f) => f.state === 'ready');
  const busy = files.some((f) => f.state === 'uploading');
  return {
    ready,
    busy,
    over,
    onPaste(e) {
      const pasted = filesOf(e.clipboardData);
      if (!pasted.length) return; // text pastes as usual
      e.preventDefault();
      addFiles(id, pasted);
    },
    drop: {
      onDragOver(e) {
        if (!hasFiles(e)) return;
        e.preventDefault();
        setOver(true);
      },
      onDragLeave() {
        setOver(false);
      },
      onDrop(e) {
        setOver(false);
        const dropped = filesOf(e.dataTransfer);
        if (!dropped.length) return;
        e.preventDefault();
        addFiles(id, dropped);
      },
    },
    button: html`<button type="button" data-testid="composer-attach" class="btn btn-ghost btn-sm"
        title=${textOnly ? 'Files cannot be sent on this channel' : 'Attach files (or drop or paste them)'}
        aria-label="Attach files" disabled=${textOnly} onClick=${() => picker.current?.click()}>
      <${Clip} size=${14} /> Attach
      <input ref=${picker} data-testid="composer-file-input" type="file" multiple hidden tabIndex="-1"
        onChange=${(e) => {
          addFiles(id, Array.from(e.currentTarget.files || []));
          e.currentTarget.value = '';
        }} />
    </button>`,
    tray:
      files.length > 0 &&
      html`<ul class="upload-tray" data-testid="composer-files" aria-label="Files to send">
        ${files.map((f) => html`<${Chip} key=${f.key} file=${f} onRemove=${() => removeFile(id, f.key)} />`)}
      </ul>`,
  };
}

function Chip({ file, onRemove }) {
  const status =
    file.state === 'uploading'
      ? `Uploading ${Math.round(file.progress * 100)}%`
      : file.state === 'error'
        ? file.error
        : formatSize(file.upload?.size);
  return html`<li class=${`upload-chip upload-${file.state}`} data-testid="composer-file" data-state=${file.state}>
    ${file.state === 'error' ? html`<${Icon} name="alert" size=${13} />` : html`<${Clip} size=${13} />`}
    <span class="upload-text">
      <span class="upload-name">${file.name}</span>
      <span class="upload-status" data-testid="composer-file-status" role=${file.state === 'error' ? 'alert' : undefined}>${status}</span>
    </span>
    <button type="button" class="upload-x" aria-label=${`Remove ${file.name}`} onClick=${onRemove}><${Icon} name="x" size=${12} /></button>
  </li>`;
}

/** A message's files: images as thumbnails, the rest as download buttons. */
export function AttachmentList({ attachments }) {
  if (!Array.isArray(attachments) || !attachments.length) return null;
  return html`<div class="attachments" data-testid="msg-attachments">
    ${attachments.map((a) => {
      const url = attachmentUrl('', a?.url);
      if (!url) return null;
      return isImage(a.content_type)
        ? html`<${Thumbnail} key=${a.id} url=${url} name=${a.name || 'image'} />`
        : html`<${FileLink} key=${a.id} url=${url} name=${a.name || 'attachment'} size=${a.size} />`;
    })}
  </div>`;
}

function useSave(url, name) {
  const [error, setError] = useState('');
  const save = () =>
    saveAttachment(url, token(), name).then(
      () => setError(''),
      (e) => setError(e.message),
    );
  return [save, error];
}

function Thumbnail({ url, name }) {
  const [src, setSrc] = useState(null);
  const [failed, setFailed] = useState('');
  const [save, error] = useSave(url, name);
  useEffect(() => {
    let live = true;
    imageSource(url, token()).then(
      (made) => live && setSrc(made),
      (e) => live && setFailed(e.message),
    );
    return () => {
      live = false;
    };
  }, [url]);
  return html`<span class="attachment">
    <button type="button" class="thumb" data-testid="attachment-image-button" title=${name} aria-label=${`Download ${name}`} onClick=${save}>
      ${src ? html`<img data-testid="attachment-image" src=${src} alt=${name} />` : html`<span class="thumb-wait">${failed || 'Loading image…'}</span>`}
    </button>
    ${error && html`<span class="attachment-error" role="alert">${error}</span>`}
  </span>`;
}

function FileLink({ url, name, size }) {
  const [save, error] = useSave(url, name);
  return html`<span class="attachment">
    <button type="button" class="file-link" data-testid="attachment-file" aria-label=${`Download ${name}`} onClick=${save}>
      <${Clip} size=${13} /><span class="file-name">${name}</span><span class="muted small">${formatSize(size)}</span>
    </button>
    ${error && html`<span class="attachment-error" role="alert">${error}</span>`}
  </span>`;
}
