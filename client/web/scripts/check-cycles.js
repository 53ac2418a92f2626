// Fails when a JavaScript module under src/ imports itself through others (an import cycle).
// Reads every static `import … from '…'`, `export … from '…'` and bare `import '…'` of a
// relative .js path (JSDoc `import('…')` types are not imports); packages (preact, htm) are
// not followed. Plain node, no dependencies; run by `npm test`.
// Usage: node scripts/check-cycles.js [folder, default src]
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', process.argv[2] || 'src');

const SPECIFIER = /^[ \t]*(?:import|export)\s*(?:[\w*${},\s]+?\s*from\s*)?['"]([^'"]+)['"]/gm;

/** @param {string} dir @returns {string[]} */
function modules(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : modules(path);
    return /\.m?js$/.test(name) ? [path] : [];
  });
}

/** @param {string} file @returns {string[]} the local modules it imports */
export function importsOf(file, text = readFileSync(file, 'utf8')) {
  const found = [];
  for (const m of text.matchAll(SPECIFIER)) {
    const spec = m[1];
    if (spec.startsWith('.') && /\.m?js$/.test(spec)) found.push(resolve(dirname(file), spec));
  }
  return found;
}

/**
 * Every cycle once, as the list of files around it (the first one repeated at the end).
 * @param {Map<string, string[]>} graph file -> files it imports
 */
export function cycles(graph) {
  const found = [];
  const seen = new Set();
  const keys = new Set();
  const visit = (file, path) => {
    const at = path.indexOf(file);
    if (at >= 0) {
      const loop = path.slice(at);
      const key = [...loop].sort().join('\n');
      if (!keys.has(key)) {
        keys.add(key);
        found.push([...loop, file]);
      }
      return;
    }
    if (seen.has(file)) return;
    path.push(file);
    for (const next of graph.get(file) || []) visit(next, path);
    path.pop();
    seen.add(file);
  };
  for (const file of [...graph.keys()].sort()) visit(file, []);
  return found;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const files = modules(root);
  const graph = new Map(files.map((file) => [file, importsOf(file)]));
  const loops = cycles(graph);
  for (const loop of loops) console.error(`import cycle: ${loop.map((f) => relative(root, f)).join(' -> ')}`);
  if (loops.length) process.exit(1);
  console.log(`no import cycles among ${files.length} modules in ${relative(process.cwd(), root) || '.'}`);
}
