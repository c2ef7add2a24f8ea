/** Zooming and panning the bar: locus box, keyboard, wheel, drag, overview, exactness. */
import { parseLocus } from '../web/viewport/locus';
import { clickLane, hoverLane, openApp, showRange, snap } from './app';
import { expect, test } from './fixtures';
import type { Page } from '@playwright/test';

/** The visible range as [start, end) from the locus box. */
async function range(page: Page): Promise<{ start: number; end: number }> {
  const r = parseLocus(await page.getByTestId('locus').inputValue());
  if (!r.ok || r.kind !== 'range') throw new Error(`locus box shows no range`);
  return { start: r.start, end: r.end };
}

const span = (r: { start: number; end: number }) => r.end - r.start;

test('zooming into 16-18 MiB shows single pages and the bits the bitmap sets', async ({
  page,
}, info) => {
  await openApp(page, '#step=31');
  await showRange(page, '16M-18M');
  await expect(page.getByTestId('locus')).toHaveValue('[mem 0x1000000-0x11fffff]');
  await expect(page.getByTestId('scale')).toHaveText(/page zoom: one 4 KiB page = 2\.\d px/);
  const tip = await hoverLane(page, 'bootmem bits', 0.25);
  await expect(tip).toContainText(/pfn 0x10[0-9a-f]{2}: node 0 bitmap bit set/);
  await expect(tip).toContainText(
    /\[mem 0x00000000010[0-9a-f]{2}000-0x00000000010[0-9a-f]{2}fff\]/,
  );
  await expect(tip).toContainText('4 KiB');
  await snap(page, info, '06-page-zoom-16-18M');
  await page.getByTestId('bar').click({ position: { x: 1, y: 1 } });
  for (let i = 0; i < 4; i++) await page.keyboard.press('w');
  await expect(page.getByTestId('scale')).toHaveText(
    /page zoom: one 4 KiB page = (1[1-9]|[2-9]\d) px/,
  );
  // Moving right pixel by pixel, the page frame under the pointer goes up one at a time.
  const bar = page.getByTestId('bar');
  const y = (await page.locator('.lane-labels li', { hasText: 'bootmem bits' }).boundingBox())!.y;
  const top = (await bar.boundingBox())!;
  const x0 = top.width / 2;
  const pfnAt = async (x: number) => {
    await bar.hover({ position: { x, y: y - top.y + 9 } });
    const text = await page.getByTestId('tooltip').textContent();
    return parseInt(text!.match(/pfn 0x([0-9a-f]+)/)![1]!, 16);
  };
  const first = await pfnAt(x0);
  const seen = [first];
  for (let dx = 1; dx <= 40; dx++) {
    const p = await pfnAt(x0 + dx);
    if (p !== seen[seen.length - 1]) seen.push(p);
  }
  expect(seen.length).toBeGreaterThanOrEqual(3);
  expect(seen).toEqual(seen.map((_, i) => first + i));
  await snap(page, info, '07-single-pages');
});

test('keyboard: W/S and +/- zoom, A/D pan, 0 resets, F frames the selection', async ({
  page,
}, info) => {
  await openApp(page);
  // The page opens on the story; 0 shows the whole machine.
  await page.keyboard.press('0');
  const home = await range(page);
  await page.keyboard.press('w');
  const zoomed = await range(page);
  expect(span(zoomed)).toBeLessThan(span(home));
  await page.keyboard.press('+');
  expect(span(await range(page))).toBeLessThan(span(zoomed));
  await page.keyboard.press('-');
  expect(await range(page)).toEqual(zoomed);
  await page.keyboard.press('d');
  const right = await range(page);
  expect(right.start).toBeGreaterThan(zoomed.start);
  await page.keyboard.press('a');
  expect(await range(page)).toEqual(zoomed);
  await page.keyboard.press('s');
  await page.keyboard.press('0');
  expect(await range(page)).toEqual(home);

  await page.keyboard.press('Home');
  await showRange(page, '0x0-0x111afff');
  await clickLane(page, 'Reserved', 0.5);
  await expect(page.getByTestId('selected')).toContainText('kernel image');
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press('f');
  const framed = await range(page);
  expect(framed.start).toBeLessThan(0x200000);
  expect(framed.end).toBeGreaterThan(0xf9a6c8);
  expect(span(framed)).toBeLessThan(0xf9a6c8 - 0x200000 + 0x200000);
  await snap(page, info, '08-keyboard-frame-selection');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('selected')).toHaveCount(0);

  await page.keyboard.press('.');
  await expect(page.getByTestId('step-counter')).toHaveText('Step 1 / 38');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press(',');
  await expect(page.getByTestId('step-counter')).toHaveText('Step 1 / 38');
  await page.keyboard.press('End');
  await expect(page.getByTestId('step-counter')).toHaveText('Step 38 / 38');
  await page.keyboard.press('Home');
  await page.keyboard.press('Space');
  await expect(page.getByTestId('play')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('step-counter')).not.toHaveText('Step 0 / 38');
  await page.keyboard.press('Space');
  await expect(page.getByTestId('play')).toHaveAttribute('aria-pressed', 'false');
});

