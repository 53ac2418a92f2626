/**
 * The widget's attachments: the tray of files the visitor is about to send (picked, dropped
 * or pasted; each a chip with its progress or error and a remove button, uploaded at once
 * with the visitor token), and the files of a message in the log (images as thumbnails,
 * other files as download buttons), both through shared/uploads.js.
 */

import {
  attachmentUrl,
  formatSize,
  imageSource,
  isImage,
  MAX_FILES,
  saveAttachment,
  upload,
} from '../shared/uploads.js';
import { h, icon } from './dom.js';

/** @typedef {import("../shared/uploads.js").Upload} Upload */
/** @typedef {import("../shared/uploads.js").Attachment} Attachment */
/**
 * @typedef {object} Chip
 * @property {number} key
 * @property {string} name
 * @property {'uploading' | 'ready' | 'error'} state
 * @property {number} progress 0..1
 * @property {Upload | null} upload
 * @property {string} error
 * @property {AbortController} abort
 * @property {HTMLElement} el
 */

export class Tray {
  /**
   * @param {{server: string, token: () => Promise<string | null>, onChange: () => void}} deps
   *   token: the visitor token once the server has welcomed this visitor
   */
  constructor({ server, token, onChange }) {
    this.server = server;
    this.token = token;
    this.onChange = onChange;
    /** @type {Chip[]} */
    this.chips = [];
    this.next = 0;
    this.el = h('div', { class: 'fs-tray', 'data-testid': 'fs-tray', hidden: true, 'aria-label': 'Files to send' });
    this.note = h('div', { class: 'fs-meta fs-meta--error', role: 'alert', hidden: true });
    this.el.append(this.note);
  }

  /** @param {File[]} files */
  add(files) {
    this.note.hidden = true;
    const room = MAX_FILES - this.chips.length;
    if (files.length > room) {
      this.note.textContent = `You can send up to ${MAX_FILES} files at once.`;
      this.note.hidden = false;
    }
    for (const file of files.slice(0, Math.max(0, room))) this.start(file);
    this.changed();
  }

  /** @param {File} file */
  start(file) {
    /** @type {Chip} */
    const chip = {
      key: ++this.next,
      name: file.name || 'pasted-image.png',
      state: 'uploading',
      progress: 0,
      upload: null,
      error: '',
      abort: new AbortController(),
      el: h('div'),
    };
    this.chips.push(chip);
    this.draw(chip);
    this.token()
      .then((token) => {
        if (chip.abort.signal.aborted) throw Object.assign(new Error('Cancelled'), { code: 'cancelled' });
        return upload({
          server: this.server,
          token,
          file,
          name: chip.name,
          signal: chip.abort.signal,
          onProgress: (fraction) => {
            chip.progress = fraction;
            this.draw(chip);
          },
        });
      })
      .then(
        (done) => {
          chip.state = 'ready';
          chip.upload = done;
          this.draw(chip);
          this.changed();
        },
        (/** @type {Error & {code?: string}} */ error) => {
          if (error.code === 'cancelled') return;
          chip.state = 'error';
          chip.error = error.message;
          this.draw(chip);
          this.changed();
        },
      );
  }

  /** @param {Chip} chip */
  draw(chip) {
    const status =
      chip.state === 'uploading'
        ? `Uploading ${Math.round(chip.progress * 100)}%`
        : chip.state === 'error'
          ? chip.error
          : formatSize(chip.upload?.size);
    const el = h(
      'div',
      {
        class: `fs-chip fs-chip--${chip.state}`,
        'data-testid': 'fs-chip',
        'data-state': chip.state,
      },
      icon(chip.state === 'error' ? 'alert' : 'file'),
      h(
        'span',
        { class: 'fs-chip-text' },
        h('span', { class: 'fs-chip-name' }, chip.name),
        h(
          'span',
          { class: 'fs-chip-status', 'data-testid': 'fs-chip-status', role: chip.state === 'error' ? 'alert' : null },
          status,
        ),
      ),
      h(
        'button',
        {
          type: 'button',
          class: 'fs-chip-remove',
          'data-testid': 'fs-chip-remove',
          'aria-label': `Remove ${chip.name}`,
          onclick: () => this.remove(chip.key),
        },
        icon('close'),
      ),
    );
    if (chip.el.isConnected) chip.el.replaceWith(el);
    else this.el.insertBefore(el, this.note);
    chip.el = el;
  }

  /** @param {number} key */
  remove(key) {
    const chip = this.chips.find((c) => c.key === key);
    if (!chip) return;
    chip.abort.abort();
    chip.el.remove();
    this.chips = this.chips.filter((c) => c !== chip);
    this.note.hidden = true;
    this.changed();
  }

  /** The uploaded files, ready to go with a message. */
  ready() {
    return this.chips.flatMap((c) => (c.state === 'ready' && c.upload ? [c.upload] : []));
  }

  /** Whether a file is still on its way (sending waits for it). */
  busy() {
    return this.chips.some((c) => c.state === 'uploading');
  }

  /** Sent: empty the tray. */
  clear() {
    for (const chip of this.chips) chip.el.remove();
    this.chips = [];
    this.note.hidden = true;
    this.changed();
  }

  changed() {
    this.el.hidden = this.chips.length === 0 && this.note.hidden;
    this.onChange();
  }
}

/**
 * A message's files: images as thumbnails (fetched with the bearer, shown as data: URLs),
 * the rest as buttons that save the file under its name.
 * @param {unknown} attachments the message's `attachments`
 * @param {{server: string, token: () => string | null}} deps
 * @returns {HTMLElement | null}
 */
export function fileList(attachments, { server, token }) {
  if (!Array.isArray(attachments) || !attachments.length) return null;
  const list = h('div', { class: 'fs-files' });
  for (const a of /** @type {Attachment[]} */ (attachments)) {
    const url = attachmentUrl(server, a?.url);
    if (!url) continue;
    const name = String(a.name || 'attachment');
    const note = h('span', { class: 'fs-meta fs-meta--error', hidden: true });
    const save = () =>
      saveAttachment(url, token(), name).then(
        () => {
          note.hidden = true;
        },
        (/** @type {Error} */ error) => {
          note.textContent = error.message;
          note.hidden = false;
        },
      );
    if (isImage(a.content_type)) {
      const img = /** @type {HTMLImageElement} */ (
        h('img', { class: 'fs-thumb-img', alt: name, 'data-testid': 'fs-attachment-image' })
      );
      imageSource(url, token()).then(
        (src) => {
          img.src = src;
        },
        (/** @type {Error} */ error) => {
          note.textContent = error.message;
          note.hidden = false;
        },
      );
      list.append(
        h(
          'button',
          { type: 'button', class: 'fs-thumb', 'aria-label': `Download ${name}`, title: name, onclick: save },
          img,
        ),
        note,
      );
    } else {
      list.append(
        h(
          'button',
          {
            type: 'button',
            class: 'fs-file',
            'data-testid': 'fs-attachment-file',
            'aria-label': `Download ${name}`,
            onclick: save,
          },
          icon('file'),
          h('span', { class: 'fs-file-name' }, name),
          h('span', { class: 'fs-file-size' }, formatSize(a.size)),
        ),
        note,
      );
    }
  }
  return list;
}
