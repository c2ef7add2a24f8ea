/**
 * What an import must never do: send the log anywhere, put it in a link or in storage, run
 * markup from it, freeze or crash the tab on a huge, binary, truncated or mangled input.
 */
import { writeFileSync } from 'node:fs';
import { syntheticMemblockLog } from '../src-core/dmesg/synthetic-log';
import { openApp, snap, stepTitle, timelineEvent } from './app';
import { expect, test } from './fixtures';
import {
  chooseFile,
  corpusLog,
  CORPUS_SKIP,
  HAVE_CORPUS,
  openImport,
  pasteLog,
  showLog,
} from './import-app';

/** A line no kernel prints, to find the log wherever it might leak to. */
const MARKER = 'bootmap-privacy-marker-7f3a9c';

test('the log never leaves the browser, nor lands in the link or in storage', async ({
  page,
  context,
  baseURL,
}, info) => {
  test.skip(!HAVE_CORPUS, CORPUS_SKIP);
  const origin = new URL(baseURL ?? '').origin;
  const foreign: string[] = [];
  const seen: string[] = [];
  context.on('request', (r) => seen.push(r.url()));
  await context.route('**/*', (route) => {
    if (new URL(route.request().url()).origin === origin) return route.continue();
    foreign.push(route.request().url());
    return route.abort();
  });
  const log = corpusLog('16-');
  const lines = log.text.split('\n');
  lines.splice(20, 0, `[    0.000000] DMI: ${MARKER} server`);
  await openApp(page);
  await pasteLog(page, lines.join('\n'));
  await showLog(page);
  await page.keyboard.press('End');
  await page.getByRole('tab', { name: /Log vs model/ }).click();
  await page.getByTestId('model-select').selectOption('memblock-6.1');
  await page.getByRole('tab', { name: 'Log', exact: true }).click();
  // The link is written 250 ms after the last change.
  await page.waitForTimeout(600);
  expect(foreign).toEqual([]);
  expect(seen.length).toBeGreaterThan(0);
  expect(seen.filter((u) => new URL(u).origin !== origin)).toEqual([]);
  expect(seen.some((u) => /import\.worker/.test(u))).toBe(true);
  const url = decodeURIComponent(page.url());
  for (const needle of [MARKER, 'Linux version', 'BIOS-e820', 'Reserving 512MB'])
    expect(url).not.toContain(needle);
  const stored = await page.evaluate(() =>
    JSON.stringify([{ ...localStorage }, { ...sessionStorage }]),
  );
  expect(stored).not.toContain(MARKER);
  expect(stored).not.toContain('Linux version');
  await snap(page, info, 'import-10-privacy');
});

test('text from a log is shown as text, never run as markup', async ({ page }, info) => {
  test.skip(!HAVE_CORPUS, CORPUS_SKIP);
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  const evil = '<img src=x onerror=alert(1)>';
  const log = corpusLog('15-')
    .text.replace('Command line: ', `Command line: ${evil} `)
    .replace(/(\n[^\n]*BIOS-provided physical RAM map:)/, `\n[    0.000000] e820: ${evil} bogus$1`);
  await openApp(page);
  await pasteLog(page, log);
  await expect(page.getByTestId('log-facts')).toContainText(evil);
  await page.getByTestId('unrecognized').locator('summary').click();
  await expect(page.getByTestId('unrecognized')).toContainText(`e820: ${evil} bogus`);
  await snap(page, info, 'import-11-hostile-text');
  await showLog(page);
  await expect(page.getByTestId('scenario')).toContainText(evil);
  await (await timelineEvent(page, /setup_arch\s+command line/)).click();
  await expect(stepTitle(page)).toHaveText('command line');
  await expect(page.getByTestId('dmesg')).toContainText(evil);
  await page.getByRole('tab', { name: 'Log', exact: true }).click();
  await page.getByTestId('unrecognized').locator('summary').click();
  await expect(page.locator('img')).toHaveCount(0);
  expect(dialogs).toEqual([]);
});

