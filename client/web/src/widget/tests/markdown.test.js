// The shared Markdown renderer and URL policy: `node --test src/widget/tests` in client/web.
// Nodes are built by a recording h(), written out as HTML (text escaped) to compare.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { LINK_REL, linkUrl, markdown, parse, webUrl } from '../../shared/markdown.js';

/** @typedef {{tag: string, props: Record<string, unknown> | null, children: Array<Node | string>}} Node */

/** @returns {Node} */
const h = (tag, props, ...children) => ({ tag, props, children });

const escapeHtml = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** @param {Node | string} node */
function html(node) {
  if (typeof node === 'string') return escapeHtml(node);
  const attrs = Object.entries(node.props || {})
    .map(([name, value]) => ` ${name}="${escapeHtml(String(value))}"`)
    .join('');
  return `<${node.tag}${attrs}>${node.children.map(html).join('')}</${node.tag}>`;
}

const md = (text) => markdown(text, h).map(html).join('');
const a = (href, text) => `<a href="${href}" target="_blank" rel="${LINK_REL}">${text}</a>`;

/** Every tag name in a tree. */
function tags(nodes, found = new Set()) {
  for (const n of nodes) {
    if (typeof n === 'string') continue;
    found.add(n.tag);
    tags(n.children, found);
  }
  return found;
}

test('markdown: paragraphs, and a single newline is a line break', () => {
  assert.equal(md('Hello\nthere\n\nSecond one.'), '<p>Hello<br></br>there</p><p>Second one.</p>');
  assert.equal(md(''), '');
  assert.equal(md(null), '');
});

test('markdown: bulleted lists with emphasis, after a paragraph', () => {
  assert.equal(
    md('To cancel:\n- Open **Settings**\n* Choose *Billing*\n+ Press __Cancel__ or _stop_\n\nDone.'),
    '<p>To cancel:</p><ul><li>Open <strong>Settings</strong></li><li>Choose <em>Billing</em></li>' +
      '<li>Press <strong>Cancel</strong> or <em>stop</em></li></ul><p>Done.</p>',
  );
});

test('markdown: numbered lists keep their start and nest by indentation', () => {
  assert.equal(md('1. one\n2. two'), '<ol><li>one</li><li>two</li></ol>');
  assert.equal(md('3) three\n4) four'), '<ol start="3"><li>three</li><li>four</li></ol>');
  assert.equal(
    md('1. Sign in\n2. Open the menu\n   - Plans\n   - Invoices\n3. Pick one'),
    '<ol><li>Sign in</li><li><p>Open the menu</p><ul><li>Plans</li><li>Invoices</li></ul></li><li>Pick one</li></ol>',
  );
  assert.equal(md('- a\nstill a\n- b'), '<ul><li>a<br></br>still a</li><li>b</li></ul>');
  assert.equal(md('- a\n\n  more about a\n- b'), '<ul><li><p>a</p><p>more about a</p></li><li>b</li></ul>');
  assert.equal(md('- a\n1. b'), '<ul><li>a</li></ul><ol><li>b</li></ol>');
});

test('markdown: not lists, not emphasis', () => {
  assert.equal(md('-not a list\n1.5 litres'), '<p>-not a list<br></br>1.5 litres</p>');
  assert.equal(md('2 * 3 * 4 and snake_case_name'), '<p>2 * 3 * 4 and snake_case_name</p>');
  assert.equal(md('\\*literal\\* and **unclosed'), '<p>*literal* and **unclosed</p>');
});

test('markdown: http(s) links open in a new tab without reaching back', () => {
  assert.equal(
    md('See [the guide](https://docs.example.com/cancel) or [more](http://example.com/a_(b) "t").'),
    `<p>See ${a('https://docs.example.com/cancel', 'the guide')} or ${a('http://example.com/a_(b)', 'more')}.</p>`,
  );
  assert.equal(
    md('[**Bold** link](https://x.example/)'),
    `<p>${a('https://x.example/', '<strong>Bold</strong> link')}</p>`,
  );
  assert.equal(
    md('Go to https://x.example/path, then'),
    `<p>Go to ${a('https://x.example/path', 'https://x.example/path')}, then</p>`,
  );
  assert.equal(
    md('[a https://y.example](https://x.example)'),
    `<p>${a('https://x.example/', 'a https://y.example')}</p>`,
  );
});

test('markdown: javascript:, data:, relative and other links stay plain text', () => {
  for (const target of [
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    'data:text/html,<b>x</b>',
    '/settings',
    '//evil.example/x',
    'mailto:javascript:alert(1)',
    'vbscript:x',
  ]) {
    const nodes = markdown(`Click [here](${target}) now`, h);
    assert.ok(!tags(nodes).has('a'), target);
    assert.equal(nodes.map(html).join(''), '<p>Click here now</p>', target);
  }
  assert.ok(!tags(markdown('javascript:alert(1) and data:text/html,x', h)).has('a'));
});

