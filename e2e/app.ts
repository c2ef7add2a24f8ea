/**
 * What a person does with bootmap, as test steps: open it, step through the boot, type a
 * range, hover a lane, look at the picture. Screenshots of each step are attached to the test
 * and kept under test-results/screens/ for review.
 */
import type { Locator, Page, TestInfo } from '@playwright/test';
import { decodeLink, type LinkState } from '../src-core';
import { expect } from './fixtures';

/** Open the app (optionally with a link fragment) and wait for the bar's first picture. */
export async function openApp(page: Page, hash = ''): Promise<void> {
  await page.goto(`/${hash}`);
  await expect(page.getByTestId('bar')).toBeVisible();
  await page.waitForFunction(() => performance.getEntriesByName('bootmap:first-bar').length > 0);
}

/**
 * Click a header action (by test id), as a person would: on a narrow window the actions are
 * folded into the header's menu, which is opened first.
 */
export async function headerAction(page: Page, testId: string): Promise<void> {
  const target = page.getByTestId(testId);
  const menu = page.getByTestId('header-menu');
  if (!(await target.isVisible()) && (await menu.isVisible())) await menu.click();
  await target.click();
}

/** What the link in the address bar holds, decoded by the engine (null when it is no link). */
export async function linkState(page: Page): Promise<LinkState | null> {
  const r = decodeLink(new URL(page.url()).hash);
  return r.ok ? r.state : null;
}

/** The inspector's heading: what the current step does. */
export const stepTitle = (page: Page): Locator => page.getByTestId('inspector').locator('h2');

/** Step with the keyboard until the inspector shows an event whose label contains `label`. */
export async function stepUntil(page: Page, label: string | RegExp, max = 80): Promise<void> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press('Home');
  for (let i = 0; i < max; i++) {
    const title = (await stepTitle(page).textContent()) ?? '';
    if (typeof label === 'string' ? title.includes(label) : label.test(title)) return;
    await page.keyboard.press('ArrowRight');
  }
  throw new Error(`no step titled ${String(label)} within ${max} steps`);
}

/** The timeline row of an event, scrolling the timeline with the wheel until it is shown. */
export async function timelineEvent(page: Page, name: RegExp): Promise<Locator> {
  const list = page.getByTestId('timeline');
  const row = list.getByRole('button', { name });
  await list.evaluate((el) => (el.scrollTop = 0));
  for (let i = 0; i < 40 && !(await row.isVisible()); i++) {
    await list.hover();
    await page.mouse.wheel(0, 120);
  }
  await expect(row).toBeVisible();
  return row;
}

/** Type a range into the locus box and press Enter. */
export async function showRange(page: Page, text: string): Promise<void> {
  const box = page.getByTestId('locus');
  await box.fill(text);
  await box.press('Enter');
  await expect(page.getByTestId('locus-error')).toHaveCount(0);
}

/** Vertical centre of a lane (from its label), relative to the bar canvas. */
async function laneY(page: Page, lane: string, row = 0): Promise<number> {
  const label = page.locator('.lane-labels li', { hasText: new RegExp(`^${lane}$`) });
  const lb = await label.boundingBox();
  const cb = await page.getByTestId('bar').boundingBox();
  if (!lb || !cb) throw new Error(`lane ${lane} is not on screen`);
  const rows = Number(await label.getAttribute('data-rows'));
  return lb.y - cb.y + (lb.height / rows) * (row + 0.5);
}

/** A point on a lane at a fraction of the bar's width, relative to the bar. */
async function lanePoint(
  page: Page,
  lane: string,
  at: number,
  row: number,
): Promise<{ x: number; y: number }> {
  const cb = await page.getByTestId('bar').boundingBox();
  if (!cb) throw new Error('the bar is not on screen');
  return { x: cb.width * at, y: await laneY(page, lane, row) };
}

/** Hover a lane at a fraction of the bar's width and return the tooltip. */
export async function hoverLane(page: Page, lane: string, at = 0.5, row = 0): Promise<Locator> {
  await page.getByTestId('bar').hover({ position: await lanePoint(page, lane, at, row) });
  const tip = page.getByTestId('tooltip');
  await expect(tip).toBeVisible();
  return tip;
}

/** Click a lane at a fraction of the bar's width (selects what is there). */
export async function clickLane(page: Page, lane: string, at = 0.5, row = 0): Promise<void> {
  await page.getByTestId('bar').click({ position: await lanePoint(page, lane, at, row) });
}

type Band = [number, number];

