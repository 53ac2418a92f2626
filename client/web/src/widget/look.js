/**
 * The widget's look, as the tenant's admins set it (`GET /v1/widget/config?key=`): the
 * greeting, the brand colour, the light, dark or automatic theme and the launcher's side.
 * Read before the launcher is drawn; when the request fails or answers something odd, the
 * defaults (the widget's own dark look, bottom right) stand, so the widget always works.
 *
 * The brand colour fills the launcher, the header and the visitor's bubbles; the text on
 * it is white or near-black, whichever contrasts more (WCAG 2 relative luminance), and the
 * colour used for links and focus rings is moved towards white (dark theme) or black
 * (light theme) until it reads on the panel at 4.5:1.
 */

/** @typedef {"light" | "dark" | "auto"} Theme */
/**
 * @typedef {object} Look
 * @property {string} name the tenant's name ('' when unknown)
 * @property {string} greeting the first line of the panel ('' for none)
 * @property {string} brand_color #rrggbb
 * @property {Theme} theme
 * @property {"right" | "left"} launcher_position
 */

/** @type {Readonly<Look>} */
export const DEFAULT_LOOK = Object.freeze({
  name: '',
  greeting: 'Hi there! Ask us anything: our assistant answers right away, and a person is one click away.',
  brand_color: '#1d6ae5',
  theme: 'dark',
  launcher_position: 'right',
});

const FETCH_TIMEOUT_MS = 3000;
const COLOUR = /^#[0-9a-f]{6}$/i;
const PANELS = { dark: '#1a1d21', light: '#ffffff' }; // --fs-panel of each scheme (widget.css)
const WHITE = '#ffffff';
const INK = '#111418';
const READABLE = 4.5; // WCAG 2 AA for normal text

/**
 * A look from whatever the server answered: each field checked, defaults for the rest.
 * @param {unknown} raw
 * @returns {Look}
 */
export function lookOf(raw) {
  const given = /** @type {Record<string, unknown>} */ (raw && typeof raw === 'object' ? raw : {});
  /**
   * @template T
   * @param {string} key
   * @param {(value: unknown) => boolean} ok
   * @returns {T}
   */
  const pick = (key, ok) =>
    /** @type {T} */ (ok(given[key]) ? given[key] : /** @type {Record<string, unknown>} */ (DEFAULT_LOOK)[key]);
  return {
    name: pick('name', (v) => typeof v === 'string'),
    greeting: pick('greeting', (v) => typeof v === 'string' && v.length <= 500),
    brand_color: String(pick('brand_color', (v) => typeof v === 'string' && COLOUR.test(v))).toLowerCase(),
    theme: pick('theme', (v) => v === 'light' || v === 'dark' || v === 'auto'),
    launcher_position: pick('launcher_position', (v) => v === 'right' || v === 'left'),
  };
}

/**
 * The tenant's look, or the defaults when it cannot be had within FETCH_TIMEOUT_MS.
 * @param {string} server
 * @param {string} widgetKey
 * @param {typeof fetch} [fetcher]
 * @returns {Promise<Look>}
 */
export async function fetchLook(server, widgetKey, fetcher = globalThis.fetch) {
  const abort = typeof AbortController === 'function' ? new AbortController() : null;
  const timer = setTimeout(() => abort?.abort(), FETCH_TIMEOUT_MS);
  try {
    const url = `${server}/v1/widget/config?key=${encodeURIComponent(widgetKey)}`;
    const response = await fetcher(url, { signal: abort?.signal, credentials: 'omit' });
    return response.ok ? lookOf(await response.json()) : lookOf(null);
  } catch {
    return lookOf(null);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * @param {string} hex #rrggbb
 * @returns {[number, number, number]}
 */
function rgb(hex) {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** @param {[number, number, number]} channels */
function hexOf(channels) {
  return `#${channels.map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;
}

/**
 * WCAG 2 relative luminance.
 * @param {string} hex
 */
export function luminance(hex) {
  const [r, g, b] = rgb(hex).map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/**
 * WCAG 2 contrast ratio, 1 to 21.
 * @param {string} a
 * @param {string} b
 */
export function contrast(a, b) {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/**
 * `from` moved a fraction `t` of the way to `to`.
 * @param {string} from
 * @param {string} to
 * @param {number} t
 */
export function mix(from, to, t) {
  const a = rgb(from);
  const b = rgb(to);
  return hexOf([0, 1, 2].map((i) => a[i] + (b[i] - a[i]) * t));
}

/**
 * @param {string} hex
 * @param {number} alpha
 */
function rgba(hex, alpha) {
  return `rgba(${rgb(hex).join(', ')}, ${alpha})`;
}

/**
 * `colour`, moved towards `towards` in steps until it reads on `background`.
 * @param {string} colour
 * @param {string} background
 * @param {string} towards
 */
function readableOn(colour, background, towards) {
  let out = colour;
  for (let step = 1; step <= 10 && contrast(out, background) < READABLE; step += 1) {
    out = mix(colour, towards, step / 10);
  }
  return out;
}

/**
 * The CSS custom properties of a brand colour in one scheme.
 * @param {string} brand #rrggbb
 * @param {"light" | "dark"} scheme
 * @returns {Record<string, string>}
 */
export function palette(brand, scheme) {
  const onAccent = contrast(brand, WHITE) >= contrast(brand, INK) ? WHITE : INK;
  const panel = PANELS[scheme];
  return {
    '--fs-accent': brand,
    '--fs-accent-hover': luminance(brand) < 0.03 ? mix(brand, WHITE, 0.15) : mix(brand, '#000000', 0.12),
    '--fs-on-accent': onAccent,
    '--fs-on-accent-muted': rgba(onAccent, 0.8),
    '--fs-on-accent-soft': rgba(onAccent, 0.16),
    '--fs-accent-soft': rgba(brand, 0.14),
    '--fs-accent-line': rgba(brand, 0.3),
    '--fs-accent-text': readableOn(brand, panel, scheme === 'dark' ? WHITE : '#000000'),
  };
}

/**
 * Which scheme a theme shows now (auto: the visitor's prefers-color-scheme).
 * @param {Theme} theme
 * @param {boolean} prefersDark
 * @returns {"light" | "dark"}
 */
export function schemeOf(theme, prefersDark) {
  if (theme === 'auto') return prefersDark ? 'dark' : 'light';
  return theme;
}
