/** The built app's security promises: a strict CSP, and no network traffic beyond its own files. */
import { openApp } from './app';
import { expect, test } from './fixtures';

test('the page carries a Content-Security-Policy without inline scripts', async ({ page }) => {
  await openApp(page);
  const csp = await page
    .locator('meta[http-equiv="Content-Security-Policy"]')
    .getAttribute('content');
  expect(csp).toContain("script-src 'self'");
  expect(csp).not.toContain('unsafe-inline');
  expect(csp).not.toContain('unsafe-eval');
  expect(csp).toContain("connect-src 'self'");
  // No inline script element at all.
  expect(await page.locator('script:not([src])').count()).toBe(0);
});

test('using the app makes no request to any other origin', async ({ page, baseURL }) => {
  const foreign: string[] = [];
  page.on('request', (r) => {
    if (
      !r.url().startsWith(baseURL ?? 'http://127.0.0.1') &&
      !r.url().startsWith('data:') &&
      !r.url().startsWith('blob:')
    )
      foreign.push(r.url());
  });
  await openApp(page);
  await page.keyboard.press('End');
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowRight');
  expect(foreign).toEqual([]);
});
