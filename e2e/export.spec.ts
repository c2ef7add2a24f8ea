/**
 * Exports, checked as files: the PNG has twice the bar's pixels and a real picture in them, the
 * SVG parses and carries the lanes, the axis and the legend, the JSON is byte for byte what the
 * CLI's `simulate --json` prints for the same scenario and model, and the text has one line per
 * step. Exported pictures are kept under test-results/screens/ for review.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import type { Download, Page } from '@playwright/test';
import { run } from '../cli/commands';
import { openApp, showRange, snap, stepUntil } from './app';
import { expect, test } from './fixtures';

const read = (path: string) => readFile(path, 'utf8');

/** Keep an exported file beside the screenshots, for review. */
async function keep(name: string, body: Buffer | string): Promise<void> {
  await mkdir('test-results/screens', { recursive: true });
  await writeFile(`test-results/screens/${name}`, body);
}

/** Start an export (a key, or a menu item) and return the file's name and bytes. */
async function exported(
  page: Page,
  how: { key: string } | { item: string },
): Promise<{ name: string; bytes: Buffer }> {
  const download: Promise<Download> = page.waitForEvent('download');
  if ('key' in how) {
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press(how.key);
  } else {
    await page.getByTestId('export-menu').locator('summary').click();
    await page.getByTestId(`export-${how.item}`).click();
  }
  const d = await download;
  const path = await d.path();
  return { name: d.suggestedFilename(), bytes: await readFile(path) };
}

test('the bar as PNG: twice the pixels, a real picture', async ({ page }, info) => {
  await openApp(page);
  await stepUntil(page, 'crashkernel 128 MiB@16 MiB reserved');
  await showRange(page, '0xf00000-0x11fffff');
  const bar = await page.getByTestId('bar').boundingBox();
  if (!bar) throw new Error('no bar');
  const { name, bytes } = await exported(page, { key: 'p' });
  expect(name).toBe('bootmap-seed-2.6.23-bootmem-2.6.23-step31.png');
  expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  expect(bytes.subarray(12, 16).toString('latin1')).toBe('IHDR');
  const width = bytes.readUInt32BE(16);
  const height = bytes.readUInt32BE(20);
  expect(width).toBeGreaterThanOrEqual(2 * (bar.width + 100));
  expect(height).toBeGreaterThanOrEqual(2 * bar.height);
  await keep('30-export.png', bytes);
  await info.attach('export.png', { body: bytes, contentType: 'image/png' });
  // Decode it in the page: many colours, and much of it not background.
  const stats = await page.evaluate(async (b64) => {
    const data = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const img = await createImageBitmap(new Blob([data], { type: 'image/png' }));
    const c = document.createElement('canvas');
    c.width = img.width;
    c.height = img.height;
    const ctx = c.getContext('2d');
    if (!ctx) return null;
    ctx.drawImage(img, 0, 0);
    const px = ctx.getImageData(0, 0, c.width, c.height).data;
    const colours = new Set<number>();
    let ink = 0;
    for (let i = 0; i < px.length; i += 4) {
      const [r, g, b] = [px[i] ?? 0, px[i + 1] ?? 0, px[i + 2] ?? 0];
      colours.add((r << 16) | (g << 8) | b);
      if (r < 235 || g < 235 || b < 235) ink++;
    }
    return { w: img.width, h: img.height, colours: colours.size, ink: ink / (px.length / 4) };
  }, bytes.toString('base64'));
  expect(stats).toMatchObject({ w: width, h: height });
  expect(stats?.colours).toBeGreaterThan(50);
  expect(stats?.ink).toBeGreaterThan(0.1);
});

test('the bar as a slide: 16:9, at least 1920 px wide, the same range as the screen', async ({
  page,
}, info) => {
  await openApp(page);
  await showRange(page, '0xf00000-0x11fffff');
  const { name, bytes } = await exported(page, { item: 'slide' });
  expect(name).toBe('bootmap-seed-2.6.23-bootmem-2.6.23-step31-slide.png');
  const width = bytes.readUInt32BE(16);
  const height = bytes.readUInt32BE(20);
  expect(width).toBeGreaterThanOrEqual(1920);
  expect(Math.abs(width * 9 - height * 16)).toBeLessThanOrEqual(32);
  await keep('31-export-slide.png', bytes);
  await info.attach('export-slide.png', { body: bytes, contentType: 'image/png' });
});

