/**
 * FlowSupport's embeddable chat widget: the entry point of /widget.js.
 *
 *   <script src="https://HOST/widget.js" data-widget-key="wk_..." async></script>
 *
 * Optional attributes: `data-server` (the FlowSupport base URL; default: the script's
 * origin), `data-title` (the panel's title; default: the tenant's name, else "Support") and
 * `data-sound="off"` (no chime for replies while the panel is closed; badge.js).
 *
 * Before drawing its launcher it reads the tenant's look (`GET /v1/widget/config`, look.js):
 * greeting, brand colour, theme, launcher side; without it, the defaults.
 *
 * The only global is `window.FlowSupport`:
 *   open(), close(), toggle()
 *   identify({external_id, email?, name?, hmac})  reconnects as that customer (PROTOCOL.md
 *     "Principals"; hmac = hex HMAC-SHA256 of external_id with the tenant's identity secret)
 *   setSound(on)  the chime for unread replies on or off (on by default; it sounds only
 *     after the visitor interacted with the page)
 *   on(event, callback) / off(event, callback), events:
 *     ready    {visitor_id}       each `welcome` (first connection and every reconnection)
 *     opened, closed              the panel
 *     message  the message object  each message drawn, history replays included
 *     error    {code, message}    a refused connection, identity or message
 *     unread   {count}            replies while the panel is closed or the page hidden (0:
 *                                 cleared on opening)
 * Calls made before the script loaded are replayed from an array queue:
 *
 *   window.FlowSupport = window.FlowSupport || [];
 *   FlowSupport.push(["identify", {external_id: "42", hmac: "..."}], ["open"]);
 *
 * Nothing is drawn or connected before DOMContentLoaded and the look's answer (or its
 * timeout).
 */

import { socketUrl } from '../shared/realtime.js';
import { Chime, soundOption } from './badge.js';
import { EmailCapture } from './capture.js';
import { Chat } from './chat.js';
import { fetchLook } from './look.js';
import { Store } from './storage.js';
import { View } from './view.js';
import css from './widget.css?inline';

/** @typedef {import("./chat.js").Identity} Identity */
/** @typedef {"ready" | "opened" | "closed" | "message" | "error" | "unread"} EventName */

const EVENTS = ['ready', 'opened', 'closed', 'message', 'error', 'unread'];
const FONT_FAMILY = 'FlowSupport Inter';

/**
 * Where the widget talks to, from its own script element.
 * @param {HTMLScriptElement | null} script
 * @returns {{widgetKey: string, server: string, wsUrl: string, title: string, sound: boolean} | null}
 *   title: '' when the page names none
 */
