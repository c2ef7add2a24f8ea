/**
 * Importing a real boot log: paste it, drop it or choose it; pick a boot; see its map and its
 * timeline with line numbers; compare it with the model; a bad paste changes nothing.
 */
import { gzipSync } from 'node:zlib';
import { openApp, settle, snap, stepTitle, stepUntil, timelineEvent } from './app';
import { expect, test } from './fixtures';
import {
  chooseFile,
  corpusLog,
  CORPUS_SKIP,
  HAVE_CORPUS,
  oracleLog,
  openImport,
  pasteLog,
  showLog,
} from './import-app';

test('a pasted log shows its map and its timeline, each step with its log line', async ({
  page,
}, info) => {
  test.skip(!HAVE_CORPUS, CORPUS_SKIP);
  const log = corpusLog('16-');
  await openApp(page);
  await pasteLog(page, log.text);
  const facts = page.getByTestId('log-facts');
  await expect(facts).toContainText('Linux 5.5.0-rc7');
  await expect(facts).toContainText('Reserving 512MB of memory at 1424MB for crashkernel');
  await expect(facts).toContainText('line 152');
  await snap(page, info, 'import-01-pasted-result');
  await showLog(page);
  await expect(page.getByTestId('model-select')).toHaveValue('observed');
  await expect(page.getByTestId('step-counter')).toHaveText('Step 0 / 42');
  await expect(page.getByTestId('summary')).toContainText('Observed from log lines');
  const row = await timelineEvent(page, /reserve_crashkernel\s+crashkernel 512 MiB/);
  await expect(row).toContainText('line 152');
  await row.click();
  await expect(stepTitle(page)).toHaveText('crashkernel 512 MiB');
  await expect(page.getByTestId('dmesg-title')).toHaveText('log line 152, as printed');
  const printed = log.text.split('\n')[151]?.replace(/^\[\s*[\d.]+\] /, '') ?? '';
  await expect(page.getByTestId('dmesg')).toHaveText(printed);
  await expect(page.getByTestId('event-range')).toHaveText(
    '[mem 0x0000000059000000-0x0000000078ffffff]',
  );
  // The bar frames the window and draws it on the crashkernel lane.
  await expect(page.getByTestId('locus')).toHaveValue(/^\[mem 0x5[0-9a-f]{7}-0x7[0-9a-f]{7}\]$/);
  await expect(page.locator('.lane-labels li', { hasText: /^crashkernel$/ })).toBeVisible();
  await snap(page, info, 'import-02-observed-timeline');
  await page.keyboard.press('End');
  await expect(page.getByTestId('step-counter')).toHaveText('Step 42 / 42');
  await snap(page, info, 'import-03-observed-last-step');
});

test('Ctrl+V anywhere imports the clipboard', async ({ page, context }) => {
  test.skip(!HAVE_CORPUS, CORPUS_SKIP);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openApp(page);
  await page.evaluate((t) => navigator.clipboard.writeText(t), corpusLog('15-').text);
  await page.locator('body').click({ position: { x: 5, y: 700 } });
  await page.keyboard.press('Control+V');
  await expect(page.getByTestId('import-result')).toBeVisible();
  await expect(page.getByTestId('log-facts')).toContainText('lines had CR bytes');
  await expect(page.getByTestId('log-facts')).toContainText('lines had ANSI escapes');
});

test('a file dropped anywhere on the window is imported', async ({ page }, info) => {
  test.skip(!HAVE_CORPUS, CORPUS_SKIP);
  const log = corpusLog('05-');
  await openApp(page);
  const dt = await page.evaluateHandle(
    ({ name, text }) => {
      const d = new DataTransfer();
      d.items.add(new File([text], name, { type: 'text/plain' }));
      return d;
    },
    { name: log.name, text: log.text },
  );
  await page.dispatchEvent('.timeline-list', 'dragenter', { dataTransfer: dt });
  await expect(page.getByText('Drop a boot log to import it')).toBeVisible();
  await snap(page, info, 'import-04-drop-overlay');
  await page.dispatchEvent('.timeline-list', 'drop', { dataTransfer: dt });
  await expect(page.getByText('Drop a boot log to import it')).toBeHidden();
  await showLog(page);
  await expect(page.getByTestId('scenario-select')).toHaveValue(log.name);
  await expect(page.getByTestId('scenario')).toContainText('Linux 2.6.35-19-generic');
});

test('a chosen file may be gzipped or UTF-16', async ({ page }) => {
  test.skip(!HAVE_CORPUS, CORPUS_SKIP);
  await openApp(page);
  await chooseFile(page, 'dmesg.1.gz', gzipSync(Buffer.from(corpusLog('09-').text)));
  await expect(page.getByTestId('log-facts')).toContainText('Linux 3.0.0');
  await page.getByRole('button', { name: 'Import another' }).click();
  const utf16 = Buffer.concat([
    Buffer.from([0xff, 0xfe]),
    Buffer.from(corpusLog('07-').text, 'utf16le'),
  ]);
  await page.getByTestId('import-file').setInputFiles({
    name: 'dmesg-powershell.txt',
    mimeType: 'text/plain',
    buffer: utf16,
  });
  await expect(page.getByTestId('log-facts')).toContainText('Linux 2.6.35-22-generic');
});