test('the bar as SVG: parses, with the lanes, the axis, the legend and the conflict', async ({
  page,
}, info) => {
  await openApp(page);
  await stepUntil(page, 'crashkernel 128 MiB@16 MiB reserved');
  await page.keyboard.press('k');
  await showRange(page, '0xf00000-0x11fffff');
  // The advice is worked out in the advisor's worker: its lane comes when the answer does.
  await expect(page.locator('.lane-labels li', { hasText: 'crashkernel bases' })).toBeVisible();
  const lanes = await page.locator('.lane-labels li').allTextContents();
  const { name, bytes } = await exported(page, { item: 'svg' });
  expect(name).toBe('bootmap-seed-2.6.23-bootmem-2.6.23-step31.svg');
  const svg = bytes.toString('utf8');
  await keep('31-export.svg', svg);
  const parsed = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    const root = doc.documentElement;
    return {
      error: doc.querySelector('parsererror')?.textContent ?? null,
      root: root.nodeName,
      width: Number(root.getAttribute('width')),
      texts: [...doc.querySelectorAll('text')].map((t) => t.textContent ?? ''),
      rects: doc.querySelectorAll('rect').length,
      hatched: doc.querySelectorAll('rect[fill^="url(#hatch"]').length,
      images: doc.querySelectorAll('image').length,
    };
  }, svg);
  expect(parsed.error).toBeNull();
  expect(parsed.root).toBe('svg');
  expect(parsed.images).toBe(0);
  expect(parsed.rects).toBeGreaterThan(50);
  expect(parsed.hatched).toBeGreaterThan(0);
  for (const lane of lanes) expect(parsed.texts).toContain(lane);
  expect(parsed.texts[0]).toMatch(
    /^seed-2\.6\.23 · bootmem-2\.6\.23 · step 31\/38 · \[mem 0x0000000000f00000-0x00000000011fffff\]$/,
  );
  expect(parsed.texts).toContain('0x1000000');
  expect(parsed.texts).toContain('16 MiB · DMA32');
  for (const legend of ['bootmem bitmap', 'conflict', 'crashkernel base: safe', 'base corrupts'])
    expect(parsed.texts).toContain(legend);
  // What a bug report's reader sees: the SVG drawn by the browser, at the page's size.
  await page.setViewportSize({ width: Math.ceil(parsed.width) + 20, height: 720 });
  await page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/svg+xml;base64,${b64}`;
    await img.decode();
    document.body.style.cssText = 'margin:8px;background:#fff;overflow:auto';
    document.body.replaceChildren(img);
  }, bytes.toString('base64'));
  await snap(page, info, '32-export-svg-rendered');
});

test('the event log as JSON is the CLI’s simulate --json document, also after an edit', async ({
  page,
}) => {
  await openApp(page);
  const cli = await run(
    ['simulate', '--preset', 'seed-2.6.23', '--model', 'bootmem-2.6.23', '--json'],
    read,
  );
  const first = await exported(page, { key: 'j' });
  expect(first.name).toBe('bootmap-seed-2.6.23-bootmem-2.6.23.json');
  expect(first.bytes.toString('utf8')).toBe(cli.stdout + '\n');

  await page.keyboard.press('k');
  const option = (await page.getByTestId('suggestion').first().locator('code').textContent()) ?? '';
  await page.getByRole('button', { name: `Try ${option}: put it on the command line` }).click();
  // The edit lands once the editor's logic answers: a dynamic import(), which Chromium resolves
  // a task later even when loaded, so a model switch sent right after the click can come first.
  await expect(page.getByTestId('scenario').locator('.mono')).toContainText(option);
  await page.getByTestId('model-select').selectOption('early-res-2.6.33');
  const cmdline = (await page.getByTestId('scenario').locator('.mono').textContent()) ?? '';
  expect(cmdline).toContain(option);
  const edited = await run(
    [
      'simulate',
      '--preset',
      'seed-2.6.23',
      '--model',
      'early-res-2.6.33',
      '--cmdline',
      cmdline,
      '--json',
    ],
    read,
  );
  const second = await exported(page, { item: 'json' });
  expect(second.name).toBe('bootmap-seed-2.6.23-edited-early-res-2.6.33.json');
  expect(second.bytes.toString('utf8')).toBe(edited.stdout + '\n');
});

test('the event log as text has one line per step, ranges kernel-style', async ({ page }) => {
  await openApp(page);
  const { name, bytes } = await exported(page, { item: 'text' });
  expect(name).toBe('bootmap-seed-2.6.23-bootmem-2.6.23.txt');
  const lines = bytes.toString('utf8').trimEnd().split('\n');
  const doc = JSON.parse(
    (await run(['simulate', '--preset', 'seed-2.6.23', '--json'], read)).stdout,
  ) as { events: { step: number; start: string; end: string }[] };
  const steps = lines.filter((l) => !l.startsWith('#'));
  expect(steps).toHaveLength(doc.events.length);
  steps.forEach((line, i) => {
    expect(line).toMatch(new RegExp(`^\\s*${i} `));
    const e = doc.events[i];
    if (e && BigInt(e.end) > BigInt(e.start))
      expect(line).toMatch(/\[mem 0x[0-9a-f]{16}-0x[0-9a-f]{16}\]$/);
  });
  expect(lines[0]).toBe('# model bootmem-2.6.23 — scenario seed-2.6.23');
  expect(lines).toContain('# findings: ');
});

test('exports are listed with their keys', async ({ page }, info) => {
  await openApp(page);
  await page.getByTestId('export-menu').locator('summary').click();
  for (const [item, key] of [
    ['png', 'P'],
    ['svg', 'V'],
    ['json', 'J'],
    ['text', 'T'],
  ])
    await expect(page.getByTestId(`export-${item}`)).toHaveAttribute(
      'title',
      new RegExp(`\\(${key}\\)$`),
    );
  await snap(page, info, '33-export-menu');
  await page.locator('.help', { hasText: 'Keys' }).locator('summary').click();
  await expect(page.locator('.help dl')).toContainText('export the bar as PNG / SVG');
  await expect(page.locator('.help dl')).toContainText('crashkernel advisor');
});
