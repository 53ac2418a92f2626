// The help center in the widget (help.js): what is searched.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { helpQuery } from '../help.js';

test('help: the query is trimmed and its spaces folded; nothing to search is null', () => {
  assert.equal(helpQuery('  reset   my\npassword '), 'reset my password');
  assert.equal(helpQuery('   '), null);
  assert.equal(helpQuery('x'.repeat(600)).length, 500);
});
