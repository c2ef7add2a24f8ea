/** Presets: grouped, titled, one click to load; over unsaved edits the app asks first. */
import { PRESET_NAMES, preset } from '../src-core';
import { editorTab, openApp, snap } from './app';
import { expect, test } from './fixtures';

test('every preset is one click away, grouped and titled', async ({ page }, info) => {
  await openApp(page);
  await editorTab(page, 'Presets');
  const list = page.getByTestId('presets');
  for (const group of [
    'The seed incident under each generation',
    'Real Linux 6.1 boots (QEMU, from their logs)',
    'Other machines',
  ])
    await expect(list.getByRole('heading', { name: group })).toBeVisible();
  for (const name of PRESET_NAMES)
    await expect(page.getByTestId(`preset-${name}`)).toContainText(preset(name)!.title);
  await expect(page.getByTestId('preset-seed-2.6.23')).toHaveAttribute('aria-current', 'true');
  await snap(page, info, '26-presets');
  // Nothing edited: a click loads at once.
  await page.getByTestId('preset-qemu-6.1-6g-high').click();
  await expect(page.getByTestId('confirm')).not.toBeVisible();
  await expect(page.getByTestId('scenario')).toContainText('QEMU pc, 6 GiB');
  await expect(page.getByTestId('scenario-select')).toHaveValue('qemu-6.1-6g-high');
  await expect(page.getByTestId('step-counter')).toHaveText(/^Step 0 \//);
});

test('loading a preset over unsaved edits asks first; cancel keeps them, undo brings them back', async ({
  page,
}, info) => {
  await openApp(page);
  await editorTab(page, 'Command line');
  await page.getByRole('textbox', { name: 'Kernel command line' }).fill('ro crashkernel=128M@256M');
  await expect(page.getByTestId('summary')).toContainText('crashkernel reserved at 0x10000000');
  await editorTab(page, 'Presets');
  await page.getByTestId('preset-laptop-4g').click();
  const dialog = page.getByTestId('confirm');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('heading')).toHaveText('Replace your edits?');
  await expect(dialog).toContainText('Undo (Ctrl+Z) brings your edits back');
  // The safe answer has the focus.
  await expect(dialog.getByRole('button', { name: 'Keep editing' })).toBeFocused();
  await snap(page, info, '27-preset-over-edits');
  await page.keyboard.press('Escape');
  await expect(dialog).not.toBeVisible();
  await expect(page.getByTestId('summary')).toContainText('crashkernel reserved at 0x10000000');

  // The header's picker asks too.
  await page.getByTestId('scenario-select').selectOption('laptop-4g');
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Keep editing' }).click();
  await expect(page.getByTestId('scenario-select')).toHaveValue('seed-2.6.23 (edited)');

  await page.getByTestId('preset-laptop-4g').click();
  await dialog.getByRole('button', { name: 'Load the preset' }).click();
  await expect(page.getByTestId('scenario')).toContainText('4 GiB laptop');
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('summary')).toContainText('crashkernel reserved at 0x10000000');
  await expect(page.getByTestId('scenario-select')).toHaveValue('seed-2.6.23 (edited)');
});
