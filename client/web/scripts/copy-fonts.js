// Copies the Inter web fonts the widget and the inbox use, and their licence, from
// node_modules/@fontsource/inter to server/web/fonts/, which the server serves as /fonts/<file>.
// Plain node, no dependencies; run by `npm run build` before the Vite builds.
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const source = resolve(here, '../node_modules/@fontsource/inter');
const target = resolve(here, '../../../server/web/fonts');

const copies = [
  ...[400, 500, 600, 700].map((weight) => {
    const name = `inter-latin-${weight}-normal.woff2`;
    return [join(source, 'files', name), join(target, name)];
  }),
  [join(source, 'LICENSE'), join(target, 'LICENSE-Inter.txt')],
];

mkdirSync(target, { recursive: true });
for (const [from, to] of copies) {
  copyFileSync(from, to);
  console.log(`copied ${from.slice(source.length + 1)} -> server/web/fonts/${to.slice(target.length + 1)}`);
}