test('a file with two boots lists them and reads the one picked', async ({ page }, info) => {
  test.skip(!HAVE_CORPUS, CORPUS_SKIP);
  const log = corpusLog('13-');
  await openApp(page);
  await chooseFile(page, log.name, Buffer.from(log.text));
  const boots = page.getByTestId('boots');
  await expect(boots).toContainText('This file holds 2 boots');
  await expect(boots.getByRole('radio')).toHaveCount(2);
  await expect(boots.getByRole('radio', { name: /Boot 1/ })).toBeChecked();
  await expect(boots).toContainText('lines 1571–2398');
  await snap(page, info, 'import-05-two-boots');
  await boots.getByRole('radio', { name: /Boot 2/ }).check();
  await expect(boots.getByRole('radio', { name: /Boot 2/ })).toBeChecked();
  await expect(page.getByTestId('log-facts')).toContainText('boot 2 of 2, lines 1571–2398');
  await expect(page.getByTestId('log-facts')).toContainText('≈255.98 MiB usable');
  await snap(page, info, 'import-05b-second-boot');
  await showLog(page);
  await expect(page.getByTestId('scenario-select')).toHaveValue(`${log.name} (boot 2)`);
  await expect(page.getByTestId('summary')).toContainText('Observed from log lines 1571–2398');
});

test('garbage says why, and the scenario on the page stays', async ({ page }, info) => {
  test.skip(!HAVE_CORPUS, CORPUS_SKIP);
  await openApp(page);
  await pasteLog(page, 'hello\nthis is not\na boot log\n');
  const error = page.getByTestId('import-error');
  await expect(error).toContainText('Could not import pasted log: not a boot log');
  await expect(error).toContainText('none of its 3 lines is an early-boot memory message');
  await expect(page.getByTestId('import-text')).toHaveValue('hello\nthis is not\na boot log\n');
  await snap(page, info, 'import-06-garbage');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('import-dialog')).toBeHidden();
  await expect(page.getByTestId('scenario-select')).toHaveValue('seed-2.6.23');
  await expect(page.getByTestId('summary')).toContainText('0xf9b000');
  // An imported log on the page stays too.
  await pasteLog(page, corpusLog('03-').text);
  await showLog(page);
  await pasteLog(page, '\x00\x01\x02garbage\x00\x00\x00\x03');
  await expect(page.getByTestId('import-error')).toContainText('looks like binary data');
  await page.getByRole('button', { name: 'Close the import' }).click();
  await expect(page.getByTestId('scenario')).toContainText('Linux 2.6.32-21-generic');
});

test('the oracle log against memblock-6.1: every fact agrees; a row frames its range', async ({
  page,
}, info) => {
  await openApp(page);
  await pasteLog(page, oracleLog('m4G-numa1G,3G-ck256M,high-ck128M,low.log'));
  await expect(page.getByTestId('import-agreement')).toContainText(
    'agrees with the log on 81 of 81 compared facts',
  );
  await showLog(page);
  await page.getByRole('tab', { name: 'Log vs model' }).click();
  const table = page.getByTestId('agreement');
  await expect(page.getByTestId('agreement-counts')).toHaveText(
    '81 agree · 0 differ · 0 unchecked',
  );
  await expect(table.locator('li[data-status="differ"]')).toHaveCount(0);
  for (const topic of ['Zone ranges', 'Early memory node ranges', 'NODE_DATA placements'])
    await expect(table.getByRole('region', { name: topic })).toBeVisible();
  const crash = table.getByRole('region', { name: 'Crash kernel' });
  await expect(crash).toContainText('[mem 0x000000012f000000-0x000000013effffff] (256 MiB)');
  await crash.getByRole('button', { name: 'window' }).click();
  await expect(page.getByTestId('locus')).toHaveValue(/^\[mem 0x12[0-9a-f]{7}-0x13[0-9a-f]{7}\]$/);
  await expect(page.getByTestId('step-counter')).toHaveText(/^Step (\d+) \/ 215$/);
  const memblock = table.getByRole('region', { name: 'memblock=debug allocation requests' });
  await expect(memblock).toContainText('61 agree');
  await snap(page, info, 'import-07-agreement-oracle');
  // The same table, with the model's run on show: rows now go to the model's steps.
  await page.getByTestId('model-select').selectOption('memblock-6.1');
  await crash.getByRole('button', { name: 'window' }).click();
  await page.getByRole('tab', { name: 'Step' }).click();
  await expect(stepTitle(page)).toContainText('crashkernel');
  await snap(page, info, 'import-08-model-run');
});

