/**
 * What the settings forms turn into `PATCH /v1/settings` values and back: pure functions,
 * so the rules are tested without a browser. The server checks everything again and its
 * message is what the admin reads when it refuses; these only catch what a form can know
 * (a number that is not one) and keep what is sent to what changed.
 */

export const PRIORITY_ORDER = ['urgent', 'high', 'normal', 'low'];
export const FIELD_TYPES = ['text', 'number', 'boolean', 'choice'];
export const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']; // 0 = Monday, as the server counts
export const DEFAULT_HOURS = { timezone: 'UTC', days: [0, 1, 2, 3, 4], start: '09:00', end: '17:00' };

/**
 * A whole number typed in a field, or null for an empty field (which means "no limit" or
 * "no target" where the setting allows it).
 * @returns {{value: number | null} | {error: string}}
 */
export function parseWhole(text, { label, min = 0, max = Number.MAX_SAFE_INTEGER, empty = true } = {}) {
  const trimmed = String(text ?? '')
    .trim()
    .replace(/[\s,_']/g, '');
  if (!trimmed) return empty ? { value: null } : { error: `${label} is required.` };
  if (!/^\d+$/.test(trimmed)) return { error: `${label} must be a whole number.` };
  const value = Number(trimmed);
  if (value < min || value > max) return { error: `${label} must be from ${min} to ${max.toLocaleString('en')}.` };
  return { value };
}

/** A number as a form shows it: '' for null. */
export function wholeText(value) {
  return value == null ? '' : String(value);
}

/** Minutes as people say them: 15 -> "15 min", 240 -> "4 h", 2880 -> "2 days", 90 -> "1 h 30 min". */
export function minutesText(minutes) {
  if (minutes == null || !Number.isFinite(minutes)) return '';
  if (minutes < 60) return `${minutes} min`;
  if (minutes % 1440 === 0) return `${minutes / 1440} ${minutes === 1440 ? 'day' : 'days'}`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest ? `${hours} h ${rest} min` : `${hours} h`;
}

/** Seconds as people say them: 0 -> "never", 45 -> "45 s", 120 -> "2 min", 90 -> "1 min 30 s". */
export function secondsText(seconds) {
  if (seconds == null || !Number.isFinite(seconds)) return '';
  if (seconds === 0) return 'never';
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600 || seconds % 60) {
    const rest = seconds % 60;
    return rest ? `${Math.floor(seconds / 60)} min ${rest} s` : `${seconds / 60} min`;
  }
  return minutesText(seconds / 60);
}

/** The keys of `after` whose values differ from `before`'s (compared as JSON): the PATCH body. */
export function changedValues(before, after, keys = Object.keys(after)) {
  const out = {};
  for (const key of keys) {
    if (JSON.stringify(before?.[key] ?? null) !== JSON.stringify(after[key] ?? null)) out[key] = after[key];
  }
  return out;
}

// -- SLA and business hours ------------------------------------------------------------------

/** The SLA table as form text: {priority: {first_response: '15', resolution: '240'}}. */
export function slaForm(sla) {
  const out = {};
  for (const priority of PRIORITY_ORDER) {
    const target = sla?.[priority] || {};
    out[priority] = {
      first_response: wholeText(target.first_response_minutes),
      resolution: wholeText(target.resolution_minutes),
    };
  }
  return out;
}

const MAX_MINUTES = 525_600; // a year: the server's bound

/** The form back into the setting; the first field that is not a number of minutes is the error. */
export function slaValue(form) {
  const sla = {};
  for (const priority of PRIORITY_ORDER) {
    const row = form[priority] || {};
    const name = priority[0].toUpperCase() + priority.slice(1);
    const first = parseWhole(row.first_response, { label: `${name}: first response`, min: 1, max: MAX_MINUTES });
    if (first.error) return { error: first.error };
    const resolution = parseWhole(row.resolution, { label: `${name}: resolution`, min: 1, max: MAX_MINUTES });
    if (resolution.error) return { error: resolution.error };
    sla[priority] = { first_response_minutes: first.value, resolution_minutes: resolution.value };
  }
  return { value: sla };
}

/** Business hours as the form holds them: round the clock (null) keeps a draft to switch back to. */
export function hoursForm(hours) {
  return hours ? { always: false, ...hours, days: [...hours.days] } : { always: true, ...DEFAULT_HOURS };
}

export function hoursValue(form) {
  if (form.always) return { value: null };
  if (!form.days.length) return { error: 'Pick at least one business day, or choose round the clock.' };
  if (!(form.start < form.end)) return { error: 'Business hours must start before they end.' };
  return {
    value: {
      timezone: form.timezone,
      days: [...new Set(form.days)].sort((a, b) => a - b),
      start: form.start,
      end: form.end,
    },
  };
}

/** The browser's time zones (with the one in use even if the browser does not list it). */
export function timeZones(current) {
  let zones = [];
  try {
    zones = Intl.supportedValuesOf('timeZone');
  } catch {
    zones = [];
  }
  const all = new Set(['UTC', ...zones]);
  if (current) all.add(current);
  return [...all];
}

// -- ticket fields -----------------------------------------------------------------------------

/** A field key from its label: "Order number" -> "order_number" (the server's snake_case rule). */
export function fieldKeyOf(label) {
  const key = String(label || '')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^[^a-z]+/, '')
    .replace(/_+$/, '')
    .slice(0, 50)
    .replace(/_+$/, '');
  return key;
}

