// The customer card's pure parts and what the widget reports in hello (`context`).
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { pageContext } from '../../widget/chat.js';
import { localTime, shortUrl } from '../ui/ContactDetails.js';

test('contact: a long URL is shown short, a bad one as given', () => {
  assert.equal(shortUrl('https://shop.example/'), 'shop.example');
  assert.equal(shortUrl('https://shop.example/pricing?plan=pro'), 'shop.example/pricing?plan=pro');
  assert.equal(shortUrl(`https://shop.example/${'a'.repeat(100)}`).length, 60);
  assert.equal(shortUrl('not a url'), 'not a url');
});

test("contact: the customer's local time, nothing for an unknown zone", () => {
  const noonUtc = Date.UTC(2026, 0, 15, 12, 0);
  assert.match(localTime('Asia/Tokyo', noonUtc), /^(21:00|09:00 PM)$/);
  assert.equal(localTime('Not/AZone', noonUtc), '');
  assert.equal(localTime(undefined, noonUtc), '');
});

test('widget: hello reports the page, referrer, language and time zone it has', () => {
  const win = {
    location: { href: 'https://shop.example/pricing' },
    document: { referrer: '' },
    navigator: { language: 'de-DE' },
  };
  const context = pageContext(win);
  assert.equal(context.page, 'https://shop.example/pricing');
  assert.equal(context.language, 'de-DE');
  assert.equal('referrer' in context, false);
  assert.equal(typeof context.timezone, 'string');
});
