/**
 * Message text as Markdown, for AI answers in the widget (DOM) and the inbox (Preact), and
 * the one rule of both clients for which addresses may become links.
 *
 * Nothing here touches the DOM or parses HTML: nodes are made by the `h(tag, props,
 * ...children)` that the caller passes (the widget's element factory or Preact's h), and
 * every piece of the text goes in as a string child, that is as text. Raw HTML in a message
 * is shown as the characters it is.
 *
 * Understood: paragraphs (a single newline is a line break), bulleted and numbered lists
 * (nested by indentation), fenced code blocks, headings (shown as bold lines), thematic
 * breaks, **bold**, *italic*, `code`, backslash escapes, [text](url) (http(s) or mailto:) and
 * bare http(s) URLs.
 * Anything else is text.
 */

/** Every link from a message opens in a new tab that cannot reach back to the page. */
export const LINK_REL = 'noopener noreferrer nofollow';

/**
 * The URL policy: an absolute http(s) URL (as the browser normalises it), or null for
 * anything else (javascript:, data:, relative or scheme-relative addresses, junk).
 * @param {unknown} url
 * @returns {string | null}
 */
export function webUrl(url) {
  if (typeof url !== 'string' || !/^\s*https?:\/\//i.test(url)) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
  } catch {
    return null;
  }
}

/**
 * The policy for links written in a message ([text](url)): a webUrl(), or a `mailto:`
 * address (no spaces, no control characters); null for anything else.
 * @param {unknown} url
 * @returns {string | null}
 */
export function linkUrl(url) {
  const address = typeof url === 'string' ? url.trim() : '';
  if (/^mailto:[^\s<>"\\@]+@[^\s<>"\\]+$/i.test(address) && [...address].every((c) => c >= ' ' && c !== '\u007f')) {
    return `mailto:${address.slice(7)}`;
  }
  return webUrl(url);
}

/** @param {string} href a webUrl() or linkUrl() */
export function linkProps(href) {
  return { href, target: '_blank', rel: LINK_REL };
}

/**
 * @typedef {(tag: string, props: Record<string, any> | null, ...children: any[]) => any} H
 * @typedef {{type: 'p' | 'h' | 'code', text: string, src?: string}
 *   | {type: 'hr', src?: string}
 *   | {type: 'ul' | 'ol', start: number, items: Block[][], src?: string}} Block
 *   `src`: the lines a top-level block was read from (equal sources draw equally).
 */

/** Lists deeper than this are read as text (bounds recursion on hostile input). */
const MAX_DEPTH = 6;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const HEADING = /^ {0,3}#{1,6}(?:\s+(.*?))?\s*$/;
const RULE = /^ {0,3}([-*_])(?:[ \t]*\1){2,}\s*$/;
const ITEM = /^( {0,3})([-*+]|(\d{1,9})[.)])(\s+|$)/;

/** @param {string} line */
const indentOf = (line) => line.search(/\S|$/);

/**
 * @param {string} line
 * @param {number} depth
 */
const startsBlock = (line, depth) =>
  FENCE.test(line) || HEADING.test(line) || RULE.test(line) || (depth < MAX_DEPTH && ITEM.test(line));

/**
 * The blocks of a text, each with the source lines it came from.
 * @param {unknown} text
 * @returns {Block[]}
 */
export function parse(text) {
  const lines = String(text ?? '')
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(/^[ \t]+/, (lead) => lead.replace(/\t/g, '    ')));
  return blocksOf(lines, 0, true);
}

/**
 * @param {string[]} lines
 * @param {number} depth list nesting
 * @param {boolean} [top] record each block's source
 * @returns {Block[]}
 */
function blocksOf(lines, depth, top = false) {
  /** @type {Block[]} */
  const out = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    const from = i;
    /** @type {Block} */
    let block;
    const fenced = FENCE.exec(line);
    const heading = HEADING.exec(line);
    if (!line.trim()) {
      i++;
      continue;
    } else if (fenced) {
      const fence = fenced[1];
      const pad = indentOf(line);
      const body = [];
      for (i++; i < lines.length && !closes(lines[i], fence); i++)
        body.push(lines[i].slice(Math.min(pad, indentOf(lines[i]))));
      i++; // the closing fence (an unclosed one runs to the end, as while it streams)
      block = { type: 'code', text: body.join('\n') };
    } else if (RULE.test(line)) {
      i++;
      block = { type: 'hr' };
    } else if (heading) {
      i++;
      block = { type: 'h', text: heading[1] || '' };
    } else if (depth < MAX_DEPTH && ITEM.test(line)) {
      const [list, next] = readList(lines, i, depth);
      block = list;
      i = next;
    } else {
      const body = [line.trim()];
      for (i++; i < lines.length && lines[i].trim() && !startsBlock(lines[i], depth); i++) body.push(lines[i].trim());
      block = { type: 'p', text: body.join('\n') };
    }
    if (top) block.src = lines.slice(from, i).join('\n');
    out.push(block);
  }
  return out;
}

/**
 * @param {string} line
 * @param {string} fence the opening run of ``` or ~~~
 */
function closes(line, fence) {
  const t = line.trim();
  return indentOf(line) < 4 && t.length >= fence.length && t === fence[0].repeat(t.length);
}

/**
 * A list from its first item at lines[i]; it ends at a line that is not part of an item
 * nor the start of another item of the same kind (bulleted or numbered).
 * @param {string[]} lines
 * @param {number} i
 * @param {number} depth
 * @returns {[Block, number]} the list and the index of the first line after it
 */
