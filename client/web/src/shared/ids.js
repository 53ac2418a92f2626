/** Client-chosen ids: `client_msg_id` must be unique per sender (PROTOCOL.md message.send). */

export function uuid() {
  const c = globalThis.crypto;
  if (c && typeof c.randomUUID === 'function') return c.randomUUID();
  // randomUUID exists only in secure contexts; a plain-http intranet host still needs ids.
  const b = c.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** The last 6 characters of an id, for "Visitor · 3fa2c1" labels. */
export function shortId(id) {
  return String(id || '').replace(/-/g, '').slice(-6);
}
