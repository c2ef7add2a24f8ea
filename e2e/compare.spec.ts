/**
 * The compare view, driven as a person would: open it from the header button and from the
 * model picker, read the differences, click one to frame it on both bars, copy the link and
 * open it in a new page. At 1440×900 and 1024×700, light and dark.
 */
import type { Page } from '@playwright/test';
import { headerAction, linkState, openApp, settle, snap } from './app';
import { oracleLog, pasteLog, showLog } from './import-app';
import { expect, test } from './fixtures';

const SIZES = [
  { width: 1440, height: 900 },
  { width: 1024, height: 700 },
] as const;
const SCHEMES = ['light', 'dark'] as const;

/** Pixels of the diff outline colour (#f08c00) on a compare bar. */
async function amberPixels(page: Page, side: 'a' | 'b'): Promise<number> {
  return page.getByTestId(`compare-bar-${side}`).evaluate((el) => {
    const c = el as HTMLCanvasElement;
    const data = (c.getContext('2d') as CanvasRenderingContext2D).getImageData(
      0,
      0,
      c.width,
      c.height,
    ).data;
    let n = 0;
    for (let i = 0; i < data.length; i += 4)
      if (
        Math.abs((data[i] as number) - 240) < 20 &&
        Math.abs((data[i + 1] as number) - 140) < 25 &&
        (data[i + 2] as number) < 40
      )
        n++;
    return n;
  });
}

/** Open the compare view on a link and wait for both bars' pictures. */
async function openCompareLink(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.getByTestId('compare-bar-a')).toBeVisible();
  await expect(page.getByTestId('compare-bar-b')).toBeVisible();
  await settle(page);
}

