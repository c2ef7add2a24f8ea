/** The timeline: jump to an event, phases fold, hover links events and regions both ways. */
import { hoverLane, linkState, openApp, showRange, snap, stepTitle, timelineEvent } from './app';
import { parseLocus } from '../web/viewport/locus';
import { expect, test } from './fixtures';

test('clicking an event jumps to it and frames its range on the bar', async ({ page }, info) => {
  await openApp(page);
  await (
    await timelineEvent(page, /early_node_mem\s+node 0 bootmem bitmap placed at 0xf9b000/)
  ).click();
  await expect(stepTitle(page)).toHaveText('node 0 bootmem bitmap placed at 0xf9b000');
  await expect(page.getByTestId('step-counter')).toHaveText('Step 10 / 38');
  const locus = parseLocus(await page.getByTestId('locus').inputValue());
  if (!locus.ok || locus.kind !== 'range') throw new Error('the Range box holds no range');
  const [a, b] = [locus.start, locus.end - 1];
  expect(a).toBeLessThan(0xf9b000);
  expect(a).toBeGreaterThan(0xf9b000 - 0x40000);
  expect(b).toBeGreaterThan(0x111afff);
  expect(b).toBeLessThan(0x111afff + 0x40000);
  await expect(page.locator('.event-row.current')).toHaveAttribute('data-step', '10');
  await snap(page, info, '13-click-event');
});

test('a reader who scrolled the list away from the step is not pulled back by a resize', async ({
  page,
}) => {
  await openApp(page);
  const list = page.getByTestId('timeline');
  // Step 0 current; then scroll to the end of the list, away from it.
  await page.keyboard.press('Home');
  await expect(page.getByTestId('step-counter')).toHaveText('Step 0 / 38');
  await list.hover();
  for (let i = 0; i < 20; i++) await page.mouse.wheel(0, 400);
  await expect(list.getByRole('button', { name: /kexec_load/ }).first()).toBeVisible();
  const scrolled = await list.evaluate((el) => el.scrollTop);
  expect(scrolled).toBeGreaterThan(0);
  // The list grows and shrinks (the window is resized): the reader's place is kept.
  await page.setViewportSize({ width: 1440, height: 1000 });
  await page.setViewportSize({ width: 1440, height: 820 });
  await page.waitForTimeout(300);
  await expect(list.getByRole('button', { name: /kexec_load/ }).first()).toBeVisible();
  expect(await list.evaluate((el) => el.scrollTop)).toBeGreaterThan(0);
  // Stepping still brings the current step into view.
  await page.keyboard.press('ArrowRight');
  await expect(page.locator('.event-row.current')).toBeInViewport();
});

test('phase groups fold and unfold; the current step stays marked', async ({ page }) => {
  await openApp(page, '#step=12');
  const numa = page.getByRole('button', { name: /NUMA and allocator setup/ });
  await expect(numa).toHaveAttribute('aria-expanded', 'true');
  await numa.click();
  await expect(numa).toHaveAttribute('aria-expanded', 'false');
  await expect(page.locator('.event-row[data-step="12"]')).toHaveCount(0);
  await expect(page.locator('.phase-row.current')).toContainText('NUMA and allocator setup');
  await numa.click();
  await expect(page.locator('.event-row.current')).toHaveAttribute('data-step', '12');
});

test('hovering a region marks its events; hovering an event names its regions', async ({
  page,
}, info) => {
  await openApp(page, '#step=31');
  await showRange(page, '0x0-0x111afff');
  const tip = await hoverLane(page, 'Reserved', 0.5);
  await expect(tip).toContainText('kernel image');
  await expect(page.locator('.event-row.linked')).toContainText([
    'kernel image (_text.._end) reserved',
  ]);
  await snap(page, info, '14-hover-region-links-events');
  await page.getByRole('button', { name: /crashkernel 128 MiB@16 MiB reserved/ }).hover();
  await expect(page.getByTestId('bar-status')).toContainText('crashkernel window (reserved)');
  await expect(page.getByTestId('bar-status')).toContainText('double-reservation');
  await snap(page, info, '15-hover-event-highlights-regions');
});

test('a link carries the step and the range; plain links of earlier versions still open', async ({
  page,
}) => {
  await openApp(page, '#step=34&locus=0x1000000-0x111afff');
  await expect(stepTitle(page)).toHaveText('node 0: bitmap pages freed');
  await expect(page.getByTestId('locus')).toHaveValue('[mem 0x1000000-0x111afff]');
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => linkState(page).then((s) => s?.step)).toBe(35);
  const w = (await linkState(page))?.window;
  expect(Math.abs(w!.start - 0x1000000)).toBeLessThan(0x2000);
  expect(Math.abs(w!.end - 0x111b000)).toBeLessThan(0x2000);
  await openApp(page, '#step=999&zoom=3');
  const banner = page.getByTestId('link-banner');
  await expect(banner).toContainText('step 999 is past the last step; showing step 38');
  await expect(banner).toContainText('"zoom" in the link is not understood');
});
