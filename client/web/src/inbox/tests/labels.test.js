// Labels, bulk selection and snooze: the pure parts. `node --test src/inbox/tests`.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

import { contrastRatio } from '../settings/values.js';
import { labelOf, PALETTE, tagClass } from '../ui/Labels.js';
import { fromLocalInput, snoozePresets } from '../ui/Snooze.js';

const CSS = readFileSync(new URL('../styles.css', import.meta.url), 'utf8');

test('labels: every palette colour has a chip readable on the dark theme (>= 4.5:1)', () => {
  for (const colour of PALETTE) {
    const rule = CSS.match(new RegExp(`\\.label-${colour} \\{ background: (#[0-9a-f]{6}); color: (#[0-9a-f]{6}); \\}`));
    assert.ok(rule, `a .label-${colour} rule`);
    assert.ok(contrastRatio(rule[1], rule[2]) >= 4.5, `${colour}: ${contrastRatio(rule[1], rule[2])}`);
  }
});

test('labels: a managed tag takes its colour, a free tag is grey and marked', () => {
  const labels = [{ id: '1', name: 'vip', colour: 'purple', description: '' }];
  assert.equal(labelOf(labels, 'vip').colour, 'purple');
  assert.equal(labelOf(labels, 'other'), null);
  assert.equal(tagClass(labels, 'vip'), 'label-chip label-purple');
  assert.equal(tagClass(labels, 'other'), 'label-chip label-grey free');
});

test('snooze: presets are an hour on, tomorrow 9:00 and next Monday 9:00, local time', () => {
  const now = new Date(2026, 11, 2, 15, 30); // a Wednesday
  const [hour, tomorrow, week] = snoozePresets(now);
  assert.equal(hour.at.getTime() - now.getTime(), 3600_000);
  assert.deepEqual([tomorrow.at.getDate(), tomorrow.at.getHours(), tomorrow.at.getMinutes()], [3, 9, 0]);
  assert.deepEqual([week.at.getDay(), week.at.getDate(), week.at.getHours()], [1, 7, 9]);
  const monday = snoozePresets(new Date(2026, 11, 7, 8, 0))[2].at; // on a Monday: the next one
  assert.equal(monday.getDate(), 14);
  assert.equal(fromLocalInput(''), null);
  assert.equal(fromLocalInput('nonsense'), null);
  assert.equal(fromLocalInput('2026-12-24T09:00').getHours(), 9);
});
