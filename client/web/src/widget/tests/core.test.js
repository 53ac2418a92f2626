// Pure parts of the widget: `npm test` in client/web (the shared client's own tests are in
// src/shared/tests).
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { AiStream } from '../stream.js';

test('AI stream: deltas join in index order, ignoring repeats; the text grows', () => {
  const s = new AiStream('st_1');
  assert.equal(s.push(0, 'Open '), true);
  assert.equal(s.push(0, 'Open '), false);
  assert.equal(s.push(2, 'page'), false); // early: waits for 1
  assert.equal(s.text, 'Open ');
  assert.equal(s.push(1, 'the '), true);
  assert.equal(s.text, 'Open the page');
  assert.equal(s.push(1, 'XX'), false);
  const joined = new AiStream('st_2', 4); // joined mid-answer
  assert.equal(joined.push(4, 'end'), true);
  assert.equal(joined.text, 'end');
});
