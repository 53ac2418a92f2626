/**
 * Same-origin HTTP API calls with the agent's bearer token. Errors come back as
 * `{"error": {"code", "message"}}` (README "What it is"); they become ApiError. A 401
 * means the session is over: `onUnauthorized` takes the agent back to sign-in.
 */

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

let token = null;
let onUnauthorized = () => {};

export function configureHttp({ accessToken, unauthorized }) {
  token = accessToken;
  if (unauthorized) onUnauthorized = unauthorized;
}

/** `query` values that are '', null or undefined are left out. */
export function withQuery(path, query = {}) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== '' && value != null && value !== false) params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/**
 * `body` goes as JSON; `form` (a FormData: file uploads) as multipart, its boundary in the
 * content type the browser writes.
 */
export async function api(path, { method = 'GET', body, form, query, auth = true } = {}) {
  const headers = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (auth && token) headers.authorization = `Bearer ${token}`;
  let response;
  try {
    response = await fetch(withQuery(path, query), {
      method,
      headers,
      body: form !== undefined ? form : body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(0, 'unavailable', 'The server cannot be reached. Check your connection.');
  }
  let data = null;
  const type = response.headers.get('content-type') || '';
  if (type.includes('json')) {
    try {
      data = await response.json();
    } catch {
      data = null;
    }
  }
  if (response.ok) return data;
  const error = data?.error ? data.error : {};
  const failure = new ApiError(
    response.status,
    error.code || (response.status === 404 ? 'not_found' : 'internal'),
    error.message || `${method} ${path} failed (${response.status})`,
  );
  if (response.status === 401 && auth) onUnauthorized(failure);
  throw failure;
}

/**
 * Download what `path` answers (a CSV) as a file: an authenticated fetch (the token is a
 * bearer header, so a plain link cannot carry it), then a blob link clicked once. Returns
 * the response headers (e.g. X-Truncated); a refusal throws ApiError like `api`.
 */
export async function download(path, { query, filename }) {
  let response;
  try {
    response = await fetch(withQuery(path, query), {
      headers: token ? { authorization: `Bearer ${token}` } : {},
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(0, 'unavailable', 'The server cannot be reached. Check your connection.');
  }
  if (!response.ok) {
    let error = {};
    try {
      error = (await response.json()).error || {};
    } catch {
      error = {};
    }
    const failure = new ApiError(
      response.status,
      error.code || 'internal',
      error.message || `Download failed (${response.status})`,
    );
    if (response.status === 401) onUnauthorized(failure);
    throw failure;
  }
  const url = URL.createObjectURL(await response.blob());
  const link = Object.assign(document.createElement('a'), { href: url, download: filename });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return response.headers;
}
