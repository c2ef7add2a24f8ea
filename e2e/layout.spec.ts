/**
 * The picture at the sizes people use, in both themes: 1440×900, 1024×700 with the editor
 * open, and 800×700; for the seed, the 1 TiB 8-node preset and an imported 1 TiB log. On each:
 * no control covers another, nothing scrolls sideways, the Range box names exactly the window
 * the axis is drawn for, and the whole machine's axis marks 4 GiB. Screenshots of every one are
 * kept under test-results/screens/ for review.
 */
import type { Page, TestInfo } from '@playwright/test';
import { openApp, settle, snap } from './app';
import { expect, test } from './fixtures';
import { chooseFile, corpusLog, CORPUS_SKIP, HAVE_CORPUS, showLog } from './import-app';

const SIZES = [
  { name: '1440x900', width: 1440, height: 900, editor: false },
  { name: '1024x700-editor', width: 1024, height: 700, editor: true },
  { name: '800x700', width: 800, height: 700, editor: false },
] as const;

const SCENARIOS = [
  { name: 'seed', corpus: false, open: (page: Page) => openApp(page) },
  {
    name: 'server-1t-8node',
    corpus: false,
    open: (page: Page) => openApp(page, '#scenario=server-1t-8node'),
  },
  {
    name: 'import-1t',
    corpus: true,
    open: async (page: Page) => {
      await openApp(page);
      const log = corpusLog('13-');
      await chooseFile(page, log.name, Buffer.from(log.text));
      await showLog(page);
    },
  },
] as const;

/** Visible controls that cover one another, or are covered by something else. */
async function overlaps(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const SELECTOR = [
      '.header-row button',
      '.header-row select',
      '.header-row summary',
      '.story button',
      '.toolbar button',
      '.toolbar input',
      '.toolbar label',
      '.transport button',
      '.transport select',
      '[data-testid=step-counter]',
      '[data-testid=scrubber]',
      '.insp-head',
      '.lane-labels li',
      '[data-testid=bar]',
      '.legend li',
      '.editor-head button',
      '.editor-panel [role=tab]',
    ].join(',');
    const name = (e: Element) =>
      `${e.tagName.toLowerCase()}${e.getAttribute('data-testid') ? `[${e.getAttribute('data-testid')}]` : ''} "${(e.textContent ?? '').trim().slice(0, 24)}"`;
    // Shown now: closed menus' items are laid out but not rendered.
    const els = [...document.querySelectorAll(SELECTOR)].filter((e) => {
      const r = e.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && e.checkVisibility({ visibilityProperty: true });
    });
    const out: string[] = [];
    for (const e of els) {
      const r = e.getBoundingClientRect();
      const x = r.left + r.width / 2;
      const y = r.top + r.height / 2;
      if (y < 0 || y > innerHeight || x < 0 || x > innerWidth) continue;
      const hit = document.elementFromPoint(x, y);
      if (hit && !e.contains(hit) && !hit.contains(e)) out.push(`${name(e)} is under ${name(hit)}`);
    }
    for (let i = 0; i < els.length; i++)
      for (let j = i + 1; j < els.length; j++) {
        const a = els[i] as Element;
        const b = els[j] as Element;
        if (a.contains(b) || b.contains(a)) continue;
        const p = a.getBoundingClientRect();
        const q = b.getBoundingClientRect();
        const w = Math.min(p.right, q.right) - Math.max(p.left, q.left);
        const h = Math.min(p.bottom, q.bottom) - Math.max(p.top, q.top);
        if (w > 1 && h > 1)
          out.push(`${name(a)} overlaps ${name(b)} by ${w.toFixed(0)}×${h.toFixed(0)}`);
      }
    return out;
  });
}

/** Nothing is wider than the window. */
async function sideways(page: Page): Promise<number> {
  return page.evaluate(() =>
    Math.max(
      document.documentElement.scrollWidth - document.documentElement.clientWidth,
      ...[...document.querySelectorAll('.app, .header, .bar-panel, .lower')].map(
        (e) => e.scrollWidth - e.clientWidth,
      ),
    ),
  );
}

interface AxisLabel {
  addr: number;
  text: string;
  px: number;
}

