// The data retention form's pure part: what `retention_days` a draft sends, and refuses.
// `node --test src/inbox/tests` in client/web.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { MAX_RETENTION_DAYS, retentionForm, retentionText, retentionValue } from '../settings/retention.js';

test('null reads as keep forever, a number as days', () => {
  assert.deepEqual(retentionForm({ retention_days: null }), { mode: 'forever', days: '365' });
  assert.deepEqual(retentionForm({}), { mode: 'forever', days: '365' });
  assert.deepEqual(retentionForm({ retention_days: 30 }), { mode: 'days', days: '30' });
});

test('keep forever sends null whatever the days field holds', () => {
  assert.deepEqual(retentionValue({ mode: 'forever', days: 'abc' }), { value: { retention_days: null } });
});

test('days send a whole number from 1 to the server bound', () => {
  assert.deepEqual(retentionValue({ mode: 'days', days: ' 90 ' }), { value: { retention_days: 90 } });
  assert.deepEqual(retentionValue({ mode: 'days', days: '1' }), { value: { retention_days: 1 } });
  assert.deepEqual(retentionValue({ mode: 'days', days: String(MAX_RETENTION_DAYS) }), {
    value: { retention_days: MAX_RETENTION_DAYS },
  });
  for (const bad of ['', '0', '-3', '2.5', 'ten', String(MAX_RETENTION_DAYS + 1)]) {
    const result = retentionValue({ mode: 'days', days: bad });
    assert.ok(result.error?.startsWith('Days after resolution'), `${bad}: ${JSON.stringify(result)}`);
  }
});

test('the summary says what will happen', () => {
  assert.equal(retentionText({ mode: 'forever', days: '' }), 'Conversations are kept forever.');
  assert.equal(retentionText({ mode: 'days', days: '1' }), 'Conversations are emptied 1 day after they were resolved.');
  assert.equal(
    retentionText({ mode: 'days', days: '1000' }),
    'Conversations are emptied 1,000 days after they were resolved.',
  );
  assert.equal(retentionText({ mode: 'days', days: '0' }), '');
});