test('a 100,000-line log imports off the main thread, with progress', async ({ page }, info) => {
  test.setTimeout(90_000);
  await openApp(page);
  // How long the main thread's tasks are is the bench's to measure (npm run bench), not a test's.
  // From a file on disk: a buffer would be decoded on the page's main thread by the harness.
  const path = info.outputPath('huge.log');
  const log = syntheticMemblockLog(100_000);
  writeFileSync(path, log);
  await openImport(page);
  await page.getByTestId('import-file').setInputFiles(path);
  await expect(page.getByTestId('import-progress')).toBeVisible();
  await expect(page.getByTestId('import-progress')).toContainText(/Reading|Parsing 100,000 lines/);
  await expect(page.getByTestId('import-result')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('log-facts')).toContainText(
    '100,000 lines, 100,000 steps observed',
  );
  await expect(page.getByTestId('import-agreement')).toContainText(
    /memblock-6\.1 on this machine agrees with the log on \d+ of [\d,]+ compared facts/,
  );
  await snap(page, info, 'import-14-huge-result');
  // Whether the dialog was still up when the new run reached the page: it closes only after,
  // in a task of its own (closing a modal dialog restyles the whole page).
  await page.evaluate(`(() => {
    const counter = document.querySelector('[data-testid="step-counter"]');
    const dialog = document.querySelector('[data-testid="import-dialog"]');
    const seen = new MutationObserver(() => {
      if (!counter.textContent.endsWith('/ 99999')) return;
      window.__dialogOpenAtRun = dialog.open;
      seen.disconnect();
    });
    seen.observe(counter, { childList: true, characterData: true, subtree: true });
  })()`);
  await page.getByTestId('show-log').click();
  await expect(page.getByTestId('import-dialog')).toBeHidden({ timeout: 60_000 });
  await expect(page.getByTestId('step-counter')).toHaveText('Step 0 / 99999');
  expect(await page.evaluate('window.__dialogOpenAtRun')).toBe(true);
  // The scrubber's track draws the log's 1,000s of phase runs (made after the run's first draw).
  await expect.poll(() => page.locator('.scrubber .phase').count()).toBeGreaterThan(1000);
  // The timeline came across whole: the last step is the log's last line, as printed.
  await page.keyboard.press('End');
  await expect(page.getByTestId('step-counter')).toHaveText('Step 99999 / 99999');
  await expect(page.getByTestId('dmesg-title')).toHaveText('log line 100000, as printed');
  const last =
    log
      .trimEnd()
      .split('\n')
      .at(-1)
      ?.replace(/^\[\s*[\d.]+\] /, '') ?? '';
  await expect(page.getByTestId('dmesg')).toHaveText(last);
  await snap(page, info, 'import-15-huge-last-step');
  // The comparison's rows: counted by topic, the first ones shown, the rest a click away.
  await page.getByRole('tab', { name: /Log vs model/ }).click();
  const memblock = page.getByRole('region', { name: 'memblock=debug allocation requests' });
  await expect(memblock.locator('.ag-row')).toHaveCount(100);
  await expect(memblock.locator('.ag-row').first()).toContainText('request 1:');
  await expect(memblock.getByRole('button', { name: /^Show 1000 more of [\d,]+$/ })).toBeVisible();
  await snap(page, info, 'import-16-huge-comparison');
});

test('an import can be cancelled; the page keeps its scenario', async ({ page }, info) => {
  await openApp(page);
  await chooseFile(page, 'huge.log', Buffer.from(syntheticMemblockLog(100_000)));
  await expect(page.getByTestId('import-progress')).toBeVisible();
  await snap(page, info, 'import-12-progress');
  await page.getByTestId('import-progress').getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('import-progress')).toBeHidden();
  await expect(page.getByTestId('import-text')).toBeEnabled();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('scenario-select')).toHaveValue('seed-2.6.23');
});

test('a 100,000-line log dropped or pasted shows its progress and can be cancelled', async ({
  page,
  context,
}, info) => {
  test.setTimeout(90_000);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openApp(page);
  const log = syntheticMemblockLog(100_000);
  const cancel = async (what: string) => {
    const progress = page.getByTestId('import-progress');
    await expect(progress).toBeVisible();
    // Whichever stage it has reached (the worker may be quick): each says what it does.
    await expect(progress).toContainText(
      /Reading|Parsing 100,000 lines \(≈12\.06 MiB\)|Running memblock-6\.1|Receiving 100,000 steps/,
    );
    await expect(progress.locator('progress')).toBeVisible();
    await snap(page, info, `import-13-${what}-progress`);
    await progress.getByRole('button', { name: 'Cancel' }).click();
    await expect(progress).toBeHidden();
    await expect(page.getByTestId('import-result')).toBeHidden();
    await expect(page.getByTestId('import-text')).toBeEnabled();
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('import-dialog')).toBeHidden();
    await expect(page.getByTestId('scenario-select')).toHaveValue('seed-2.6.23');
  };
  // Dropped on the window as a file.
  const dt = await page.evaluateHandle((text) => {
    const d = new DataTransfer();
    d.items.add(new File([text], 'memblock-debug.log', { type: 'text/plain' }));
    return d;
  }, log);
  await page.dispatchEvent('.timeline-list', 'dragenter', { dataTransfer: dt });
  await page.dispatchEvent('.timeline-list', 'drop', { dataTransfer: dt });
  await cancel('dropped');
  // Pasted with Ctrl+V anywhere on the page.
  await page.evaluate((text) => navigator.clipboard.writeText(text), log);
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+V');
  await cancel('pasted');
});

test('mangled captures: binary, truncated, quoted, non-x86', async ({ page }, info) => {
  test.skip(!HAVE_CORPUS, CORPUS_SKIP);
  await openApp(page);
  const bytes = Buffer.alloc(4096);
  for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 73 + 11) % 256;
  await chooseFile(page, 'vmcore.bin', bytes);
  await expect(page.getByTestId('import-error')).toContainText(
    'Could not import vmcore.bin: this looks like binary data',
  );
  // Truncated and e-mail quoted, ending in an early panic.
  await page.getByTestId('import-file').setInputFiles({
    name: '23.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from(corpusLog('23-').text),
  });
  await expect(page.getByTestId('log-facts')).toContainText('lines had e-mail quote marks');
  // arm64, quoted: shown as observed, with no scenario to run.
  await page.getByRole('button', { name: 'Import another' }).click();
  await page.getByTestId('import-file').setInputFiles({
    name: '28.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from(corpusLog('28-').text),
  });
  await expect(page.getByTestId('scenario-problems')).toContainText(
    'This boot ran on arm64: the models simulate x86 only.',
  );
  await expect(page.getByTestId('use-scenario')).toBeDisabled();
  await snap(page, info, 'import-13-no-scenario');
  await showLog(page);
  await expect(page.getByTestId('summary')).toContainText('crashkernel failed');
  await page.getByRole('tab', { name: 'Log vs model' }).click();
  await expect(page.getByText('No model comparison: This boot ran on arm64')).toBeVisible();
});

test('an empty paste says so', async ({ page }) => {
  await openApp(page);
  await pasteLog(page, '  \n ');
  await expect(page.getByTestId('import-error')).toContainText('the log is empty');
});
