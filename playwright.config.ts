import { defineConfig } from '@playwright/test';

// Debian's chromium (Playwright cannot download its own browsers here); BOOTMAP_CHROMIUM overrides.
const executablePath = process.env.BOOTMAP_CHROMIUM ?? '/usr/bin/chromium';
// Fixed port so tests are repeatable; BOOTMAP_PORT lets two checkouts test side by side.
const port = Number(process.env.BOOTMAP_PORT ?? 4173);

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  timeout: 30_000,
  retries: 0,
  workers: 2,
  reporter: [['list'], ['json', { outputFile: 'reports/e2e.json' }]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    viewport: { width: 1280, height: 800 },
    screenshot: 'only-on-failure',
    video: 'off',
    launchOptions: { executablePath, args: ['--disable-gpu', '--disable-quic'] },
  },
  webServer: {
    command: `npx vite build && npx vite preview --host 127.0.0.1 --port ${port} --strictPort`,
    url: `http://127.0.0.1:${port}`,
    reuseExistingServer: false,
    timeout: 120_000,
  },
});
