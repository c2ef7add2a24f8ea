/**
 * The scenario editor: a machine built from nothing and shared by link, undo and redo, and a
 * reload that loses nothing. Screenshots under test-results/screens/.
 */
import { editorTab, fillE820, linkState, openApp, pixelDiff, settle, showRange, snap } from './app';
import { expect, test } from './fixtures';

const TWO_NODES: [string, string, string][] = [
  ['0x0', '0x9fc00', 'usable'],
  ['0x9fc00', '0xa0000', 'reserved'],
  ['0xe0000', '0x100000', 'reserved'],
  ['1M', '3G', 'usable'],
  ['4G', '+4G', 'usable'],
];

test.describe('build and share', () => {
  test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

  test('a 2-node machine built from nothing, a crashkernel= typo fixed, and its link reopens the same picture', async ({
    page,
    browser,
  }, info) => {
    await openApp(page);
    await editorTab(page, 'Machine');
    await page.getByTestId('new-blank').click();
    const status = page.getByTestId('editor-status');
    await expect(status).toContainText('Not applied');
    await expect(status).toContainText('at least two e820 entries');
    // The bar keeps the last valid scenario: the seed.
    await expect(page.getByTestId('summary')).toContainText("node 0's bitmap at 0xf9b000");
    await snap(page, info, '20-editor-blank-not-applied');

    await fillE820(page, TWO_NODES);
    await expect(page.getByTestId('e820-row').nth(4)).toContainText(
      '[mem 0x0000000100000000-0x00000001ffffffff] usable · 4 GiB',
    );
    await page.getByLabel('Number of nodes to split RAM into').fill('2');
    await page.getByTestId('split-nodes').click();
    await expect(page.getByTestId('node-row')).toHaveCount(2);
    await expect(page.getByTestId('node-row').nth(1)).toContainText(
      'node 1 [mem 0x0000000100000000-0x00000001ffffffff] · 4 GiB',
    );
    await expect(status).toContainText('Applied');
    await expect(page.getByTestId('summary')).toContainText("node 1's bitmap at 0x100005000");
    await snap(page, info, '21-editor-two-nodes');

    await editorTab(page, 'Command line');
    const cmdline = page.getByRole('textbox', { name: 'Kernel command line' });
    await cmdline.fill('console=ttyS0 crashkernel=128M@16Q');
    const error = page.getByTestId('cmdline-error');
    await expect(error).toContainText(
      'crashkernel: unexpected text after the base: Q (character 34)',
    );
    await expect(error).toContainText('crashkernel=128M@16M');
    await expect(cmdline).toHaveAttribute('aria-invalid', 'true');
    await expect(status).toContainText('Not applied');
    await expect(page.getByTestId('summary')).toContainText('no crashkernel');
    await snap(page, info, '22-editor-crashkernel-error');

    await cmdline.fill('console=ttyS0 crashkernel=128M@16M');
    await expect(page.getByTestId('cmdline-meaning')).toHaveText(
      'crashkernel=128M@16M → 128 MiB at 0x1000000 (16 MiB)',
    );
    await expect(status).toContainText('Applied');
    await expect(page.getByTestId('summary')).toContainText('crashkernel reserved at 0x1000000');

    // A picture worth sharing: the last step, zoomed on the low 160 MiB, linear, editor closed.
    await page.getByRole('button', { name: 'Close the editor (E)' }).click();
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('End');
    await showRange(page, '0x0-0x9ffffff');
    await page.getByLabel('Collapse empty ranges').uncheck();
    await page.getByTestId('copy-link').click();
    await expect(page.getByTestId('notice')).toContainText('Link copied');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(page.url());
    expect(copied.length).toBeLessThan(2000);
    const state = await linkState(page);
    expect(state?.scenario.machine.nodes).toHaveLength(2);
    expect(state?.scenario.cmdline).toBe('console=ttyS0 crashkernel=128M@16M');
    // A linear scale is the default: the link does not need to carry it.
    expect(state?.gaps).toBeUndefined();
    await expect(page.getByTestId('notice')).toBeEmpty({ timeout: 6000 });
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.mouse.move(0, 719);
    await settle(page);
    const original = await page.screenshot({ path: 'test-results/screens/23-shared-original.png' });
    await info.attach('23-shared-original', { body: original, contentType: 'image/png' });

    // Someone else opens the link: a fresh browser profile, nothing saved.
    const other = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const reopened = await other.newPage();
    const errors: string[] = [];
    reopened.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    reopened.on('pageerror', (e) => errors.push(e.message));
    await reopened.goto(copied);
    await reopened.waitForFunction(
      () => performance.getEntriesByName('bootmap:first-bar').length > 0,
    );
    await expect(reopened.getByTestId('summary')).toContainText(
      'crashkernel reserved at 0x1000000',
    );
    await expect(reopened.getByLabel('Collapse empty ranges')).not.toBeChecked();
    await reopened.mouse.move(0, 719);
    await settle(reopened);
    const again = await reopened.screenshot({
      path: 'test-results/screens/24-shared-reopened.png',
    });
    await info.attach('24-shared-reopened', { body: again, contentType: 'image/png' });
    expect(await pixelDiff(reopened, original, again)).toBeLessThan(0.002);
    expect(errors).toEqual([]);
    await other.close();
  });
});