/** "Basic, Pro,  Enterprise\nBasic" -> ['Basic', 'Pro', 'Enterprise']. */
export function choicesOf(text) {
  return [
    ...new Set(
      String(text || '')
        .split(/[,\n]/)
        .map((c) => c.trim())
        .filter(Boolean),
    ),
  ];
}

/** The fields as form rows (each with a stable id for the list). */
export function fieldsForm(fields) {
  return (fields || []).map((f, index) => ({
    id: `f${index}`,
    key: f.key,
    label: f.label ?? '',
    type: f.type,
    choices: (f.choices || []).join(', '),
    saved: true, // its key exists on the server: tickets may hold values under it
  }));
}

/** The rows back into definitions; the first row the server would refuse for a reason a form can see. */
export function fieldsValue(rows) {
  const seen = new Set();
  const out = [];
  for (const [index, row] of rows.entries()) {
    const where = `Field ${index + 1}${row.label ? ` (${row.label})` : ''}`;
    const key = row.key.trim();
    if (!/^[a-z][a-z0-9_]{0,49}$/.test(key))
      return { error: `${where}: the key must start with a letter and use a-z, 0-9 and _ only.` };
    if (seen.has(key)) return { error: `${where}: the key ${key} is used twice.` };
    seen.add(key);
    const definition = { key, type: row.type };
    if (row.label.trim()) definition.label = row.label.trim();
    if (row.type === 'choice') {
      const choices = choicesOf(row.choices);
      if (!choices.length) return { error: `${where}: a choice field needs at least one choice.` };
      definition.choices = choices;
    }
    out.push(definition);
  }
  return { value: out };
}

// -- lists of origins and tags ------------------------------------------------------------------

