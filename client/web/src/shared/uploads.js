/**
 * Attachments for both clients (PROTOCOL.md additions; DESIGN.md `POST /v1/uploads`,
 * `GET /v1/attachments/{id}`): upload a file with progress, and read one back with the
 * bearer. An <img> or a plain link cannot send an Authorization header, so files are
 * fetched, then shown as a data: URL (imageSource) or saved through a blob: URL revoked
 * right after (saveAttachment).
 *
 * The bearer only ever goes to the FlowSupport server the client talks to: an attachment's
 * `url` is used only when it is that server's `/v1/attachments/...` path.
 */

/** PROTOCOL.md additions: message.send takes at most this many attachments. */
export const MAX_FILES = 10;

/** Types the clients preview as thumbnails (the server serves them inline only if sniffed so). */
const IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

/**
 * @typedef {{upload_id: string, name: string, content_type: string, size: number}} Upload
 * @typedef {{id: string, name: string, content_type: string, size: number, url: string}} Attachment
 */

export class UploadError extends Error {
  /**
   * @param {number} status the HTTP status (0: no answer)
   * @param {string} code PROTOCOL.md error code
   * @param {string} message for people
   */
  constructor(status, code, message) {
    super(message);
    this.name = 'UploadError';
    this.status = status;
    this.code = code;
  }
}

/** @param {unknown} type */
export function isImage(type) {
  return typeof type === 'string' && IMAGE_TYPES.has(type.toLowerCase());
}

/**
 * A size for people: 999 B, 12 KB, 3.4 MB.
 * @param {unknown} bytes
 */
export function formatSize(bytes) {
  const n = Number(bytes);
  if (!Number.isFinite(n) || n < 0) return '';
  if (n < 1000) return `${n} B`;
  if (n < 1_000_000) return `${Math.round(n / 1000)} KB`;
  const mb = n / 1_000_000;
  return `${mb < 10 ? mb.toFixed(1) : Math.round(mb)} MB`;
}

/**
 * Where an attachment downloads from: its `url` when that is the server's own attachment
 * path, joined to the server's base; null for anything else (no bearer to other hosts).
 * @param {string} server the FlowSupport base URL ('' for the page's own origin)
 * @param {unknown} url
 * @returns {string | null}
 */
export function attachmentUrl(server, url) {
  if (typeof url !== 'string' || !/^\/v1\/attachments\/[A-Za-z0-9_-]+$/.test(url)) return null;
  return `${server.replace(/\/+$/, '')}${url}`;
}

/**
 * The error of a refused upload or download, in words for people.
 * @param {number} status
 * @param {unknown} body the parsed JSON answer, if any
 * @returns {UploadError}
 */
export function uploadError(status, body) {
  const error = /** @type {any} */ (body)?.error || {};
  const said = typeof error.message === 'string' && error.message ? error.message : '';
  if (status === 0) return new UploadError(0, 'unavailable', 'The server cannot be reached. Please try again.');
  const reason = said.replace(/^file:?\s+/, '');
  if (status === 413)
    return new UploadError(413, 'too_large', `This file is too large${reason ? ` (${reason})` : ''}.`);
  if (status === 422) {
    const text = reason ? `Not accepted: ${reason}` : 'This type of file is not accepted.';
    return new UploadError(422, error.code || 'bad_request', text);
  }
  if (status === 429) return new UploadError(429, 'rate_limited', 'Too many files at once. Please wait a moment.');
  if (status === 401) return new UploadError(401, 'unauthorized', 'Your session has ended. Please reload.');
  if (status === 404) return new UploadError(404, 'not_found', 'This file is no longer available.');
  return new UploadError(status, error.code || 'internal', said || `The file could not be sent (${status}).`);
}

/**
 * The upload's answer, checked.
 * @param {any} body
 * @returns {Upload | null}
 */
export function uploadOf(body) {
  if (!body || typeof body.upload_id !== 'string') return null;
  return {
    upload_id: body.upload_id,
    name: String(body.name || 'file'),
    content_type: String(body.content_type || 'application/octet-stream'),
    size: Number(body.size) || 0,
  };
}

/**
 * Upload one file (`POST /v1/uploads`, multipart field `file`), reporting progress. XHR,
 * not fetch: only XHR reports upload progress.
 * @param {{server: string, token: string | null, file: Blob, name?: string,
 *   onProgress?: (fraction: number) => void, signal?: AbortSignal}} o
 * @returns {Promise<Upload>}
 */
export function upload({ server, token, file, name, onProgress, signal }) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${server.replace(/\/+$/, '')}/v1/uploads`);
    if (token) xhr.setRequestHeader('authorization', `Bearer ${token}`);
    xhr.responseType = 'text';
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && onProgress) onProgress(Math.min(1, e.loaded / e.total));
    };
    xhr.onload = () => {
      let body = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = null;
      }
      const done = xhr.status >= 200 && xhr.status < 300 ? uploadOf(body) : null;
      if (done) resolve(done);
      else reject(uploadError(xhr.status || 0, body));
    };
    xhr.onerror = () => reject(uploadError(0, null));
    xhr.onabort = () => reject(new UploadError(0, 'cancelled', 'Cancelled'));
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    const form = new FormData();
    form.append('file', file, name || /** @type {File} */ (file).name || 'pasted-image');
    xhr.send(form);
  });
}

/**
 * Fetch an attachment with the bearer, as a Blob.
 * @param {string} url an attachmentUrl()
 * @param {string | null} token
 * @returns {Promise<Blob>}
 */
export async function fetchAttachment(url, token) {
  let response;
  try {
    response = await fetch(url, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
      credentials: 'omit',
    });
  } catch {
    throw uploadError(0, null);
  }
  if (!response.ok) {
    let body = null;
    try {
      body = await response.json();
    } catch {
      body = null;
    }
    throw uploadError(response.status, body);
  }
  return response.blob();
}

/**
 * An image attachment as a data: URL for an <img>. Not a blob: URL: the inbox's and the
 * demo page's Content-Security-Policy (server/api/web.py) allow `img-src 'self' data:`
 * only, as many host sites do; data: needs nothing revoked.
 * @param {string} url an attachmentUrl()
 * @param {string | null} token
 * @returns {Promise<string>}
 */
export async function imageSource(url, token) {
  const blob = await fetchAttachment(url, token);
  if (!isImage(blob.type.split(';')[0])) throw new UploadError(422, 'bad_request', 'This file is not an image.');
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(new UploadError(0, 'internal', 'The image could not be read.'));
    reader.readAsDataURL(blob);
  });
}

/**
 * Save an attachment under its name: fetched with the bearer, then a blob: link clicked
 * once and revoked soon after.
 * @param {string} url an attachmentUrl()
 * @param {string | null} token
 * @param {string} name
 */
export async function saveAttachment(url, token, name) {
  const blob = await fetchAttachment(url, token);
  const href = URL.createObjectURL(blob);
  const link = Object.assign(document.createElement('a'), { href, download: name || 'attachment' });
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}

/**
 * The files a drop or a paste carries (a paste of text carries none).
 * @param {DataTransfer | null | undefined} data
 * @returns {File[]}
 */
export function filesOf(data) {
  if (!data) return [];
  const files = Array.from(data.files || []);
  if (files.length) return files;
  return Array.from(data.items || [])
    .filter((item) => item.kind === 'file')
    .map((item) => item.getAsFile())
    .filter((f) => f !== null);
}
