import { test as base, expect } from '@playwright/test';

/**
 * Every e2e test fails on a console error or an uncaught page error, and runs at 1280×720:
 * the smallest screen the app is made for.
 */
export const test = base.extend<{ consoleErrors: string[] }>({
  viewport: { width: 1280, height: 720 },
  consoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      page.on('pageerror', (e) => errors.push(e.message));
      await use(errors);
      expect(errors, 'console errors during the test').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
