/** The kernel version beside the model picker: a release picks its model and its exact rules. */
import { openApp } from './app';
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
