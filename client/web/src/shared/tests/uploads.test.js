// Attachments' pure parts (shared/uploads.js): sizes, image types, the one URL the bearer
// goes to, and the words for a refused upload.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { attachmentUrl, filesOf, formatSize, isImage, uploadError, uploadOf } from '../uploads.js';

test('uploads: sizes for people', () => {
  assert.equal(formatSize(0), '0 B');
  assert.equal(formatSize(999), '999 B');
  assert.equal(formatSize(12_345), '12 KB');
  assert.equal(formatSize(3_400_000), '3.4 MB');
  assert.equal(formatSize(25_000_000), '25 MB');
  assert.equal(formatSize(-1), '');
  assert.equal(formatSize('x'), '');
});

test('uploads: only raster images are previewed', () => {
  for (const t of ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'IMAGE/PNG']) assert.ok(isImage(t), t);
  for (const t of ['image/svg+xml', 'text/html', 'application/pdf', '', null]) assert.ok(!isImage(t), String(t));
});

test('uploads: the bearer only goes to the server its attachment path names', () => {
  const id = '3f1c2d9e-0b7a-4c1e-9a55-0d1f2e3a4b5c';
  assert.equal(
    attachmentUrl('https://fs.example/', `/v1/attachments/${id}`),
    `https://fs.example/v1/attachments/${id}`,
  );
  assert.equal(attachmentUrl('', `/v1/attachments/${id}`), `/v1/attachments/${id}`);
  for (const bad of [
    `https://evil.example/v1/attachments/${id}`,
    `//evil.example/v1/attachments/${id}`,
    `/v1/attachments/${id}/../../v1/users`,
    '/v1/users',
    '/v1/attachments/',
    null,
  ]) {
    assert.equal(attachmentUrl('https://fs.example', bad), null, String(bad));
  }
});

test('uploads: refusals in words, the server reason kept', () => {
  const big = uploadError(413, { error: { code: 'too_large', message: 'file exceeds 10000000 bytes' } });
  assert.equal(big.code, 'too_large');
  assert.equal(big.message, 'This file is too large (exceeds 10000000 bytes).');
  const type = uploadError(422, { error: { code: 'bad_request', message: 'file: this type is not accepted' } });
  assert.equal(type.status, 422);
  assert.equal(type.message, 'Not accepted: this type is not accepted');
  assert.equal(uploadError(422, null).message, 'This type of file is not accepted.');
  assert.equal(uploadError(0, null).code, 'unavailable');
  assert.equal(uploadError(500, { error: { code: 'internal', message: 'boom' } }).message, 'boom');
  assert.equal(uploadError(502, 'junk').message, 'The file could not be sent (502).');
});

test('uploads: an upload answer is checked', () => {
  assert.deepEqual(uploadOf({ upload_id: 'u1', name: 'a.png', content_type: 'image/png', size: 3 }), {
    upload_id: 'u1',
    name: 'a.png',
    content_type: 'image/png',
    size: 3,
  });
  assert.equal(uploadOf({ name: 'a' }), null);
  assert.equal(uploadOf(null), null);
});

test('uploads: files of a drop or a paste', () => {
  const file = { name: 'a.png' };
  assert.deepEqual(filesOf({ files: [file] }), [file]);
  assert.deepEqual(filesOf({ files: [], items: [{ kind: 'string' }, { kind: 'file', getAsFile: () => file }] }), [
    file,
  ]);
  assert.deepEqual(filesOf(null), []);
});
