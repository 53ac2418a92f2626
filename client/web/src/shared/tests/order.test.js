// Seq tracking and AI pieces (shared/order.js), as both clients use them. `npm test` in client/web.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { piecesFrom, piecesWith, seqSeen, seqsConfirmed, seqsFrom, seqsHaveGap } from '../order.js';

/** Feed seqs in; the verdicts and the tracking after them. */
function feed(seqs, ...numbers) {
  const verdicts = [];
  for (const n of numbers) {
    const seen = seqSeen(seqs, n);
    verdicts.push(seen.verdict);
    seqs = seen.seqs;
  }
  return { seqs, verdicts };
}

test('seq: events in order advance; repeats are old and change nothing', () => {
  const { seqs, verdicts } = feed(seqsFrom(), 1, 2, 2, 1);
  assert.deepEqual(verdicts, ['next', 'next', 'old', 'old']);
  assert.equal(seqs.last, 2);
  assert.equal(seqSeen(seqs, 2).seqs, seqs);
  assert.equal(seqSeen(seqs, 'x').verdict, 'old');
  assert.equal(seqSeen(seqs, undefined).seqs, seqs);
});

test('seq: a jump is a gap that holds the resume point until it fills', () => {
  let { seqs, verdicts } = feed(seqsFrom(3), 4, 7, 6, 7);
  assert.deepEqual(verdicts, ['next', 'gap', 'gap', 'gap']);
  assert.equal(seqs.last, 4); // subscribe again with after_seq 4
  assert.deepEqual(seqs.ahead, [6, 7]);
  assert.equal(seqsHaveGap(seqs), true);
  ({ seqs, verdicts } = feed(seqs, 5)); // the replay fills it
  assert.deepEqual(verdicts, ['next']);
  assert.equal(seqs.last, 7);
  assert.equal(seqsHaveGap(seqs), false);
  ({ verdicts } = feed(seqs, 6, 7, 8));
  assert.deepEqual(verdicts, ['old', 'old', 'next']);
});

test('seq: a subscribe ack vouches for seqs this principal never sees, up to its last_seq', () => {
  // A visitor: seq 2 is a private note.
  let { seqs, verdicts } = feed(seqsFrom(), 1, 3);
  assert.deepEqual(verdicts, ['next', 'gap']);
  seqs = seqsConfirmed(seqs, 3); // the re-subscribe's ack
  ({ seqs, verdicts } = feed(seqs, 3, 4)); // its replay, then live
  assert.deepEqual(verdicts, ['old', 'next']);
  assert.equal(seqs.last, 4);
  assert.deepEqual(seqs.ahead, []);
  // A fresh subscribe (after_seq 0) whose replay holds nothing visible after 2.
  seqs = seqsConfirmed(seqsFrom(), 5);
  ({ seqs, verdicts } = feed(seqs, 2, 6)); // 3..5 were hidden: the live 6 is in order
  assert.deepEqual(verdicts, ['next', 'next']);
  assert.equal(seqs.last, 6);
  assert.equal(seqsConfirmed(seqs, 4), seqs); // an older ack changes nothing
});

test('seq: a truncated replay starts late; what it skips is paged over HTTP, not resubscribed', () => {
  let { seqs } = feed(seqsFrom(), 1, 2);
  seqs = seqsConfirmed(seqs, 1500); // replays 501..1500
  const { seqs: after, verdicts } = feed(seqs, 501, 502, 1500, 1501);
  assert.deepEqual(verdicts, ['next', 'next', 'next', 'next']);
  assert.equal(after.last, 1501);
});

test('AI pieces: joined in index order; repeats and early pieces handled', () => {
  let p = piecesFrom();
  p = piecesWith(p, 0, 'Open ');
  const same = piecesWith(p, 0, 'Open ');
  assert.equal(same, p);
  p = piecesWith(p, 2, 'page');
  assert.equal(p.text, 'Open '); // waits for 1
  p = piecesWith(p, 2, 'XX');
  p = piecesWith(p, 1, 'the ');
  assert.equal(p.text, 'Open the page');
  assert.deepEqual(p.early, {});
  assert.equal(piecesWith(p, 1, 'again'), p);
  assert.equal(piecesWith(p, 1.5, 'x'), p);
  assert.equal(piecesWith(p, 3, null), p);
  // Joining mid-answer: from the first piece seen.
  assert.equal(piecesWith(piecesFrom(7), 7, 'rest').text, 'rest');
});
