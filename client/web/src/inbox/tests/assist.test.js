// A suggested reply goes into the composer after what the agent wrote, never over it.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { withDraft } from '../ui/Assist.js';

test('assist: a draft fills an empty composer and follows written text', () => {
  assert.equal(withDraft('', 'Open Billing.'), 'Open Billing.');
  assert.equal(withDraft(undefined, 'Open Billing.'), 'Open Billing.');
  assert.equal(withDraft('Hi Ana,  \n', 'Open Billing.'), 'Hi Ana,\n\nOpen Billing.');
});
