/**
 * The crashkernel advisor as a user of the seed machine meets it: the lane says 16 MiB
 * corrupts (node 0's bitmap lies there), every suggestion it offers gives a clean run when
 * tried, sizes are typed in kernel notation with errors beside the field, and the generations
 * table switches the model.
 */
import { MODELS } from '../src-core';
import { hoverLane, laneShare, openApp, showRange, snap } from './app';
import { expect, test } from './fixtures';
import type { Page } from '@playwright/test';

/** Vermilion-dominant pixels: bases that corrupt. */
const VERMILION: Parameters<typeof laneShare>[2] = [
  [190, 255],
  [70, 170],
  [0, 110],
];

async function openAdvisor(page: Page): Promise<void> {
  await openApp(page);
  await page.keyboard.press('k');
  await expect(page.getByTestId('advisor')).toBeVisible();
  await expect(page.getByTestId('advisor-toggle')).toHaveAttribute('aria-pressed', 'true');
}

/** The generations table's row for the model shown. */
const currentRow = (page: Page) => page.getByTestId('generations').locator('tr[aria-current]');

test('the advisor marks 16 MiB "corrupts" on the seed, because of node 0’s bitmap', async ({
  page,
}, info) => {
  await openAdvisor(page);
  await expect(page.getByTestId('advisor-size')).toHaveValue('128M');
  await expect(page.getByTestId('advisor')).toContainText('128 MiB, from the command line');
  await expect(page.locator('.lane-labels li', { hasText: 'crashkernel bases' })).toHaveCount(1);
  await expect(page.getByTestId('advisor-now')).toContainText('corrupts');
  await expect(page.getByTestId('advisor-now')).toContainText('node 0 bootmem bitmap');
  await snap(page, info, '20-advisor-open');

  await showRange(page, '0x0-0x2000000');
  const tip = await hoverLane(page, 'crashkernel bases', 0.5);
  await expect(tip).toContainText('crashkernel=128M@0x1000000: corrupts');
  await expect(tip.getByTestId('advice-reason')).toContainText(
    'node 0 bootmem bitmap [mem 0xf9b000-0x111afff] lies there',
  );
  await expect(tip.getByTestId('advice-bases')).toContainText('0x100000');
  await expect(tip.getByTestId('advice-bases')).toContainText('0x111a000');
  await expect(tip).toContainText('[mem 0x0000000001000000-0x0000000008ffffff]');
  // Bases from 1 MiB to just past the bitmap corrupt: most of this 32 MiB window is vermilion.
  expect(await laneShare(page, 'crashkernel bases', VERMILION)).toBeGreaterThan(0.4);
  await snap(page, info, '21-advisor-hover-16m');
  const suggestions = page.getByTestId('suggestion');
  await expect(suggestions.first()).toContainText(/^crashkernel=128M@\d+M/);
});

test('every suggestion shown gives a clean run when tried', async ({ page }, info) => {
  await openAdvisor(page);
  await expect(page.getByTestId('advisor-now')).toContainText('corrupts');
  const options = await page.getByTestId('suggestion').locator('code').allTextContents();
  expect(options.length).toBeGreaterThan(0);
  for (const option of options) {
    await page.getByRole('button', { name: `Try ${option}: put it on the command line` }).click();
    await expect(page.getByTestId('scenario')).toContainText(option);
    await expect(page.getByTestId('scenario-select')).toHaveValue('seed-2.6.23 (edited)');
    await expect(page.getByTestId('advisor-now')).toContainText('safe');
    await expect(page.getByTestId('advisor-now')).toContainText('crashkernel reserved');
    await expect(page.getByTestId('summary')).not.toContainText('corrupts');
    await expect(page.getByTestId('suggestion').filter({ hasText: option })).toContainText(
      'in use',
    );
    await snap(page, info, `22-advisor-tried-${option.replace(/[^\w]+/g, '_')}`);
    // The run is clean: no findings in the generations table's row for this model ...
    await page.getByRole('tab', { name: 'Across generations' }).click();
    await expect(currentRow(page).locator('td').nth(2)).toHaveText('none');
    // ... and none in the inspector at the last step.
    await page.keyboard.press('k');
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('End');
    await expect(page.getByTestId('inspector')).toBeVisible();
    await expect(page.getByTestId('findings')).toHaveCount(0);
    await page.keyboard.press('k');
  }
});