test('wheel zooms at the pointer, drag pans, double-click zooms in', async ({ page }) => {
  await openApp(page);
  await showRange(page, '0x0-0x1ffffff');
  const bar = page.getByTestId('bar');
  const tip = page.getByTestId('tooltip');
  const box = (await bar.boundingBox())!;
  const before = await range(page);
  await page.mouse.move(box.x + box.width / 2, box.y + 60);
  await page.mouse.wheel(0, -400);
  await expect.poll(async () => span(await range(page))).toBeLessThan(span(before));
  const zoomed = await range(page);
  await page.mouse.move(box.x + box.width / 2, box.y + 60);
  await expect(tip).toBeVisible();
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 - 200, box.y + 60, { steps: 5 });
  // No card while the view is being dragged; it comes back with the next move after.
  await expect(tip).toHaveCount(0);
  await page.mouse.up();
  await page.mouse.move(box.x + box.width / 2 - 199, box.y + 60);
  await expect(tip).toBeVisible();
  const panned = await range(page);
  expect(panned.start).toBeGreaterThan(zoomed.start);
  // The same width: the window's edges are rounded outwards to whole bytes, so ±1.
  expect(Math.abs(span(panned) - span(zoomed))).toBeLessThanOrEqual(1);
  await bar.dblclick({ position: { x: box.width / 2, y: 60 } });
  expect(span(await range(page))).toBeLessThan(span(panned));
});

test('a malformed range gets a message saying what and where, and nothing is lost', async ({
  page,
}, info) => {
  await openApp(page);
  await showRange(page, '0x1000000-0x111afff');
  const box = page.getByTestId('locus');
  await box.fill('0x2000-0x1000');
  await box.press('Enter');
  await expect(page.getByTestId('locus-error')).toHaveText(
    'the end 0x1000 must be above the start 0x2000 (character 8)',
  );
  await expect(box).toHaveValue('0x2000-0x1000');
  await expect(box).toHaveAttribute('aria-invalid', 'true');
  await snap(page, info, '09-locus-error');
  await box.fill('16Q+1M');
  await box.press('Enter');
  await expect(page.getByTestId('locus-error')).toContainText('unexpected "Q" after the start');
  await box.press('Escape');
  await expect(box).toHaveValue('[mem 0x1000000-0x111afff]');
  await showRange(page, '[mem 0x0000000001000000-0x000000000111afff]');
  await expect(box).toHaveValue('[mem 0x1000000-0x111afff]');
  await showRange(page, '16M+128M');
  await expect(box).toHaveValue('[mem 0x1000000-0x8ffffff]');
});

test('exact at the top of the 2^52 address space: a page is a page, panning does not drift', async ({
  page,
}) => {
  await openApp(page);
  await showRange(page, '0xffffffffff000-0xfffffffffffff');
  await expect(page.getByTestId('locus')).toHaveValue('[mem 0xffffffffff000-0xfffffffffffff]');
  const tip = await hoverLane(page, 'e820 map', 0.5);
  await expect(tip).toContainText('pfn 0xffffffffff');
  await expect(tip).toContainText('[mem 0x000ffffffffff000-0x000fffffffffffff]');
  await page.getByTestId('bar').click({ position: { x: 1, y: 1 } });
  for (let i = 0; i < 5; i++) await page.keyboard.press('a');
  for (let i = 0; i < 5; i++) await page.keyboard.press('d');
  await expect(page.getByTestId('locus')).toHaveValue('[mem 0xffffffffff000-0xfffffffffffff]');
});