for (const size of SIZES)
  for (const scheme of SCHEMES) {
    const tag = `${size.width}x${size.height}-${scheme}`;
    test.describe(`compare view at ${tag}`, () => {
      test.use({
        viewport: size,
        colorScheme: scheme,
        permissions: ['clipboard-read', 'clipboard-write'],
      });

      test('Compare in the header: differences listed, outlined, framed; the link opens the same view', async ({
        page,
        context,
      }, info) => {
        await openApp(page);
        await page.keyboard.press('End');
        await headerAction(page, 'compare-toggle');
        await expect(page.getByTestId('compare-toggle')).toHaveAttribute('aria-pressed', 'true');
        await expect(page.getByTestId('compare-name-a')).toHaveText(
          'bootmem-2.6.23 (Linux 2.6.23)',
        );
        await page.getByTestId('compare-model').selectOption('early-res-2.6.33');
        await expect(page.getByTestId('compare-name-b')).toHaveText(
          'early-res-2.6.33 (Linux 2.6.33)',
        );
        const diffs = page.getByTestId('compare-diffs').getByRole('button');
        await expect(diffs.filter({ hasText: 'double-reservation' })).toHaveCount(1);
        await expect(diffs.filter({ hasText: 'kdump-corruption' })).toHaveCount(1);
        await settle(page);
        expect(await amberPixels(page, 'a')).toBeGreaterThan(50);
        expect(await amberPixels(page, 'b')).toBeGreaterThan(10);
        await snap(page, info, `compare-${tag}-1-open`);

        const double = diffs.filter({ hasText: 'double-reservation' });
        await expect(double).toContainText('[mem 0x0000000001000000-0x000000000111afff]');
        await double.click();
        await expect(double).toHaveAttribute('aria-pressed', 'true');
        await settle(page);
        const framed = await linkState(page);
        expect(framed?.compare).toEqual({ model: 'early-res-2.6.33' });
        const w = framed?.window;
        expect(w && w.start <= 0x1000000 && w.end >= 0x111b000 && w.end - w.start < 0x400000).toBe(
          true,
        );
        await snap(page, info, `compare-${tag}-2-framed`);

        await headerAction(page, 'copy-link');
        const copied = await page.evaluate(() => navigator.clipboard.readText());
        expect(copied).toMatch(/#2\./);
        const other = await context.newPage();
        await openCompareLink(other, copied);
        await expect(other.getByTestId('compare-name-a')).toHaveText(
          'bootmem-2.6.23 (Linux 2.6.23)',
        );
        await expect(other.getByTestId('compare-name-b')).toHaveText(
          'early-res-2.6.33 (Linux 2.6.33)',
        );
        await expect(other.getByTestId('compare-model')).toHaveValue('early-res-2.6.33');
        expect(await linkState(other)).toEqual(await linkState(page));
        await expect(
          other.getByTestId('compare-diffs').getByRole('button', { name: /double-reservation/ }),
        ).toBeVisible();
        await snap(other, info, `compare-${tag}-3-reopened`);

        // Closing the view takes it out of the link.
        await page.getByTestId('compare-close').click();
        await expect(page.getByTestId('bar')).toBeVisible();
        await settle(page);
        expect((await linkState(page))?.compare).toBeUndefined();
      });

      test('the model picker opens the compare view; the text diff of the two runs copies', async ({
        page,
      }, info) => {
        await openApp(page);
        await page.keyboard.press('End');
        await page.getByTestId('model-select').selectOption('compare:memblock-6.1');
        await expect(page.getByTestId('model-select')).toHaveValue('bootmem-2.6.23');
        await expect(page.getByTestId('compare-name-b')).toHaveText('memblock-6.1 (Linux 6.1)');
        await expect(page.getByTestId('compare-name-b').locator('..')).toContainText('step 40');
        await page.getByTestId('step-tab-text').click();
        await page.getByTestId('text-diff-runs').check();
        const diff = page.getByTestId('state-text-body');
        await expect(diff).toContainText('--- A bootmem-2.6.23 step 38');
        await expect(diff).toContainText('+++ B memblock-6.1 step 40');
        await expect(diff).toContainText('-  01000000-08ffffff : Crash kernel');
        await page.getByLabel('allocator tables').check();
        await expect(diff).toContainText('+# memblock_dump_all');
        await page.getByTestId('state-text-copy').click();
        const copied = await page.evaluate(() => navigator.clipboard.readText());
        expect(copied.split('\n')[0]).toBe('--- A bootmem-2.6.23 step 38');
        expect(copied).toBe((await diff.textContent())?.replace(/\n$/, ''));
        await settle(page);
        await snap(page, info, `compare-${tag}-4-picker-text`);
        // Stepping moves both runs to the same point of the boot.
        await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
        await page.keyboard.press('Home');
        await expect(page.getByTestId('compare-name-b').locator('..')).toContainText('step 0');
        await expect(diff).toContainText('--- A bootmem-2.6.23 step 0');
      });
    });
  }

test('a link comparing with a model this app lacks opens the single view and says so', async ({
  page,
}) => {
  await openApp(
    page,
    '#2.j.' + encodeURIComponent(JSON.stringify({ p: 'seed-2.6.23', c: 'linux-9.9' })),
  );
  await expect(page.getByTestId('link-banner')).toContainText(
    'the comparison\'s model "linux-9.9" is not one this app has',
  );
  await expect(page.getByTestId('compare-bars')).toHaveCount(0);
});

test.describe('an imported log against the model', () => {
  test.use({ viewport: { width: 1440, height: 900 } });
  test('Compare on the observed run puts the matching model beside it', async ({ page }, info) => {
    await openApp(page);
    await pasteLog(page, oracleLog('m4G-numa1G,3G-ck256M,high-ck128M,low.log'));
    await showLog(page);
    await expect(page.getByTestId('model-select')).toHaveValue('observed');
    await headerAction(page, 'compare-toggle');
    await expect(page.getByTestId('compare-name-a')).toHaveText('observed (the imported log)');
    await expect(page.getByTestId('compare-name-b')).toHaveText('memblock-6.1 (Linux 6.1)');
    await expect(page.getByTestId('compare-agreement')).toContainText(
      'the log and memblock-6.1 agree on 81, differ on 0',
    );
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('End');
    await expect(page.getByTestId('compare-count')).toContainText(
      /^\d+ differences? at A’s step 215/,
    );
    await settle(page);
    await snap(page, info, 'compare-observed-vs-model');
    // The log never goes in a link: the link carries no comparison with it.
    expect((await linkState(page))?.compare).toBeUndefined();
  });
});