test('under every generation, every suggestion gives a clean run', async ({ page }) => {
  test.setTimeout(90_000);
  await openAdvisor(page);
  for (const m of MODELS) {
    await page.getByTestId('model-select').selectOption(m.id);
    await expect(page.getByTestId('advisor')).toContainText(`under ${m.id}?`);
    const options = await page.getByTestId('suggestion').locator('code').allTextContents();
    expect(options.length, m.id).toBeGreaterThan(0);
    for (const option of options) {
      await page.getByRole('button', { name: `Try ${option}: put it on the command line` }).click();
      await expect(page.getByTestId('scenario')).toContainText(option);
      await expect(page.getByTestId('advisor-now'), `${m.id} ${option}`).toContainText('— safe');
      await page.getByRole('tab', { name: 'Across generations' }).click();
      await expect(currentRow(page).locator('td').nth(2), `${m.id} ${option}`).toHaveText('none');
      await expect(currentRow(page).locator('td').nth(3)).toHaveText('no');
      await page.getByRole('tab', { name: 'Where it can go' }).click();
    }
  }
});

test('sizes are typed as the kernel reads them, with errors beside the field', async ({
  page,
}, info) => {
  await openAdvisor(page);
  const size = page.getByTestId('advisor-size');
  await size.fill('12Q');
  await expect(page.getByTestId('advisor-size-error')).toContainText('unknown suffix "Q"');
  await expect(size).toHaveAttribute('aria-invalid', 'true');
  // The lane keeps the last valid size while the field is wrong.
  await expect(page.locator('.lane-labels li', { hasText: 'crashkernel bases' })).toHaveCount(1);
  await expect(page.getByTestId('advisor')).toContainText('Where can a 128 MiB crash kernel go');
  await snap(page, info, '23-advisor-size-error');
  await size.fill('0');
  await expect(page.getByTestId('advisor-size-error')).toContainText('size 0');
  await size.fill('0x4000000');
  await size.press('Enter');
  await expect(size).toHaveAttribute('aria-invalid', 'false');
  await expect(page.getByTestId('advisor')).toContainText('Where can a 64 MiB crash kernel go');
  await expect(page.getByTestId('suggestion').first()).toContainText('crashkernel=64M@');
  await page.getByRole('button', { name: /Use the command line’s \(128M\)/ }).click();
  await expect(size).toHaveValue('128M');
  await expect(page.getByTestId('advisor')).toContainText('Where can a 128 MiB crash kernel go');
});

test('the generations table shows every model and switches the model', async ({ page }, info) => {
  await openAdvisor(page);
  await page.getByRole('tab', { name: 'Across generations' }).click();
  const table = page.getByTestId('generations');
  await expect(table.locator('tbody tr')).toHaveCount(MODELS.length);
  await expect(currentRow(page)).toHaveAttribute('data-model', 'bootmem-2.6.23');
  await expect(currentRow(page)).toContainText('reserved [mem 0x01000000-0x08ffffff]');
  await expect(currentRow(page)).toContainText('[mem 0x00f9b000-0x0111afff]');
  await expect(table.locator('tr[data-model="memblock-6.1"]')).toContainText('none');
  await snap(page, info, '24-advisor-generations');
  await table.locator('tr[data-model="early-res-2.6.33"]').click();
  await expect(page.getByTestId('model-select')).toHaveValue('early-res-2.6.33');
  await expect(currentRow(page)).toHaveAttribute('data-model', 'early-res-2.6.33');
  // Keyboard: the model cell is a button.
  await table.getByRole('button', { name: /^memblock-6\.1: show this model/ }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('model-select')).toHaveValue('memblock-6.1');
  await expect(currentRow(page)).toHaveAttribute('data-model', 'memblock-6.1');
  await page.getByRole('tab', { name: 'Where it can go' }).click();
  await expect(page.getByTestId('advisor')).toContainText('under memblock-6.1');
  await snap(page, info, '25-advisor-memblock');
});

test('a suggestion is copied to the clipboard', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openAdvisor(page);
  const first = page.getByTestId('suggestion').first();
  const option = (await first.locator('code').textContent()) ?? '';
  await first.getByRole('button', { name: `Copy ${option}` }).click();
  await expect(page.getByTestId('advisor-copy-status')).toHaveText(`Copied ${option}`);
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(option);
});