export function readConfig(script) {
  const widgetKey = script?.getAttribute('data-widget-key')?.trim();
  if (!script || !widgetKey) return null;
  const override = script.getAttribute('data-server')?.trim();
  let url;
  try {
    url = new URL(override || script.src || window.location.href, window.location.href);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  // data-server may carry a path prefix; the script's own URL gives its origin only.
  const server = override ? `${url.origin}${url.pathname}`.replace(/\/+$/, '') : url.origin;
  return {
    widgetKey,
    server,
    wsUrl: socketUrl(server),
    title: script.getAttribute('data-title')?.trim() || '',
    sound: soundOption(script.getAttribute('data-sound')),
  };
}

/**
 * Declare the widget's font in the host document (a shadow root cannot declare fonts).
 * @param {string} server
 */
function injectFonts(server) {
  if (document.getElementById('flowsupport-fonts')) return;
  const style = document.createElement('style');
  style.id = 'flowsupport-fonts';
  style.textContent = [400, 600]
    .map((weight) => {
      const url = JSON.stringify(`${server}/fonts/inter-latin-${weight}-normal.woff2`);
      return `@font-face{font-family:"${FONT_FAMILY}";font-style:normal;font-weight:${weight};font-display:swap;src:url(${url}) format("woff2")}`;
    })
    .join('\n');
  document.head.append(style);
}

/** Report a listener's exception without breaking the widget. */
function rethrowLater(/** @type {unknown} */ error) {
  setTimeout(() => {
    throw error;
  });
}

/**
 * @param {HTMLScriptElement | null} script
 * @param {unknown} queued the previous value of window.FlowSupport
 */
function install(script, queued) {
  /** @type {Map<string, Set<(payload: unknown) => void>>} */
  const listeners = new Map(EVENTS.map((name) => [name, new Set()]));
  /** @type {Chat | null} */
  let chat = null;
  /** @type {View | null} */
  let view = null;
  let open = false;
  /** @type {Identity | null} */
  let identity = null;
  /** @type {boolean | null} FlowSupport.setSound before the start */
  let sound = null;
  /** @type {Chime | null} */
  let chime = null;
  let unread = 0;

  /**
   * @param {string} event
   * @param {unknown} [payload]
   */
  function emit(event, payload) {
    for (const callback of [...(listeners.get(event) || [])]) {
      try {
        callback(payload);
      } catch (error) {
        rethrowLater(error);
      }
    }
  }

  /**
   * @param {boolean} next
   * @param {boolean} [focusLauncher]
   */
  function setOpen(next, focusLauncher = false) {
    if (next === open) return;
    open = next;
    if (!view || !chat) return; // applied once started
    view.setOpen(open, focusLauncher);
    chat.setOpen(open);
    emit(open ? 'opened' : 'closed');
  }

  async function start() {
    const config = readConfig(script);
    if (!config) {
      emit('error', { code: 'bad_request', message: 'the widget script needs a data-widget-key attribute' });
      return;
    }
    injectFonts(config.server);
    const store = new Store(config.widgetKey);
    const look = await fetchLook(config.server, config.widgetKey);
    view = new View(
      {
        onToggle: () => setOpen(!open),
        onClose: (focusLauncher) => setOpen(false, focusLauncher),
        onSend: (text, files) => /** @type {Chat} */ (chat).send(text, files),
        onInput: (hasText) => /** @type {Chat} */ (chat).typed(hasText),
        onHandoff: () => /** @type {Chat} */ (chat).handoff(),
        onRate: (rating, comment) => /** @type {Chat} */ (chat).rate(rating, comment),
        onConversations: () => /** @type {Chat} */ (chat).listConversations(),
        onOpenConversation: (id) => /** @type {Chat} */ (chat).switchTo(id),
        onNewConversation: () => /** @type {Chat} */ (chat).startNew(),
      },
      {
        title: config.title || look.name || 'Support',
        css,
        look,
        server: config.server,
        // The visitor token is the bearer for uploads and files (PROTOCOL.md additions).
        token: () => store.get('visitor_token'),
        welcomed: () => /** @type {Chat} */ (chat).visitorToken(),
      },
    );
    view.mount();
    chime = new Chime({ enabled: sound ?? config.sound });
    listeners.get('unread')?.add((payload) => {
      const count = Number(/** @type {{count: number}} */ (payload).count) || 0;
      if (count > unread) chime?.ring();
      unread = count;
    });
    const capture = new EmailCapture({
      server: config.server,
      token: () => /** @type {Chat} */ (chat).visitorToken(),
      place: (el, afterSeq) => /** @type {View} */ (view).placeCard(el, afterSeq),
    });
    chat = new Chat({ ...config, store, view, emit, capture });
    if (identity) chat.identity = identity;
    chat.start();
    document.addEventListener('visibilitychange', () => chat?.markRead());
    if (open) {
      open = false;
      setOpen(true);
    }
  }

  const api = {
    open: () => setOpen(true),
    close: () => setOpen(false),
    toggle: () => setOpen(!open),
    /** @param {boolean} on the chime for unread replies */
    setSound(on) {
      sound = !!on;
      if (chime) chime.enabled = sound;
    },
    /**
     * Vouch for a signed-in customer (PROTOCOL.md "Principals": identity); reconnects.
     * @param {Identity} who
     */
    identify(who) {
      if (!who || typeof who.external_id !== 'string' || typeof who.hmac !== 'string') {
        emit('error', { code: 'bad_request', message: 'identify needs external_id and hmac strings' });
        return;
      }
      /** @type {Identity} */
      const next = { external_id: who.external_id, hmac: who.hmac };
      if (typeof who.email === 'string') next.email = who.email;
      if (typeof who.name === 'string') next.name = who.name;
      identity = next;
      chat?.identify(next);
    },
    /**
     * @param {EventName} event
     * @param {(payload: unknown) => void} callback
     */
    on(event, callback) {
      if (typeof callback === 'function') listeners.get(event)?.add(callback);
    },
    /**
     * @param {EventName} event
     * @param {(payload: unknown) => void} callback
     */
    off(event, callback) {
      listeners.get(event)?.delete(callback);
    },
    /**
     * Run queued calls (`["identify", {...}]`), so a snippet's queue keeps working.
     * @param {...unknown[]} calls
     */
    push(...calls) {
      for (const call of calls) {
        if (!Array.isArray(call)) continue;
        const [name, ...args] = call;
        if (name === 'push') continue;
        const method = /** @type {Record<string, unknown>} */ (api)[name];
        if (typeof method === 'function') method(...args);
      }
    },
  };
  Object.defineProperty(api, '__flowsupport', { value: true });
  window.FlowSupport = api;
  if (queued && typeof (/** @type {ArrayLike<unknown>} */ (queued).length) === 'number') {
    api.push(...Array.from(/** @type {ArrayLike<unknown[]>} */ (queued)));
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true });
  else start();
}

// document.currentScript is only set while this script first runs: read it now.
const previous = /** @type {any} */ (window).FlowSupport;
if (!previous?.__flowsupport) {
  install(
    /** @type {HTMLScriptElement | null} */ (document.currentScript) ||
      document.querySelector('script[data-widget-key]'),
    previous,
  );
}
