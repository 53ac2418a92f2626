// Builds the embeddable chat widget into ONE file, server/web/widget/widget.js: an IIFE
// (no globals but window.FlowSupport, which the code sets itself), minified, its CSS
// inlined as a string (`?inline`) and adopted by the widget's shadow root.
// Deterministic: no hashes, timestamps or banners; the same sources give the same bytes.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  root: here('./src/widget'),
  publicDir: false,
  logLevel: 'warn',
  build: {
    outDir: here('../../server/web/widget'),
    emptyOutDir: true,
    target: 'es2020',
    minify: true,
    cssMinify: true,
    sourcemap: false,
    reportCompressedSize: false,
    copyPublicDir: false,
    modulePreload: false,
    rolldownOptions: {
      input: here('./src/widget/main.js'),
      output: {
        format: 'iife',
        entryFileNames: 'widget.js',
      },
    },
  },
});
