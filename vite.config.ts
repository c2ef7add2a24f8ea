import { defineConfig, type Plugin } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { themeCss } from './web/theme/theme-css.ts';

/**
 * The Content-Security-Policy of the built app: only its own scripts (no inline script, no
 * eval), its own styles, images from itself or generated (exports), workers from itself, and
 * no network at all beyond its own files. Added at build time only: the dev server injects
 * inline scripts for hot reload.
 */
export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

const csp = (): Plugin => ({
  name: 'bootmap-csp',
  apply: 'build',
  transformIndexHtml: (html) =>
    html.replace(
      '<head>',
      `<head>\n    <meta http-equiv="Content-Security-Policy" content="${CSP}" />`,
    ),
});

/**
 * The colour variables of the page, generated from the palette the canvas and the SVG export
 * use (web/theme/palette.ts): `import 'virtual:theme.css'` is that stylesheet.
 */
const THEME_ID = 'virtual:theme.css';
const theme = (): Plugin => ({
  name: 'bootmap-theme',
  resolveId: (id) => (id === THEME_ID ? `\0${THEME_ID}` : undefined),
  load: (id) => (id === `\0${THEME_ID}` ? themeCss() : undefined),
});

// The app lives in web/, static files in public/; Vitest only looks beside the engine, the
// web code, the CLI and the bench so that Playwright's e2e/*.spec.ts never reach it.
export default defineConfig({
  root: 'web',
  publicDir: '../public',
  base: './',
  plugins: [react(), csp(), theme()],
  build: {
    outDir: '../dist',
    emptyOutDir: true,
    target: 'es2022',
    // The start-up file is ~590 kB minified (react-dom, d3, the engine's models): one file on
    // purpose (see codeSplitting below). What users wait for is its gzip size, which the bench
    // checks against the 200 KB target.
    chunkSizeWarningLimit: 650,
    rolldownOptions: {
      treeshake: {
        // The engine is functions and data: importing one of its modules does nothing but
        // define things (base/zod.ts sets zod's locale, and runs whenever its z is used), yet
        // some build RegExps at load time, which a bundler must otherwise keep. Saying so lets
        // the page's bundle drop what it does not call (the log importer runs in the import
        // worker), and leaves code only a lazy part calls (the editor's command-line reading,
        // reached through the engine's index) in that part's chunk.
        moduleSideEffects: (id) => (/[\\/]src-core[\\/]/.test(id) ? false : undefined),
      },
      output: {
        // What the page runs at start, in one file. Left to itself the bundler splits off the
        // modules that a lazy part (editor, exports, advisor, import) shares with the start into
        // chunks of their own, all loaded at start anyway: five files instead of one, and more
        // bytes (each compressed alone, with import/export lists between them).
        codeSplitting: { groups: [{ name: 'index', tags: ['$initial'] }] },
      },
    },
  },
  server: { host: '127.0.0.1', port: 5173 },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
  test: {
    root: '.',
    include: [
      'src-core/**/*.test.ts',
      'web/**/*.test.ts',
      'web/**/*.test.tsx',
      'cli/**/*.test.ts',
      'bench/**/*.test.ts',
    ],
    environment: 'node',
    // Property tests run thousands of simulations; a busy 2-core machine must not turn them into timeouts.
    testTimeout: 30_000,
  },
});
