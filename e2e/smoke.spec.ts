import { expect, test } from './fixtures';

test('opens on the seed scenario and states what will happen', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('scenario')).toContainText('crashkernel=128M@16M');
  await expect(page.getByTestId('summary')).toContainText('0xf9b000');
});