function readList(lines, i, depth) {
  const first = /** @type {RegExpExecArray} */ (ITEM.exec(lines[i]));
  const ordered = first[3] !== undefined;
  /** @type {Block[][]} */
  const items = [];
  for (;;) {
    const m = ITEM.exec(lines[i]);
    if (!m || (m[3] !== undefined) !== ordered || RULE.test(lines[i])) break;
    const marker = m[1].length + m[2].length;
    const gap = m[4].length;
    // Its content starts after the marker and 1-4 spaces; lines indented that far belong to it.
    const col = marker + (gap >= 1 && gap <= 4 && lines[i].trim().length > m[2].length ? gap : 1);
    const body = [lines[i].slice(col)];
    for (i++; i < lines.length; i++) {
      const line = lines[i];
      if (!line.trim()) {
        let j = i;
        while (j < lines.length && !lines[j].trim()) j++;
        if (j < lines.length && indentOf(lines[j]) >= col) {
          body.push(...Array(j - i).fill('')); // blank lines inside the item
          i = j - 1;
          continue;
        }
        break;
      }
      if (indentOf(line) >= col) body.push(line.slice(col));
      else if (body[body.length - 1].trim() && !startsBlock(line, depth))
        body.push(line); // lazy continuation
      else break;
    }
    items.push(blocksOf(body, depth + 1));
    let j = i;
    while (j < lines.length && !lines[j].trim()) j++;
    if (j >= lines.length || !ITEM.test(lines[j])) break;
    i = j;
  }
  return [{ type: ordered ? 'ol' : 'ul', start: ordered ? Number(first[3]) : 1, items }, i];
}

/**
 * One block as a node.
 * @param {Block} block
 * @param {H} h
 */
export function renderBlock(block, h) {
  switch (block.type) {
    case 'code':
      return h('pre', null, h('code', null, block.text));
    case 'hr':
      return h('hr', null);
    case 'h':
      return h('p', null, h('strong', null, ...inline(block.text, h)));
    case 'p':
      return h('p', null, ...inline(block.text, h));
    default:
      return h(
        block.type,
        block.start !== 1 ? { start: block.start } : null,
        ...block.items.map((item) =>
          // A one-paragraph item holds its text directly (a tight list).
          h(
            'li',
            null,
            ...(item.length === 1 && item[0].type === 'p'
              ? inline(item[0].text, h)
              : item.map((b) => renderBlock(b, h))),
          ),
        ),
      );
  }
}

/**
 * A text as Markdown: its block nodes, in order.
 * @param {unknown} text
 * @param {H} h
 */
export function markdown(text, h) {
  return parse(text).map((block) => renderBlock(block, h));
}

const URL_SOURCE = /\bhttps?:\/\/[^\s<>"'`]*[^\s<>"'`.,;:!?)\]}*_~]/.source;
const INLINE = new RegExp(
  [
    /\\([!-/:-@[-`{-~])/.source, // 1: an escaped punctuation character
    /(?<!`)(`+)([^`]|[^`][\s\S]*?[^`])\2(?!`)/.source, // 2-3: code
    /\*\*(?=\S)([\s\S]*?\S)\*\*/.source, // 4: bold
    /(?<!\w)__(?=\S)([\s\S]*?\S)__(?!\w)/.source, // 5: bold
    /\*(?=[^\s*])([\s\S]*?[^\s*])\*(?!\*)/.source, // 6: italic
    /(?<!\w)_(?=[^\s_])([\s\S]*?[^\s_])_(?!\w)/.source, // 7: italic
    /\[([^[\]\n]*)\]\(\s*([^\s()]*(?:\([^\s()]*\)[^\s()]*)*)(?:\s+"[^"\n]*")?\s*\)/.source, // 8-9: link
    URL_SOURCE, // a bare URL
  ].join('|'),
  'gi',
);

/**
 * Inline Markdown of one block's text; newlines become line breaks.
 * @param {string} text
 * @param {H} h
 * @param {number} [depth] emphasis nesting
 * @param {boolean} [inLink] inside a link's text: no links in links
 * @returns {any[]}
 */
function inline(text, h, depth = 0, inLink = false) {
  /** @type {any[]} */
  const out = [];
  /** @param {string} s */
  const put = (s) =>
    s.split('\n').forEach((part, n) => {
      if (n) out.push(h('br', null));
      if (part) out.push(part);
    });
  if (depth > 8) {
    put(text);
    return out;
  }
  /** @param {string} s */
  const inner = (s, link = inLink) => inline(s, h, depth + 1, link);
  let last = 0;
  for (const m of text.matchAll(INLINE)) {
    const [all, escaped, , code, bold, bold2, em, em2, label, target] = m;
    put(text.slice(last, m.index));
    last = /** @type {number} */ (m.index) + all.length;
    if (escaped) out.push(escaped);
    else if (code) {
      const flat = code.replace(/\n/g, ' ');
      out.push(h('code', null, /^ .*[^ ].* $/.test(flat) ? flat.slice(1, -1) : flat));
    } else if (bold || bold2) out.push(h('strong', null, ...inner(bold || bold2)));
    else if (em || em2) out.push(h('em', null, ...inner(em || em2)));
    else {
      const isLink = label !== undefined;
      const href = inLink ? null : isLink ? linkUrl(target) : webUrl(all);
      const shown = isLink ? label || target : all;
      if (href) out.push(h('a', linkProps(href), ...(isLink ? inner(shown, true) : [shown])));
      else if (isLink)
        out.push(...inner(shown)); // a refused address: its text only
      else put(all);
    }
  }
  put(text.slice(last));
  return out;
}
