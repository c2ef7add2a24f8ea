import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// The app lives in web/, static files in public/; Vitest only looks beside the engine, the
// web code and the CLI so that Playwright's e2e/*.spec.ts never reach it.
export default defineConfig({
  root: 'web',
  publicDir: '../public',
  base: './',
  plugins: [react()],
  build: { outDir: '../dist', emptyOutDir: true, target: 'es2022' },
  server: { host: '127.0.0.1', port: 5173 },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
  test: {
    root: '.',
    include: ['src-core/**/*.test.ts', 'web/**/*.test.ts', 'web/**/*.test.tsx', 'cli/**/*.test.ts'],
    environment: 'node',
    // Property tests run thousands of simulations; a busy 2-core machine must not turn them into timeouts.
    testTimeout: 30_000,
  },
});
