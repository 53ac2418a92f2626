// The e-mail capture (capture.js): the address check and when the card is offered.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { EmailCapture, emailProblem, shouldOffer } from '../capture.js';

test('capture: the address is checked before it is sent', () => {
  assert.equal(emailProblem(' ana@shop.example '), null);
  assert.match(emailProblem(''), /enter your e-mail/);
  assert.match(emailProblem('ana'), /does not look like/);
  assert.match(emailProblem('ana@shop'), /does not look like/);
  assert.match(emailProblem('a b@shop.example'), /does not look like/);
  assert.match(emailProblem(`${'a'.repeat(320)}@x.example`), /does not look like/);
});

test('capture: offered once, when nobody is online or the tenant is closed', () => {
  const base = { known: false, outsideHours: false, agentsOnline: 0, offered: false };
  assert.equal(shouldOffer(base), true);
  assert.equal(shouldOffer({ ...base, agentsOnline: 2 }), false);
  assert.equal(shouldOffer({ ...base, agentsOnline: 2, outsideHours: true }), true);
  assert.equal(shouldOffer({ ...base, known: true }), false); // an address on file
  assert.equal(shouldOffer({ ...base, known: null }), false); // not asked yet
  assert.equal(shouldOffer({ ...base, offered: true }), false);
});

test('capture: the card follows the first message once the state is known', async () => {
  /** @type {[unknown, number][]} */
  const placed = [];
  const capture = new EmailCapture({
    server: 'https://fs.example',
    token: async () => 'vt',
    place: (el, seq) => placed.push([el, seq]),
    fetcher: async (url, init) => {
      assert.equal(url, 'https://fs.example/v1/widget/capture');
      assert.equal(init.headers.authorization, 'Bearer vt');
      return new Response(JSON.stringify({ email_on_file: false, outside_hours: false }));
    },
  });
  capture.draw = () => /** @type {any} */ ('card'); // no DOM here
  capture.visitorMessage({ seq: 3 });
  assert.deepEqual(placed, []); // the state is not known yet
  await capture.welcomed();
  assert.deepEqual(placed, []); // an agent may be online: no presence frame yet
  capture.presence(0);
  assert.deepEqual(placed, [['card', 3]]);
  capture.visitorMessage({ seq: 5 }); // a later message: the card stays after the first
  capture.presence(0);
  assert.deepEqual(placed, [['card', 3]]);
  capture.reset(); // another conversation
  assert.deepEqual(placed.at(-1), [null, 0]);
});