test('markdown: mailto: links are links, bare addresses stay text', () => {
  assert.equal(
    md('Write to [us](mailto:help@shop.example) or help@shop.example'),
    `<p>Write to ${a('mailto:help@shop.example', 'us')} or help@shop.example</p>`,
  );
  assert.equal(md('[x](mailto:a@b.example?subject=Hi)'), `<p>${a('mailto:a@b.example?subject=Hi', 'x')}</p>`);
});

test('linkUrl: http(s) as webUrl, mailto: only with an address', () => {
  assert.equal(linkUrl('https://shop.example/a b'), 'https://shop.example/a%20b');
  assert.equal(linkUrl(' mailto:help@shop.example '), 'mailto:help@shop.example');
  assert.equal(linkUrl('MAILTO:help@shop.example'), 'mailto:help@shop.example');
  for (const bad of [
    'mailto:',
    'mailto:nobody',
    'mailto:a b@c.example',
    'mailto:a@b.example"onclick=x',
    'mailto:a@b.example\u0000',
    'mailto:<a@b.example>',
    'javascript:alert(1)//@x',
    'data:text/html,a@b',
    null,
    42,
  ]) {
    assert.equal(linkUrl(bad), null, String(bad));
  }
});

test('markdown: raw HTML is shown as text', () => {
  const text = '<script>alert(1)</script> <img src=x onerror="alert(2)"> <b>bold</b>';
  const nodes = markdown(text, h);
  assert.deepEqual([...tags(nodes)], ['p']);
  assert.deepEqual(nodes[0].children, [text]);
  assert.equal(md('- <script>x</script>'), '<ul><li>&lt;script&gt;x&lt;/script&gt;</li></ul>');
});

test('markdown: inline code and fenced code blocks are literal', () => {
  assert.equal(md('Run `npm ci` or `` a`b ``'), '<p>Run <code>npm ci</code> or <code>a`b</code></p>');
  assert.equal(md('**Run `npm install`**'), '<p><strong>Run <code>npm install</code></strong></p>');
  assert.equal(md('`[x](https://x.example) **no**`'), '<p><code>[x](https://x.example) **no**</code></p>');
  assert.equal(
    md("Try:\n```sh\ncurl -s 'https://x.example/?a=<b>'\n  - not a list\n```\nafter"),
    "<p>Try:</p><pre><code>curl -s 'https://x.example/?a=&lt;b&gt;'\n  - not a list</code></pre><p>after</p>",
  );
  assert.equal(md('```\nstill streaming'), '<pre><code>still streaming</code></pre>');
});

test('markdown: headings are bold lines, rules are rules', () => {
  assert.equal(
    md('## Annual plans\nRefunds are prorated.\n\n---'),
    '<p><strong>Annual plans</strong></p><p>Refunds are prorated.</p><hr></hr>',
  );
  assert.equal(md('#hashtag'), '<p>#hashtag</p>');
});

test('markdown: a growing text keeps the source of its finished blocks', () => {
  const whole = 'Steps:\n\n- one\n- two\n\nThen `done`.';
  let before = [];
  for (let end = 1; end <= whole.length; end++) {
    const blocks = parse(whole.slice(0, end));
    // A block whose source is unchanged is drawn the same, so the widget keeps its node.
    for (const [i, b] of blocks.entries()) if (before[i] && before[i].src === b.src) assert.deepEqual(b, before[i]);
    before = blocks;
  }
  assert.deepEqual(
    before.map((b) => b.type),
    ['p', 'ul', 'p'],
  );
});

test('markdown: hostile nesting is bounded', () => {
  const nodes = markdown(`${'- '.repeat(5000)}x`, h);
  let depth = 0;
  for (let n = nodes[0]; n && typeof n !== 'string'; n = n.children[0]) depth++;
  assert.ok(depth < 20, `depth ${depth}`);
  assert.equal(md(`${'*'.repeat(3000)}`).length > 0, true);
});

test('webUrl: only absolute http(s) URLs, normalised', () => {
  assert.equal(webUrl('https://docs.example.com/cancel'), 'https://docs.example.com/cancel');
  assert.equal(webUrl('HTTP://Example.com'), 'http://example.com/');
  for (const bad of [
    'javascript:alert(1)',
    ' javascript:alert(1)',
    'data:text/html,x',
    '/relative',
    '//host/x',
    'https:/x',
    'https:x',
    'ftp://x',
    '',
    null,
    42,
    undefined,
  ]) {
    assert.equal(webUrl(bad), null, String(bad));
  }
});