/** The axis labels the bar drew, from its data-axis (text and the pixel each marks). */
async function axisLabels(page: Page): Promise<AxisLabel[]> {
  const axis = (await page.getByTestId('bar').getAttribute('data-axis')) ?? '';
  return axis
    .replace(/^Axis: /, '')
    .split('; ')
    .flatMap((t) => {
      const m = /^(0x[0-9a-f]+) (.*) @(-?[\d.]+)$/.exec(t);
      return m
        ? [{ addr: parseInt(m[1] as string, 16), text: m[2] as string, px: Number(m[3]) }]
        : [];
    });
}

/** The Range box's window, half-open, read from its `[mem START-LAST]`. */
async function rangeBox(page: Page): Promise<{ start: number; end: number }> {
  const text = await page.getByTestId('locus').inputValue();
  const m = /^\[mem (0x[0-9a-f]+)-(0x[0-9a-f]+)\]$/.exec(text);
  expect(m, `Range box "${text}" is in the kernel's inclusive [mem …] form`).not.toBeNull();
  return { start: parseInt(m![1] as string, 16), end: parseInt(m![2] as string, 16) + 1 };
}

/**
 * Every hex label on the axis sits where the Range box says its address is: the box and the
 * picture describe the same window (the scale is linear: nothing is collapsed by default).
 */
async function expectRangeIsWindow(page: Page): Promise<void> {
  const { start, end } = await rangeBox(page);
  const width = (await page.getByTestId('bar').boundingBox())!.width;
  const labels = await axisLabels(page);
  expect(labels.length).toBeGreaterThanOrEqual(2);
  const bpp = (end - start) / width;
  for (const l of labels) {
    expect(l.addr).toBeGreaterThanOrEqual(start);
    expect(l.addr).toBeLessThanOrEqual(end);
    expect(Math.abs((l.addr - start) / bpp - l.px), `${l.text} at ${l.px} px`).toBeLessThan(1.5);
  }
}

async function checkScreen(page: Page, info: TestInfo, shot: string): Promise<void> {
  await settle(page);
  await snap(page, info, shot);
  expect(await sideways(page), 'pixels of sideways scroll').toBeLessThanOrEqual(0);
  expect(await overlaps(page)).toEqual([]);
  await expectRangeIsWindow(page);
}

for (const scheme of ['light', 'dark'] as const)
  for (const size of SIZES)
    for (const sc of SCENARIOS)
      test(`${sc.name} at ${size.name}, ${scheme}: nothing overlaps, no sideways scroll, the Range box is the window, 4 GiB is marked`, async ({
        page,
      }, info) => {
        if (sc.corpus) test.skip(!HAVE_CORPUS, CORPUS_SKIP);
        await page.setViewportSize({ width: size.width, height: size.height });
        await page.emulateMedia({ colorScheme: scheme });
        await sc.open(page);
        if (size.editor) {
          await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
          await page.keyboard.press('e');
          await expect(page.getByTestId('editor')).toBeVisible();
        }
        // The theme reaches the canvas too: its empty axis corner is light or dark.
        const corner = await page.getByTestId('bar').evaluate((c) => {
          const d = (c as HTMLCanvasElement).getContext('2d')!.getImageData(1, 1, 1, 1).data;
          return ((d[0] as number) + (d[1] as number) + (d[2] as number)) / 3;
        });
        if (scheme === 'dark') expect(corner).toBeLessThan(80);
        else expect(corner).toBeGreaterThan(200);
        // The header's actions fold into its menu only where the row has no room for them.
        if (size.width === 800) await expect(page.getByTestId('header-menu')).toBeVisible();
        if (size.width === 1440) await expect(page.getByTestId('header-menu')).toHaveCount(0);
        const tag = `layout-${sc.name}-${size.name}-${scheme}`;
        await checkScreen(page, info, `${tag}-opened`);
        // The whole machine: ticks at 4 GiB whatever the width.
        await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
        await page.keyboard.press('0');
        await checkScreen(page, info, `${tag}-whole`);
        const labels = await axisLabels(page);
        expect(labels.find((l) => l.addr === 2 ** 32)?.text).toMatch(/^4 GiB/);
      });