test('undo and redo: buttons and keys, and keys typed in a field stay with the field', async ({
  page,
}) => {
  await openApp(page);
  await editorTab(page, 'Command line');
  const cmdline = page.getByRole('textbox', { name: 'Kernel command line' });
  await cmdline.fill('ro crashkernel=256M@256M');
  await editorTab(page, 'Machine');
  const title = page.getByRole('textbox', { name: 'Title' });
  await title.fill('my box');
  await expect(page.getByTestId('undo')).toHaveAttribute('title', 'Undo: edit the title (Ctrl+Z)');
  await page.getByTestId('undo').click();
  await expect(title).not.toHaveValue('my box');
  await expect(page.getByTestId('summary')).toContainText('crashkernel reserved at 0x10000000');
  // Ctrl+Z with the focus on a button undoes the edit before.
  await page.getByTestId('undo').focus();
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('summary')).toContainText('crashkernel reserved at 0x1000000;');
  await page.keyboard.press('Control+Shift+z');
  await expect(page.getByTestId('summary')).toContainText('crashkernel reserved at 0x10000000');
  await page.keyboard.press('Control+y');
  await expect(title).toHaveValue('my box');
  await expect(page.getByTestId('redo')).toBeDisabled();
  // In a text field Ctrl+Z is the field's own: the scenario's history is not touched.
  await title.focus();
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('summary')).toContainText('crashkernel reserved at 0x10000000');
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  for (let i = 0; i < 5; i++) await page.keyboard.press('Control+z');
  await expect(page.getByTestId('notice')).toContainText('Nothing to undo');
  await expect(page.getByTestId('summary')).toContainText('crashkernel reserved at 0x1000000;');
});

test('a reload keeps the working scenario, a half-typed field and all', async ({ page }, info) => {
  await openApp(page);
  await editorTab(page, 'Command line');
  await page.getByRole('textbox', { name: 'Kernel command line' }).fill('ro crashkernel=128M@256M');
  await expect(page.getByTestId('summary')).toContainText('crashkernel reserved at 0x10000000');
  await editorTab(page, 'Machine');
  await page.getByLabel('e820 row 4 end', { exact: true }).fill('0xbff7000Q');
  await expect(page.getByTestId('editor-status')).toContainText('Not applied');
  await page.waitForTimeout(800); // the draft is saved 300 ms after the last edit
  await page.reload();
  await expect(page.getByTestId('bar')).toBeVisible();
  // The panel opens by itself on a draft that is not applied, with the field as it was typed.
  await expect(page.getByLabel('e820 row 4 end', { exact: true })).toHaveValue('0xbff7000Q');
  await expect(page.getByTestId('editor-status')).toContainText('e820 row 4 end');
  await expect(page.getByTestId('summary')).toContainText('crashkernel reserved at 0x10000000');
  await expect(page.getByTestId('edit-blocked')).toBeAttached();
  await snap(page, info, '25-reload-keeps-draft');
  // Fixing the field applies it.
  await page.getByLabel('e820 row 4 end', { exact: true }).fill('0xbff70000');
  await expect(page.getByTestId('editor-status')).toContainText('Applied');
});

test.describe('dark desktop', () => {
  test.use({ colorScheme: 'dark' });
  test('the editor follows the dark theme and its tabs answer the arrow keys', async ({
    page,
  }, info) => {
    await openApp(page);
    await editorTab(page, 'Machine');
    await page.getByLabel('e820 row 4 end', { exact: true }).fill('3Q');
    const notice = page.getByTestId('not-applied');
    await expect(notice).toBeVisible();
    expect(await notice.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(
      'rgb(58, 31, 34)',
    );
    await snap(page, info, '31-editor-dark');
    await page.getByRole('tab', { name: /^Machine/ }).focus();
    await page.keyboard.press('ArrowRight');
    await expect(page.getByRole('tab', { name: 'Kernel' })).toBeFocused();
    await expect(page.getByRole('tab', { name: 'Kernel' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    await expect(page.getByLabel('_text (physical)')).toHaveValue('0x200000');
    // A problem in the summary leads to its field, on its tab.
    await notice.getByRole('button', { name: 'e820 row 4 end' }).click();
    await expect(page.getByLabel('e820 row 4 end', { exact: true })).toBeFocused();
    await page.getByRole('button', { name: 'Close the editor (E)' }).click();
    await expect(page.getByTestId('edit-toggle')).toBeFocused();
  });
});

test('garbage in local storage is reported and the default opens; nothing breaks', async ({
  page,
}) => {
  await page.addInitScript(() => {
    if (!sessionStorage.getItem('seeded')) {
      localStorage.setItem('bootmap:work', '{"v":1,"scenario":{"version":1,"name":');
      sessionStorage.setItem('seeded', '1');
    }
  });
  await openApp(page);
  const banner = page.getByTestId('link-banner');
  await expect(banner).toContainText('Your saved work');
  await expect(banner).toContainText('could not be restored (it is not JSON)');
  await expect(page.getByTestId('summary')).toContainText("node 0's bitmap at 0xf9b000");
  // The next change saves a good working scenario over the garbage.
  await editorTab(page, 'Presets');
  await page.getByTestId('preset-laptop-4g').click();
  await page.waitForTimeout(800);
  await page.reload();
  await expect(page.getByTestId('scenario')).toContainText('4 GiB laptop');
  await expect(page.getByTestId('link-banner')).toHaveCount(0);
});