/** `https://shop.example.com/pricing` -> `https://shop.example.com`; several by comma or space. */
export function originsOf(text) {
  return text
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((entry) => {
      try {
        const { origin } = new URL(/^[a-z]+:\/\//i.test(entry) ? entry : `https://${entry}`);
        return origin === 'null' ? entry : origin; // no origin (file:, data:): the server names it
      } catch {
        return entry; // the server names what is wrong with it
      }
    });
}

/** "billing, Refunds ,billing" -> ['billing', 'Refunds']. */
export function tagsOf(text) {
  return choicesOf(text);
}

// -- passwords and sessions ---------------------------------------------------------------------

/** The server's minimum (it checks again and says so). */
export const MIN_PASSWORD = 8;

/** A new password typed twice: null when fine, else what to tell. */
export function passwordProblem(password, again) {
  if (password.length < MIN_PASSWORD) return `The password needs at least ${MIN_PASSWORD} characters.`;
  if (password !== again) return 'The two passwords differ.';
  return null;
}

/** A user agent as a person names it: "Chrome on Linux"; the raw string when unrecognised. */
export function browserOf(userAgent) {
  const ua = String(userAgent || '');
  if (!ua) return 'Unknown browser';
  const browser =
    [
      [/Edg(?:e|A|iOS)?\//, 'Edge'],
      [/OPR\/|Opera/, 'Opera'],
      [/Firefox\/|FxiOS\//, 'Firefox'],
      [/Chrom(?:e|ium)\/|CriOS\//, 'Chrome'],
      [/Safari\//, 'Safari'],
      [/^curl\//, 'curl'],
      [/python-httpx|python-requests|aiohttp/, 'a script'],
    ].find(([pattern]) => pattern.test(ua))?.[1] || null;
  const system =
    [
      [/Windows/, 'Windows'],
      [/iPhone|iPad|iOS/, 'iOS'],
      [/Mac OS X|Macintosh/, 'macOS'],
      [/Android/, 'Android'],
      [/CrOS/, 'ChromeOS'],
      [/Linux/, 'Linux'],
    ].find(([pattern]) => pattern.test(ua))?.[1] || null;
  if (!browser) return ua.length > 60 ? `${ua.slice(0, 57)}…` : ua;
  return system ? `${browser} on ${system}` : browser;
}

// -- colours -------------------------------------------------------------------------------------

/** WCAG 2 relative luminance of #rrggbb. */
function luminance(hex) {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export const isColour = (text) => /^#[0-9a-f]{6}$/i.test(String(text || ''));

/** The WCAG contrast ratio of two #rrggbb colours (1 to 21). */
export function contrastRatio(a, b) {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** White or near-black, whichever reads better on `hex` (the widget's own rule for text on the brand colour). */
export function inkOn(hex) {
  if (!isColour(hex)) return '#ffffff';
  return contrastRatio(hex, '#ffffff') >= contrastRatio(hex, '#111418') ? '#ffffff' : '#111418';
}

// -- channels ------------------------------------------------------------------------------------

/**
 * The channels an admin can add, with the fields each takes (those of `flowsupport channel
 * add`, DESIGN.md); `secret` fields are sealed by the server and typed as passwords.
 */
export const CHANNEL_FORMS = [
  {
    id: 'email',
    kind: 'email',
    provider: null,
    label: 'E-mail address',
    fields: [
      { key: 'address', label: 'Address customers write to', placeholder: 'support@example.com', type: 'email' },
    ],
  },
  {
    id: 'sms-twilio',
    kind: 'sms',
    provider: 'twilio',
    label: 'SMS (Twilio)',
    fields: [
      { key: 'number', label: 'Phone number', placeholder: '+14155550199', help: 'E.164: + and the country code.' },
      { key: 'account_sid', label: 'Account SID', placeholder: 'AC…' },
      { key: 'auth_token', label: 'Auth token', secret: true },
    ],
  },
  {
    id: 'whatsapp-twilio',
    kind: 'whatsapp',
    provider: 'twilio',
    label: 'WhatsApp (Twilio)',
    fields: [
      { key: 'number', label: 'WhatsApp number', placeholder: '+14155550199', help: 'E.164: + and the country code.' },
      { key: 'account_sid', label: 'Account SID', placeholder: 'AC…' },
      { key: 'auth_token', label: 'Auth token', secret: true },
    ],
  },
  {
    id: 'whatsapp-meta',
    kind: 'whatsapp',
    provider: 'meta',
    label: 'WhatsApp (Meta Cloud API)',
    fields: [
      { key: 'phone_number_id', label: 'Phone number id', placeholder: '1065…' },
      { key: 'app_secret', label: 'App secret', secret: true },
      { key: 'verify_token', label: 'Verify token', secret: true, help: 'Any string you choose; give Meta the same.' },
      { key: 'access_token', label: 'Access token', secret: true },
    ],
  },
];

/** The secrets each provider's credentials are (what re-sealing asks for again). */
export const CHANNEL_SECRETS = {
  twilio: ['auth_token'],
  meta: ['app_secret', 'verify_token', 'access_token'],
};

/** `POST /v1/channels`'s body for a form: its kind and provider, its own fields trimmed, api_base if given. */
export function channelBody(formId, values) {
  const form = CHANNEL_FORMS.find((f) => f.id === formId);
  if (!form) throw new Error(`no channel form ${formId}`);
  const body = { kind: form.kind };
  if (form.provider) body.provider = form.provider;
  for (const field of form.fields) body[field.key] = String(values[field.key] ?? '').trim();
  const base = String(values.api_base ?? '').trim();
  if (form.provider && base) body.api_base = base;
  return body;
}

/** `POST /v1/channels/{id}/credentials`'s body: every secret of the provider. */
export function credentialsBody(provider, values) {
  return Object.fromEntries((CHANNEL_SECRETS[provider] || []).map((key) => [key, String(values[key] ?? '').trim()]));
}
