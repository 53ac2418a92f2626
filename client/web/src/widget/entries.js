/**
 * The log's entries: persisted messages, the AI answer being streamed, citations. Every
 * text from the network goes in as text (h() children), never as HTML.
 */

import { dots, h, icon, isWebUrl } from "./dom.js";

/** @typedef {{article_id?: string, title?: string, url?: string}} Citation */
/**
 * @typedef {object} Message PROTOCOL.md's message object
 * @property {string} id
 * @property {number} seq
 * @property {{kind: string, id?: string | null, name?: string | null}} sender
 * @property {string} body
 * @property {string | null} [client_msg_id]
 * @property {Citation[] | null} [citations]
 * @property {string} [created_at]
 */

/**
 * The label shown for a sender.
 * @param {{kind: string, name?: string | null}} sender
 */
export function senderName(sender) {
  if (sender.kind === "ai") return "Assistant";
  if (sender.name) return sender.name;
  return sender.kind === "bot" ? "Bot" : sender.kind === "visitor" ? "You" : "Support";
}

/** @param {string | undefined} iso */
function clock(iso) {
  const date = iso ? new Date(iso) : null;
  if (!date || Number.isNaN(date.getTime())) return "";
  return date.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
}

/**
 * @param {{kind: string, name?: string | null}} sender
 * @param {string} time
 */
function head(sender, time) {
  return h(
    "div",
    { class: "fs-msg-head" },
    h("span", { class: "fs-msg-name" }, senderName(sender)),
    sender.kind === "ai" && h("span", { class: "fs-badge", "aria-label": "AI assistant" }, "AI"),
    time && h("span", { class: "fs-msg-time" }, time),
  );
}

/** Avatar colours for people, picked by name so one person keeps one colour. */
const TINTS = ["#6d4fd8", "#b5541c", "#1f7a70", "#b03a7f", "#2f6fad", "#8a6a00"];

/**
 * Initials on a tint for people and bots, a sparkle for the AI.
 * @param {{kind: string, id?: string | null, name?: string | null}} sender
 */
function avatar(sender) {
  if (sender.kind === "ai") return h("span", { class: "fs-face fs-face--ai", "aria-hidden": "true" }, icon("spark"));
  const name = senderName(sender);
  const initials = name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((word) => Array.from(word)[0])
    .join("")
    .toUpperCase();
  let hash = 0;
  for (const ch of name) hash = (hash * 31 + (ch.codePointAt(0) || 0)) >>> 0;
  const face = h("span", { class: "fs-face", "aria-hidden": "true" }, initials);
  face.style.background = TINTS[hash % TINTS.length]; // CSSOM: allowed under a strict host CSP
  return face;
}

/**
 * @param {Message} m
 * @param {Citation[] | null | undefined} citations
 */
export function messageEntry(m, citations) {
  const kind = m.sender.kind;
  const bubble = h("div", { class: "fs-bubble" }, h("div", { class: "fs-body", "data-testid": "fs-message-body" }, m.body));
  if (citations && citations.length) bubble.append(sources(citations));
  return h(
    "div",
    {
      class: `fs-msg fs-msg--${kind === "visitor" ? "visitor" : "other"}`,
      "data-testid": "fs-message",
      "data-sender": kind,
      "data-sid": kind === "visitor" ? "visitor" : kind === "ai" ? "ai" : `${kind}:${m.sender.id || m.sender.name || ""}`,
    },
    kind !== "visitor" && avatar(m.sender),
    kind !== "visitor" && head(m.sender, clock(m.created_at)),
    bubble,
  );
}

/** @param {Message} m */
export function systemEntry(m) {
  return h(
    "div",
    { class: "fs-msg fs-msg--system", "data-testid": "fs-message", "data-sender": "system", role: "note" },
    h("div", { class: "fs-body", "data-testid": "fs-message-body" }, m.body),
  );
}

/**
 * "Sources: …" links; only http(s) URLs become hrefs.
 * @param {Citation[]} citations
 */
export function sources(citations) {
  const list = h("div", { class: "fs-cites" }, h("span", { class: "fs-cites-label" }, "Sources:"));
  for (const c of citations) {
    const title = String(c.title || c.url || "Article");
    const safe = isWebUrl(c.url);
    list.append(
      h(
        "a",
        {
          class: "fs-cite",
          "data-testid": "fs-citation",
          href: safe ? c.url : null,
          target: safe ? "_blank" : null,
          rel: safe ? "noopener noreferrer" : null,
        },
        title,
      ),
    );
  }
  return list;
}

/**
 * An AI answer being streamed: typing dots until the first words.
 * @param {string} streamId
 */
export function streamEntry(streamId) {
  return h(
    "div",
    { class: "fs-msg fs-msg--ai", "data-testid": "fs-ai-stream", "data-sender": "ai", "data-stream-id": streamId, "data-sid": "ai" },
    avatar({ kind: "ai" }),
    head({ kind: "ai" }, ""),
    h("div", { class: "fs-bubble" }, h("div", { class: "fs-body", "data-testid": "fs-message-body" }), dots()),
  );
}
