/**
 * Links from outside: bad ones say what is wrong and the page opens on the last working
 * scenario or the default, with the bad fragment kept; hostile ones stay text.
 */
import type { Page } from '@playwright/test';
import { encodeLink, preset } from '../src-core';
import { editorTab, openApp, settle, snap } from './app';
import { expect, test } from './fixtures';

/** A version-1 link from its compact JSON, written by hand as a tamperer would. */
const link = (compact: unknown) => `1.j.${encodeURIComponent(JSON.stringify(compact))}`;

const BAD: [string, string, string][] = [
  ['truncated (packed)', '1.z.N4IgHiBcoG4KYCcDOBLA9gOy', 'the link is damaged'],
  [
    'truncated (plain)',
    '1.j.%7B%22p%22%3A%22seed',
    'its data is not valid (was it cut short or edited?)',
  ],
  [
    'tampered',
    link({ p: 'seed-2.6.23', x: { kernel: { text: '~zz' } } }),
    'kernel.text: _text "~zz" is not a number',
  ],
  ['from a future version', '3.j.%7B%7D', 'made by a newer bootmap (link format 3)'],
  [
    'an absurd address',
    link({
      p: 'seed-2.6.23',
      x: { machine: { e820: '~0-~fffffffffffffff:usable,~100000-~200000:usable' } },
    }),
    'end "0xfffffffffffffff" is beyond the 2^52-byte physical address space',
  ],
  [
    'an absurd window',
    link({ p: 'seed-2.6.23', w: '0-20000000000000' }),
    'is not a range inside the 2^52-byte address space',
  ],
  [
    'an absurd step',
    link({ p: 'seed-2.6.23', s: 1e12 }),
    'step 1000000000000 is not a step number',
  ],
  ['a step of the wrong type', link({ p: 'seed-2.6.23', s: '5' }), 'step "5" is not a step number'],
  [
    'a model of the wrong type',
    link({ p: 'seed-2.6.23', m: 61 }),
    'names its model with the wrong type',
  ],
  ['an unknown preset', link({ p: 'seed-9.9' }), 'unknown preset "seed-9.9"'],
  ['not a link at all', 'hello', 'this is not a bootmap link'],
];

/** Open a fragment as a fresh page load (a fragment-only change would not reload). */
async function openFresh(page: Page, fragment: string): Promise<void> {
  await page.goto('about:blank');
  await openApp(page, `#${fragment}`);
}

test('each bad link says what was wrong and the default scenario opens; the link is kept', async ({
  page,
}, info) => {
  for (const [what, fragment, message] of BAD) {
    await test.step(what, async () => {
      await openFresh(page, fragment);
      const banner = page.getByTestId('link-banner');
      await expect(banner).toHaveAttribute('role', 'alert');
      await expect(banner).toContainText('This link could not be opened');
      await expect(banner).toContainText(message);
      await expect(banner).toContainText(
        'Showing the default scenario instead: this is not the picture the link was for.',
      );
      await expect(page.getByTestId('summary')).toContainText("node 0's bitmap at 0xf9b000");
      await settle(page);
      expect(new URL(page.url()).hash).toBe(`#${fragment}`);
    });
  }
  await snap(page, info, '28-bad-link');
  // The bad link stays one step back in history once the page moves on.
  await page.getByRole('button', { name: 'Dismiss' }).click();
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => new URL(page.url()).hash).toMatch(/^#1\.j\./);
  await page.goBack();
  await expect.poll(() => new URL(page.url()).hash).toBe('#hello');
});

test('a bad link shows the default scenario, never silently the saved one; it is one click away', async ({
  page,
}, info) => {
  await openApp(page);
  await editorTab(page, 'Presets');
  await page.getByTestId('preset-laptop-4g').click();
  await expect(page.getByTestId('scenario')).toContainText('4 GiB laptop');
  await page.waitForTimeout(800); // saved 300 ms after the change
  await openFresh(page, '3.j.%7B%7D');
  const banner = page.getByTestId('link-banner');
  await expect(banner).toContainText('made by a newer bootmap (link format 3)');
  await expect(banner).toContainText('Showing the default scenario instead');
  await expect(page.getByTestId('scenario')).toContainText('96 GiB two-node server');
  await snap(page, info, '29-bad-link-last-working');
  await page.getByTestId('link-banner-action').click();
  await expect(page.getByTestId('scenario')).toContainText('4 GiB laptop');
  await expect(page.getByTestId('link-banner')).toHaveCount(0);
});

test('a link is data, never code: markup in a title or command line stays text', async ({
  page,
}, info) => {
  const hostile = '<img src=x onerror=alert(1)>';
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  const seed = preset('seed-2.6.23')!;
  const fragment = encodeLink({
    scenario: {
      ...seed,
      name: hostile,
      title: hostile,
      cmdline: `ro ${hostile} crashkernel=128M@16M`,
    },
    model: 'bootmem-2.6.23',
    step: 3,
    window: null,
  });
  await openApp(page, `#${fragment}`);
  await expect(page.getByTestId('scenario')).toContainText(hostile);
  await expect(page.getByTestId('scenario-select')).toContainText(hostile);
  await editorTab(page, 'Machine');
  await expect(page.getByRole('textbox', { name: 'Title' })).toHaveValue(hostile);
  await editorTab(page, 'Command line');
  await expect(page.getByTestId('editor')).toContainText('src=x');
  await snap(page, info, '30-hostile-link');
  expect(await page.locator('img').count()).toBe(0);
  expect(await page.locator('[onerror]').count()).toBe(0);
  expect(dialogs).toEqual([]);
});

test.describe('copying', () => {
  test.use({ permissions: ['clipboard-read', 'clipboard-write'] });
  test('L copies the link of the picture, as the button does', async ({ page }) => {
    await openApp(page);
    await page.keyboard.press('End');
    await page.keyboard.press('l');
    await expect(page.getByTestId('notice')).toContainText('Link copied');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(page.url());
    expect(copied).toContain('#1.j.');
    await expect(page.getByTestId('copy-link')).toHaveAttribute('title', /\(L\)$/);
  });
});

test('where the browser refuses the clipboard, the link is offered to copy by hand', async ({
  page,
}) => {
  await page.addInitScript(() => {
    Object.defineProperty(navigator, 'clipboard', {
      value: { writeText: () => Promise.reject(new DOMException('denied', 'NotAllowedError')) },
    });
  });
  await openApp(page);
  await page.getByTestId('copy-link').click();
  const field = page.getByTestId('copy-fallback');
  await expect(field).toBeVisible();
  await expect(field).toHaveValue(page.url());
  await page.getByRole('button', { name: 'Close' }).click();
  await expect(field).toHaveCount(0);
});
