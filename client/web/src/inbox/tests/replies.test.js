// The composer's `/` menu and the macro editor, their pure parts (inbox/replies.js).
// `node --test src/inbox/tests` in client/web.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { actionOf, filterReplies, rowOf, slashQuery, spliceText, variableHint } from '../replies.js';

test('a / opens the menu only at the start of a word', () => {
  assert.deepEqual(slashQuery('/', 1), { start: 0, end: 1, query: '' });
  assert.deepEqual(slashQuery('Hi /Ref', 7), { start: 3, end: 7, query: 'ref' });
  assert.deepEqual(slashQuery('line\n/re', 8), { start: 5, end: 8, query: 're' });
  assert.equal(slashQuery('see a/b', 7), null);
  assert.equal(slashQuery('http://x', 8), null);
  assert.equal(slashQuery('/refund now', 11), null); // the caret left the word
  assert.deepEqual(slashQuery('/refund now', 7), { start: 0, end: 7, query: 'refund' });
});

test('codes that start with the query come first, then codes or titles holding it', () => {
  const replies = [
    { code: 'policy-refund', title: 'Policy' },
    { code: 'refund', title: 'Refunds' },
    { code: 'hello', title: 'Greeting about a refund' },
    { code: 'bye', title: 'Goodbye' },
  ];
  assert.deepEqual(
    filterReplies(replies, 'ref').map((r) => r.code),
    ['refund', 'policy-refund', 'hello'],
  );
  assert.equal(filterReplies(replies, '').length, 4);
  assert.equal(filterReplies(replies, '', 2).length, 2);
  assert.deepEqual(filterReplies(replies, 'zzz'), []);
});

test('the /word is replaced by the rendered body, the caret after it', () => {
  assert.deepEqual(spliceText('Hi /ref!', 3, 7, 'Refunds take 5 days.'), {
    text: 'Hi Refunds take 5 days.!',
    caret: 23,
  });
});

test('variables the server could not fill are named', () => {
  assert.equal(variableHint({ missing: [], unknown: [] }), '');
  assert.equal(
    variableHint({ missing: ['contact.name'], unknown: ['contact.shoe'] }),
    'No value for {contact.name}: left empty · Unknown {contact.shoe}: left as written',
  );
});

test('editor rows become actions and back; empty ones are refused', () => {
  assert.deepEqual(actionOf({ type: 'add_tags', text: ' VIP, billing,,vip ' }), {
    value: { type: 'add_tags', tags: ['vip', 'billing'] },
  });
  assert.ok(actionOf({ type: 'add_tags', text: ' , ' }).error);
  assert.ok(actionOf({ type: 'send_reply', text: '  ' }).error);
  assert.deepEqual(actionOf({ type: 'assign', text: '' }).value, { type: 'assign', assignee_id: 'me' });
  assert.deepEqual(actionOf({ type: 'assign', text: 'none' }).value, { type: 'assign', assignee_id: null });
  assert.deepEqual(actionOf({ type: 'set_priority', text: '' }).value, { type: 'set_priority', priority: 'normal' });
  for (const action of [
    { type: 'send_reply', body: 'Hi {contact.name}' },
    { type: 'remove_tags', tags: ['a', 'b'] },
    { type: 'set_status', status: 'resolved' },
    { type: 'assign', assignee_id: null },
    { type: 'assign', assignee_id: 'me' },
  ]) {
    assert.deepEqual(actionOf(rowOf(action)).value, action);
  }
});
