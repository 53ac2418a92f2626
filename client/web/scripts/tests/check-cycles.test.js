// The import-cycle check (scripts/check-cycles.js) itself: `npm test` in client/web.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { cycles, importsOf } from '../check-cycles.js';

test('imports: static imports and re-exports of local modules, not packages, styles or JSDoc types', () => {
  const text = [
    "import './fonts.css';",
    "import { html } from 'htm/preact';",
    'import {',
    '  a,',
    '  b as c,',
    "} from './a.js';",
    "import * as all from '../b.js';",
    "export { d } from './d.js';",
    "/** @typedef {import('./types.js').T} T */",
    'const text = \'import x from "./not-code.js"\';',
  ].join('\n');
  assert.deepEqual(importsOf('/src/inbox/main.js', text), ['/src/inbox/a.js', '/src/b.js', '/src/inbox/d.js']);
});

test('cycles: each loop found once, none in a tree', () => {
  const graph = new Map([
    ['a', ['b']],
    ['b', ['c', 'd']],
    ['c', ['a']],
    ['d', []],
    ['e', ['e2']],
    ['e2', ['e']],
  ]);
  assert.deepEqual(cycles(graph), [
    ['a', 'b', 'c', 'a'],
    ['e', 'e2', 'e'],
  ]);
  assert.deepEqual(
    cycles(
      new Map([
        ['x', ['y']],
        ['y', []],
      ]),
    ),
    [],
  );
});
