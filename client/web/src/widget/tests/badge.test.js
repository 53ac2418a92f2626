// The launcher's unread badge and chime (badge.js): what counts, what it says, when it sounds.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { badgeText, Chime, counts, soundOption, unreadLabel } from '../badge.js';

test('badge: replies by people and assistants count, not the visitor, system or notes', () => {
  assert.equal(counts({ sender: { kind: 'agent' } }), true);
  assert.equal(counts({ sender: { kind: 'bot' } }), true);
  assert.equal(counts({ sender: { kind: 'ai' } }), true);
  assert.equal(counts({ sender: { kind: 'visitor' } }), false);
  assert.equal(counts({ sender: { kind: 'system' } }), false);
  assert.equal(counts({ sender: { kind: 'agent' }, private: true }), false);
  assert.equal(counts(null), false);
});

test('badge: the count and the launcher label', () => {
  assert.equal(badgeText(3), '3');
  assert.equal(badgeText(10), '9+');
  assert.equal(unreadLabel(1), '1 unread message');
  assert.equal(unreadLabel(12), '12 unread messages'); // the label says it in full
});

test('badge: data-sound turns the chime off, on by default', () => {
  assert.equal(soundOption(null), true);
  assert.equal(soundOption(''), true);
  assert.equal(soundOption('on'), true);
  for (const off of ['off', 'OFF', 'false', '0', 'no']) assert.equal(soundOption(off), false, off);
});

test('chime: silent until the visitor interacted, and never when turned off', () => {
  const page = new EventTarget();
  let played = 0;
  const chime = new Chime({ enabled: true, play: () => played++, target: page });
  chime.ring();
  assert.equal(played, 0); // no gesture yet: browsers would block it anyway
  page.dispatchEvent(new Event('pointerdown'));
  chime.ring();
  chime.ring();
  assert.equal(played, 2);
  chime.enabled = false; // FlowSupport.setSound(false)
  chime.ring();
  assert.equal(played, 2);

  const quiet = new Chime({ enabled: false, play: () => played++, target: page });
  page.dispatchEvent(new Event('keydown'));
  quiet.ring();
  assert.equal(played, 2);
});
