/**
 * A tiny element factory and the widget's icons.
 *
 * Text always goes in as text nodes: message bodies, names and titles come from the
 * network, and nothing here ever parses a string as HTML.
 */

/**
 * @typedef {Record<string, string | number | boolean | null | undefined | EventListener>} Props
 *   Attributes by name (`false`, `null` and `undefined` omit one); `on<event>` adds a listener.
 */

/**
 * Create an element with attributes, listeners and children (strings become text nodes).
 * @param {string} tag
 * @param {Props | null} [props]
 * @param {...(Node | string | null | undefined | false)} children
 * @returns {HTMLElement}
 */
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  setProps(el, props);
  append(el, children);
  return el;
}

/**
 * @param {Element} el
 * @param {Props | null | undefined} props
 */
function setProps(el, props) {
  if (!props) return;
  for (const [name, value] of Object.entries(props)) {
    if (typeof value === 'function') {
      el.addEventListener(name.slice(2), value);
    } else if (value != null && value !== false) {
      el.setAttribute(name, value === true ? '' : String(value));
    }
  }
}

/**
 * @param {Element} el
 * @param {Array<Node | string | null | undefined | false>} children
 */
function append(el, children) {
  for (const child of children) {
    if (child == null || child === false) continue;
    el.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Icon path data (24x24, stroked). Drawn for this widget. */
export const ICONS = {
  chat: 'M21 11.5c0 4.4-4 8-9 8-1.3 0-2.6-.2-3.7-.7L3 20l1.4-4.2A7.4 7.4 0 0 1 3 11.5c0-4.4 4-8 9-8s9 3.6 9 8z',
  close: 'M6 6l12 12M18 6 6 18',
  down: 'm6 9 6 6 6-6',
  send: 'M12 19V5M5.5 11.5 12 5l6.5 6.5',
  person: 'M19 20v-1.5a4 4 0 0 0-4-4H9a4 4 0 0 0-4 4V20M12 11a3.5 3.5 0 1 0 0-7 3.5 3.5 0 0 0 0 7z',
  clock: 'M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18zM12 7v5l3 2',
  spark:
    'M12 3l1.9 5.1L19 10l-5.1 1.9L12 17l-1.9-5.1L5 10l5.1-1.9L12 3zM19 15l.8 2.2L22 18l-2.2.8L19 21l-.8-2.2L16 18l2.2-.8L19 15z',
  alert: 'M12 8v5M12 16.5v.5M10.3 3.9 2.4 17.6A2 2 0 0 0 4.1 20.6h15.8a2 2 0 0 0 1.7-3L13.7 3.9a2 2 0 0 0-3.4 0z',
  check: 'M20 6 9 17l-5-5',
  star: 'm12 3 2.8 5.6 6.2.9-4.5 4.4 1 6.1-5.5-2.9-5.5 2.9 1-6.1L3 9.5l6.2-.9z',
  list: 'M9 6h11M9 12h11M9 18h11M4.5 6h.01M4.5 12h.01M4.5 18h.01',
  plus: 'M12 5v14M5 12h14',
  back: 'M15 18l-6-6 6-6',
  clip: 'M21 11.5 12.6 19.9a5 5 0 0 1-7.1-7.1l8.5-8.5a3.3 3.3 0 0 1 4.7 4.7l-8.5 8.5a1.7 1.7 0 0 1-2.4-2.4l7.8-7.8',
  file: 'M14 3H7a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2V8zM14 3v5h5',
  search: 'M11 18a7 7 0 1 0 0-14 7 7 0 0 0 0 14zM20 20l-4-4',
};

/**
 * An inline SVG icon, hidden from assistive technology (its button carries the label).
 * @param {keyof typeof ICONS} name
 * @returns {SVGSVGElement}
 */
export function icon(name) {
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const path = document.createElementNS(SVG_NS, 'path');
  path.setAttribute('d', ICONS[name]);
  svg.append(path);
  return svg;
}

/**
 * Three animated dots (typing indicator).
 * @returns {HTMLElement}
 */
export function dots() {
  return h('span', { class: 'fs-dots', 'aria-hidden': 'true' }, h('span'), h('span'), h('span'));
}