test('the scale is linear by default; collapsing is asked for, and shows what it hides', async ({
  page,
}, info) => {
  await openApp(page);
  await page.keyboard.press('0');
  // Linear: the whole 96 GiB machine, nothing hidden, 4 GiB and node 1 marked on the axis.
  await expect(page.getByTestId('locus')).toHaveValue('[mem 0x0-0x17ffffffff]');
  const axis = page.getByTestId('bar');
  await expect(axis).toHaveAttribute('data-axis', /0x100000000 4 GiB/);
  await expect(axis).toHaveAttribute('data-axis', /0xc00000000 node 1/);
  await expect(axis).not.toHaveAttribute('data-axis', /hidden/);
  await snap(page, info, '11-not-collapsed');
  await page.getByLabel('Collapse empty ranges').check();
  // Collapsed: the Range box still names the machine, not the empty 2^52 above it, and each
  // collapsed stretch says on the axis how much it hides.
  await expect(page.getByTestId('locus')).toHaveValue('[mem 0x0-0x17ffffffff]');
  await expect(axis).toHaveAttribute('data-axis', /[MG]iB hidden @/);
  // Landmarks are never swallowed by a gap: 4 GiB sits on a gap's edge and keeps its tick.
  await expect(axis).toHaveAttribute('data-axis', /0x100000000 4 GiB/);
  const bar = page.getByTestId('bar');
  const w = (await bar.boundingBox())!.width;
  let gapAt = -1;
  for (let x = Math.round(w * 0.5); x < w && gapAt < 0; x += 4) {
    await bar.hover({ position: { x, y: 60 } });
    const text = await page.getByTestId('tooltip').textContent();
    if (text?.includes('Collapsed: nothing happens here')) gapAt = x;
  }
  expect(gapAt).toBeGreaterThan(0);
  await expect(page.getByTestId('tooltip')).toContainText('Click to expand');
  await snap(page, info, '10-collapsed-gaps');
  await bar.click({ position: { x: gapAt, y: 60 } });
  await bar.hover({ position: { x: gapAt, y: 60 } });
  await expect(page.getByTestId('tooltip')).not.toContainText('Collapsed');
  await page.getByLabel('Collapse empty ranges').uncheck();
  await page.keyboard.press('0');
  await expect(page.getByTestId('locus')).toHaveValue('[mem 0x0-0x17ffffffff]');
});

test('a range typed half-open on page boundaries is read half-open, and shown inclusive', async ({
  page,
}) => {
  await openApp(page);
  await showRange(page, '0x1000000-0x111b000');
  await expect(page.getByTestId('locus')).toHaveValue('[mem 0x1000000-0x111afff]');
  await showRange(page, '[mem 0x1000000-0x111afff]');
  await expect(page.getByTestId('locus')).toHaveValue('[mem 0x1000000-0x111afff]');
});

test('the overview brush chooses the range shown', async ({ page }) => {
  await openApp(page);
  const ov = page.getByTestId('overview');
  const b = (await ov.boundingBox())!;
  const drag = async (from: number, to: number) => {
    await page.mouse.move(b.x + b.width * from, b.y + b.height / 2);
    await page.mouse.down();
    await page.mouse.move(b.x + b.width * to, b.y + b.height / 2, { steps: 5 });
    await page.mouse.up();
  };
  await drag(0.02, 0.3);
  const r = await range(page);
  expect(r.start).toBeGreaterThan(0);
  expect(span(r)).toBeLessThan(2 ** 52 / 2);
  // Dragging outside the selection draws a new one further right.
  await drag(0.5, 0.7);
  const moved = await range(page);
  expect(moved.start).toBeGreaterThan(r.end);
  // A click centres the view there, keeping the zoom.
  await page.mouse.click(b.x + b.width * 0.1, b.y + b.height / 2);
  const centred = await range(page);
  expect(centred.start).toBeLessThan(moved.start);
  expect(span(centred)).toBe(span(moved));
});
