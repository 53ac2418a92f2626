/**
 * Ids both clients choose: `client_msg_id` (unique per sender, PROTOCOL.md message.send)
 * and request ids (unique per connection, "Frame envelope").
 */

/**
 * A random RFC 4122 version 4 UUID: two tabs or devices never collide.
 * @param {Crypto} [c]
 */
export function uuid(c = globalThis.crypto) {
  if (typeof c.randomUUID === 'function') return c.randomUUID();
  // randomUUID exists only in secure contexts; a plain-http host page still has getRandomValues.
  const b = c.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * Short ids in order: `r1`, `r2`, … (a request's `id`: at most 64 characters).
 * @param {string} [prefix]
 * @returns {() => string}
 */
export function counter(prefix = 'r') {
  let n = 0;
  return () => `${prefix}${++n}`;
}

/** The last 6 characters of an id, for "Visitor · 3fa2c1" labels. */
export function shortId(id) {
  return String(id || '')
    .replace(/-/g, '')
    .slice(-6);
}
