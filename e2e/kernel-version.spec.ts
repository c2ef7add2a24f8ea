/** The kernel version beside the model picker: a release picks its model and its exact rules. */
import { editorTab, openApp } from './app';
import { expect, test } from './fixtures';

test('typing 2.6.25 runs the seed under 2.6.25: the 2.6.24 code with BOOTMEM_EXCLUSIVE refuses', async ({
  page,
}) => {
  await openApp(page);
  await expect(page.getByTestId('summary')).toContainText('kexec corrupts');
  const field = page.getByTestId('kernel-version');
  await field.fill('2.6.25');
  await field.press('Enter');
  await expect(page.getByTestId('model-select')).toHaveValue('bootmem-2.6.24');
  await expect(page.getByTestId('summary')).toContainText(
    'crashkernel refused: "crashkernel reservation failed - memory is in use"',
  );
  await expect(page.getByTestId('summary')).not.toContainText('kexec corrupts');
  // The version is part of the scenario: undo takes it back, and the corruption returns.
  await page.locator('body').click({ position: { x: 5, y: 300 } });
  await page.keyboard.press('Control+z');
  await expect(field).toHaveValue('');
  await expect(page.getByTestId('summary')).toContainText('kexec corrupts');
});

test('a version that is not a release is refused and changes nothing', async ({ page }) => {
  await openApp(page);
  const field = page.getByTestId('kernel-version');
  await field.fill('linux');
  await field.press('Enter');
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('kernel-version-error')).toHaveText(
    '"linux" is not a kernel release: type one such as 2.6.25 or 4.19.0-6-amd64',
  );
  await expect(page.getByTestId('model-select')).toHaveValue('bootmem-2.6.23');
});

test('the editor reads the command line as the version typed reads it', async ({ page }) => {
  await openApp(page);
  const version = page.getByTestId('kernel-version');
  await version.fill('2.6.25');
  await version.press('Enter');
  await page.getByTestId('edit-toggle').click();
  await editorTab(page, 'Command line');
  await page.getByRole('textbox', { name: 'Kernel command line' }).fill('memmap=1M!4G');
  await expect(page.getByText('Understood as Linux 2.6.25 reads it:')).toBeVisible();
  await expect(page.getByTestId('cmdline-meaning')).toHaveText(
    'memmap=1M!4G → ignored (2.6.25 refuses "!" (persistent memory came later))',
  );
  // 4.19 follows memblock-6.1, and knows the persistent-memory qualifier.
  await version.fill('4.19');
  await version.press('Enter');
  await expect(page.getByTestId('model-select')).toHaveValue('memblock-6.1');
  await expect(page.getByText('Understood as Linux 4.19 reads it:')).toBeVisible();
  await expect(page.getByTestId('cmdline-meaning')).toHaveText(
    'memmap=1M!4G → a persistent (type 12) entry [mem 0x0000000100000000-0x00000001000fffff] (1 MiB) is added to the e820 map',
  );
});
