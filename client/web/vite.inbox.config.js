// The agent inbox: src/inbox/index.html -> server/web/inbox/, served by the server at /inbox/.
// Run from client/web: npx vite build --config vite.inbox.config.js
//
// - base '/inbox/': every asset URL is /inbox/assets/<name>-<hash>.<ext>;
// - no inline script anywhere (the server's CSP is script-src 'self'): the module preload
//   polyfill is off (every browser we support has modulepreload) and the entry is a file;
// - fonts are not bundled: src/inbox/fonts.css points at /fonts/<file>, the one copy
//   scripts/copy-fonts.js puts in server/web/fonts/ for the widget too (font-src 'self');
// - deterministic: content-hashed names, no timestamps, no source maps; two builds of the
//   same sources are byte-identical.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  root: here('./src/inbox'),
  base: '/inbox/',
  publicDir: false,
  logLevel: 'warn',
  build: {
    outDir: here('../../server/web/inbox'),
    emptyOutDir: true,
    assetsDir: 'assets',
    assetsInlineLimit: 0, // assets stay files: data: fonts would be refused by font-src 'self'
    target: 'es2022',
    cssCodeSplit: false,
    sourcemap: false,
    reportCompressedSize: true,
    modulePreload: { polyfill: false },
    rolldownOptions: {
      input: here('./src/inbox/index.html'),
      // The server's /fonts/ files, left as written (and not warned about as unresolved).
      external: [/^\/fonts\//],
      output: {
        entryFileNames: 'assets/inbox-[hash].js',
        chunkFileNames: 'assets/[name]-[hash].js',
        // The stylesheet is named for the app; any other asset keeps its own name.
        assetFileNames: (asset) =>
          asset.names?.some((n) => n.endsWith('.css'))
            ? 'assets/inbox-[hash][extname]'
            : 'assets/[name]-[hash][extname]',
      },
    },
  },
  server: { fs: { allow: [here('./src')] } },
});
