// The widget's look (look.js): what the server's answer becomes, readable colours from any
// brand colour, and the defaults whenever the look cannot be had.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { contrast, DEFAULT_LOOK, fetchLook, lookOf, palette, schemeOf } from '../look.js';

test('look: fields checked one by one, the defaults for the rest', () => {
  assert.deepEqual(lookOf(null), DEFAULT_LOOK);
  const look = lookOf({
    name: 'Shop',
    greeting: 'Welcome!',
    brand_color: '#E4572E',
    theme: 'sepia',
    launcher_position: 'left',
    extra: 1,
  });
  assert.deepEqual(look, {
    name: 'Shop',
    greeting: 'Welcome!',
    brand_color: '#e4572e',
    theme: 'dark',
    launcher_position: 'left',
  });
  assert.equal(lookOf({ brand_color: 'red' }).brand_color, DEFAULT_LOOK.brand_color);
  assert.equal(lookOf({ greeting: '' }).greeting, ''); // no greeting line at all
});

test('palette: text on the brand colour and links on the panel stay readable', () => {
  for (const brand of ['#1d6ae5', '#ffd400', '#e4572e', '#0b0b0b', '#ffffff', '#7fbf7f']) {
    for (const scheme of /** @type {const} */ (['dark', 'light'])) {
      const p = palette(brand, scheme);
      const onAccent = p['--fs-on-accent'];
      assert.ok(['#ffffff', '#111418'].includes(onAccent));
      const other = onAccent === '#ffffff' ? '#111418' : '#ffffff';
      assert.ok(contrast(brand, onAccent) >= contrast(brand, other), `${brand}: the better of the two`);
      const panel = scheme === 'dark' ? '#1a1d21' : '#ffffff';
      assert.ok(contrast(p['--fs-accent-text'], panel) >= 4.5, `${brand} links on ${scheme}`);
    }
  }
  assert.equal(palette('#ffd400', 'light')['--fs-on-accent'], '#111418'); // yellow: dark text
  assert.equal(palette('#1d6ae5', 'dark')['--fs-on-accent'], '#ffffff');
});

test('scheme: auto follows the visitor, the others are fixed', () => {
  assert.equal(schemeOf('auto', true), 'dark');
  assert.equal(schemeOf('auto', false), 'light');
  assert.equal(schemeOf('light', true), 'light');
  assert.equal(schemeOf('dark', false), 'dark');
});

test('fetchLook: the server answer, or the defaults when it fails', async () => {
  /** @type {string[]} */
  const asked = [];
  /** @param {string} url */
  const answering = async (url) => {
    asked.push(url);
    return /** @type {Response} */ ({ ok: true, json: async () => ({ theme: 'light', name: 'Shop' }) });
  };
  const got = await fetchLook('https://help.example', 'wk_a b', /** @type {any} */ (answering));
  assert.equal(got.theme, 'light');
  assert.equal(got.name, 'Shop');
  assert.deepEqual(asked, ['https://help.example/v1/widget/config?key=wk_a%20b']);
  const refusing = async () => /** @type {Response} */ ({ ok: false, json: async () => ({}) });
  assert.deepEqual(await fetchLook('https://h', 'wk', /** @type {any} */ (refusing)), DEFAULT_LOOK);
  const failing = async () => {
    throw new TypeError('network down');
  };
  assert.deepEqual(await fetchLook('https://h', 'wk', /** @type {any} */ (failing)), DEFAULT_LOOK);
  const broken = async () => /** @type {Response} */ ({ ok: true, json: async () => JSON.parse('{') });
  assert.deepEqual(await fetchLook('https://h', 'wk', /** @type {any} */ (broken)), DEFAULT_LOOK);
});
