// Pure parts of the widget: `node --test src/widget/tests` in client/web.
import assert from "node:assert/strict";
import { test } from "node:test";

import { BASE_MS, CAP_MS, afterClose, backoffDelay } from "../../shared/backoff.js";
import { AiStream, SeqTracker } from "../sequence.js";

test("events in order advance; repeats are old", () => {
  const t = new SeqTracker();
  assert.equal(t.see(1), "next");
  assert.equal(t.see(2), "next");
  assert.equal(t.see(2), "old");
  assert.equal(t.last, 2);
});

test("a jump is a gap and does not move the resume point", () => {
  const t = new SeqTracker();
  t.see(1);
  assert.equal(t.see(3), "gap");
  assert.equal(t.last, 1);
});

test("a subscribe ack vouches for hidden seqs up to its last_seq", () => {
  const t = new SeqTracker();
  t.see(1);
  t.see(3); // gap: seq 2 is a private note the visitor never sees
  t.confirm(3);
  assert.equal(t.see(3), "next"); // replayed
  assert.equal(t.see(4), "next");
  const u = new SeqTracker();
  u.confirm(5); // replay held nothing visible after 2 (fresh subscribe after_seq 0)
  assert.equal(u.see(2), "next");
  assert.equal(u.see(6), "next"); // 3..5 were hidden: the live 6 is in order
  assert.equal(u.last, 6);
});

test("AI deltas join in index order, ignoring repeats", () => {
  const s = new AiStream("st_1");
  assert.equal(s.push(0, "Open "), true);
  assert.equal(s.push(0, "Open "), false);
  assert.equal(s.push(2, "page"), false); // early: waits for 1
  assert.equal(s.text, "Open ");
  assert.equal(s.push(1, "the "), true);
  assert.equal(s.text, "Open the page");
  assert.equal(s.push(1, "XX"), false);
});

test("backoff: full jitter under an exponential ceiling with a cap", () => {
  assert.equal(backoffDelay(0, () => 0.999), Math.floor(0.999 * BASE_MS));
  assert.equal(backoffDelay(3, () => 0.5), (BASE_MS * 8) / 2);
  assert.equal(backoffDelay(30, () => 0.999), Math.floor(0.999 * CAP_MS));
  assert.equal(backoffDelay(5, () => 0), 0);
});

test("close codes: 4001/4003 stop, 1012 and stable connections restart the backoff", () => {
  assert.equal(afterClose({ code: 4003, attempt: 0, stable: true }), null);
  assert.equal(afterClose({ code: 4001, attempt: 2, stable: false }), null);
  assert.equal(afterClose({ code: 1012, attempt: 5, stable: false }), 0);
  assert.equal(afterClose({ code: 1006, attempt: 5, stable: true }), 0);
  assert.equal(afterClose({ code: 1006, attempt: 5, stable: false }), 5);
});