/** Share of pixels across a lane's middle row whose colour lies in the given channel bands. */
export async function laneShare(
  page: Page,
  lane: string,
  rgb: [Band, Band, Band],
  row = 0,
): Promise<number> {
  const y = Math.round(await laneY(page, lane, row));
  return page.getByTestId('bar').evaluate(
    (el, { y, rgb }) => {
      const c = el as HTMLCanvasElement;
      const ctx = c.getContext('2d');
      if (!ctx) return 0;
      const dpr = window.devicePixelRatio || 1;
      const data = ctx.getImageData(0, Math.round(y * dpr), c.width, 1).data;
      const inBand = (v: number | undefined, [lo, hi]: [number, number]) =>
        v !== undefined && v >= lo && v <= hi;
      let hits = 0;
      for (let i = 0; i < data.length; i += 4)
        if (inBand(data[i], rgb[0]) && inBand(data[i + 1], rgb[1]) && inBand(data[i + 2], rgb[2]))
          hits++;
      return hits / c.width;
    },
    { y, rgb },
  );
}

/** Red-dominant pixels: conflicts. */
export const RED: [Band, Band, Band] = [
  [170, 255],
  [0, 150],
  [0, 150],
];

/** Attach a screenshot of the page to the test and keep a copy under test-results/screens/. */
export async function snap(page: Page, info: TestInfo, name: string): Promise<void> {
  // Let a pending frame land so the picture is the settled one.
  await page.evaluate(
    () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))),
  );
  const body = await page.screenshot({ path: `test-results/screens/${name}.png` });
  await info.attach(name, { body, contentType: 'image/png' });
}

/**
 * Wait until the page is idle: nothing drawn on the bar and the link unchanged for half a
 * second (the link is written 400 ms after the last change).
 */
export async function settle(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        let lastDraw = -1;
        let lastHash = location.hash;
        let since = performance.now();
        const tick = () => {
          const draws = performance.getEntriesByName('bootmap:bar-draw');
          const t = draws.length ? (draws[draws.length - 1] as PerformanceEntry).startTime : 0;
          if (t !== lastDraw || location.hash !== lastHash) {
            lastDraw = t;
            lastHash = location.hash;
            since = performance.now();
          }
          if (performance.now() - since > 600) resolve();
          else requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      }),
  );
}

/**
 * Share of pixels that differ between two screenshots of the same size (1 when the sizes
 * differ), compared in the browser so the tests need no image library. A pixel differs when
 * its channels differ by more than `tolerance` in sum (anti-aliasing stays below it).
 */
export async function pixelDiff(page: Page, a: Buffer, b: Buffer, tolerance = 48): Promise<number> {
  return page.evaluate(
    async ({ a, b, tolerance }) => {
      const pixels = async (png: string) => {
        const img = new Image();
        img.src = `data:image/png;base64,${png}`;
        await img.decode();
        const canvas = new OffscreenCanvas(img.width, img.height);
        const ctx = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D;
        ctx.drawImage(img, 0, 0);
        return ctx.getImageData(0, 0, img.width, img.height);
      };
      const [x, y] = await Promise.all([pixels(a), pixels(b)]);
      if (x.width !== y.width || x.height !== y.height) return 1;
      let differ = 0;
      for (let i = 0; i < x.data.length; i += 4) {
        const d =
          Math.abs((x.data[i] as number) - (y.data[i] as number)) +
          Math.abs((x.data[i + 1] as number) - (y.data[i + 1] as number)) +
          Math.abs((x.data[i + 2] as number) - (y.data[i + 2] as number));
        if (d > tolerance) differ++;
      }
      return differ / (x.width * x.height);
    },
    { a: a.toString('base64'), b: b.toString('base64'), tolerance },
  );
}

/** Open the editor panel (if closed) on a tab. */
export async function editorTab(page: Page, tab: string): Promise<void> {
  const toggle = page.getByTestId('edit-toggle');
  if ((await toggle.getAttribute('aria-pressed')) !== 'true') await toggle.click();
  await page.getByRole('tab', { name: new RegExp(`^${tab}`) }).click();
}

/** Fill the e820 rows of the editor (adding rows as needed): [start, end, type] each. */
export async function fillE820(page: Page, rows: [string, string, string][]): Promise<void> {
  for (const [i, [start, end, type]] of rows.entries()) {
    if ((await page.getByTestId('e820-row').count()) <= i)
      await page.getByRole('button', { name: 'Add row' }).click();
    await page.getByLabel(`e820 row ${i + 1} start`, { exact: true }).fill(start);
    await page.getByLabel(`e820 row ${i + 1} end`, { exact: true }).fill(end);
    await page.getByLabel(`e820 row ${i + 1} type`, { exact: true }).selectOption(type);
  }
}