test('a difference is marked, listed alone on request, and says why', async ({ page }, info) => {
  test.skip(!HAVE_CORPUS, CORPUS_SKIP);
  await openApp(page);
  // 5.13 on Hyper-V, an EFI boot without efi=debug: everything agrees but NODE_DATA, which
  // lands below the boot-services regions the log does not print.
  await pasteLog(page, corpusLog('19-').text);
  await showLog(page);
  const tab = page.getByRole('tab', { name: /Log vs model/ });
  await expect(tab).toContainText('1');
  await tab.click();
  await page.getByRole('checkbox', { name: 'Only differences' }).check();
  const rows = page.getByTestId('agreement').locator('li.ag-row');
  await expect(rows).toHaveCount(1);
  await expect(page.getByTestId('agreement').locator('li[data-status="agree"]')).toHaveCount(0);
  const node = rows.filter({ hasText: 'node 0' });
  await expect(node).toContainText('[mem 0x000000005ece2000-0x000000005ece5fff]');
  await expect(node).toContainText('[mem 0x000000005ff97000-0x000000005ff9afff]');
  await expect(node).toContainText('differs');
  await expect(node.getByTestId('ag-reason')).toContainText(
    'Why: In the log NODE_DATA(0) is ≈18.71 MiB lower than in the run',
  );
  await expect(node.getByTestId('ag-reason')).toContainText('efi=debug prints it');
  const bg = await node.evaluate((el) => getComputedStyle(el).backgroundColor);
  expect(bg).not.toBe('rgba(0, 0, 0, 0)');
  await node.getByRole('button', { name: 'node 0' }).click();
  // Both sides' placements together, with the bar's margin.
  await expect(page.getByTestId('locus')).toHaveValue(/^\[mem 0x5[0-9a-f]{7}-0x[56][0-9a-f]{7}\]$/);
  await snap(page, info, 'import-09-agreement-differences');
});

test('the import dialog opens from the header and keeps keys to itself', async ({ page }) => {
  await openApp(page);
  await openImport(page);
  await expect(page.getByTestId('import-text')).toBeFocused();
  await page.getByRole('button', { name: 'Choose file…' }).focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Escape');
  // The arrow went to the dialog, not to the page (which opened on the first finding).
  await expect(page.getByTestId('step-counter')).toHaveText('Step 31 / 38');
  await expect(page.getByTestId('import-open')).toBeFocused();
});

test.describe('dark desktop', () => {
  test.use({ colorScheme: 'dark' });
  test('the dialog and the comparison follow the dark theme', async ({ page }, info) => {
    test.skip(!HAVE_CORPUS, CORPUS_SKIP);
    await openApp(page);
    await pasteLog(page, corpusLog('19-').text);
    await expect(page.getByTestId('import-result')).toBeVisible();
    const bg = await page
      .getByTestId('import-dialog')
      .evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(bg).toBe('rgb(22, 25, 31)');
    await snap(page, info, 'import-14-dark-dialog');
    await showLog(page);
    await page.getByRole('tab', { name: /Log vs model/ }).click();
    await page.getByRole('checkbox', { name: 'Only differences' }).check();
    const row = page.getByTestId('agreement').locator('li[data-status="differ"]').first();
    expect(await row.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(
      'rgb(58, 31, 34)',
    );
    await row.getByRole('button').focus();
    await snap(page, info, 'import-15-dark-differences');
  });
});

test('an imported crashkernel step says why, and links to the model step that explains the rule', async ({
  page,
}, info) => {
  test.skip(!HAVE_CORPUS, CORPUS_SKIP);
  await openApp(page);
  const log = corpusLog('13-');
  await chooseFile(page, log.name, Buffer.from(log.text));
  await showLog(page);
  await stepUntil(page, /^crashkernel 256 MiB$/, 200);
  const inspector = page.getByTestId('inspector');
  await expect(inspector).toContainText('System RAM as the kernel counts it: 1044154 MB');
  await expect(inspector).toContainText(
    'Why: crashkernel=256M asks for 256 MiB, placed automatically: the size is given. No @base: the kernel places it itself, 16 MiB-aligned, below 896 MiB',
  );
  await snap(page, info, 'import-15-crashkernel-why');
  const link = page.getByTestId('model-explains');
  await expect(link).toContainText('How the kernel chooses: memblock-6.1, step');
  await link.click();
  await expect(page.getByTestId('model-select')).toHaveValue('memblock-6.1');
  await expect(stepTitle(page)).toContainText('crashkernel');
  await expect(page.getByTestId('inspector')).toContainText('reserve_crashkernel');
});

test('a shown log comes with its legend: nothing under the bar moves once the dialog is gone', async ({
  page,
}) => {
  await openApp(page);
  await pasteLog(page, oracleLog('m2G-ck256M.log'));
  await showLog(page);
  // A legend that followed 120 ms later moved the panels down a line (a click on a tab then
  // came down on the tab and up beside it, and chose nothing).
  const tab = page.getByRole('tab', { name: /Log vs model/ });
  const before = await tab.boundingBox();
  await settle(page);
  expect(await tab.boundingBox()).toEqual(before);
  await tab.click();
  await expect(tab).toHaveAttribute('aria-selected', 'true');
});
