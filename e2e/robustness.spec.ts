/** What users do not plan: a rendering bug, a dark desktop, a trackpad. */
import { openApp, snap } from './app';
import { parseLocus } from '../web/viewport/locus';
import { expect, test } from './fixtures';

test('a rendering bug shows a message in its panel, the rest keeps working', async ({
  page,
}, info) => {
  // Make the inspector's source link fail for one kernel file, as a bug in it would.
  await page.addInitScript(() => {
    const w = window as unknown as { breakInspector: boolean };
    const split = String.prototype.split;
    w.breakInspector = false;
    String.prototype.split = function (this: string, sep: unknown, limit?: number) {
      if (w.breakInspector && this.startsWith('v2.6.23:') && sep === ':')
        throw new Error('simulated rendering bug');
      return split.call(this, sep as RegExp, limit);
    } as typeof split;
  });
  await openApp(page);
  await page.keyboard.press('Home');
  await page.evaluate(
    () => ((window as unknown as { breakInspector: boolean }).breakInspector = true),
  );
  await page.keyboard.press('ArrowRight');
  const crash = page.getByRole('alert').filter({ hasText: 'bootmap hit a bug' });
  await expect(crash).toContainText('bootmap hit a bug drawing the inspector');
  await expect(crash).toContainText('simulated rendering bug');
  // The bar and the timeline still work.
  await expect(page.getByTestId('bar')).toBeVisible();
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByTestId('step-counter')).toHaveText('Step 0 / 38');
  await snap(page, info, '17-error-boundary');
  await page.evaluate(
    () => ((window as unknown as { breakInspector: boolean }).breakInspector = false),
  );
  await page.getByRole('button', { name: 'Try to continue' }).click();
  await expect(page.getByTestId('inspector')).toContainText('setup_arch() starts');
});

test.describe('dark desktop', () => {
  test.use({ colorScheme: 'dark' });
  test('follows the OS colour scheme', async ({ page }, info) => {
    await openApp(page, '#step=31&locus=0xf80000-0x113ffff');
    const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(bg).toBe('rgb(22, 25, 31)');
    const corner = await page.getByTestId('bar').evaluate((el) => {
      const ctx = (el as HTMLCanvasElement).getContext('2d');
      return ctx ? [...ctx.getImageData(2, 2, 1, 1).data].slice(0, 3) : [];
    });
    expect(corner).toEqual([22, 25, 31]);
    await snap(page, info, '18-dark');
  });
});

test('a trackpad pinch (ctrl+wheel) zooms like the wheel', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('locus').fill('0x0-0x1ffffff');
  await page.getByTestId('locus').press('Enter');
  const box = (await page.getByTestId('bar').boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + 60);
  await page.keyboard.down('Control');
  await page.mouse.wheel(0, -50);
  await page.keyboard.up('Control');
  await expect(page.getByTestId('locus')).not.toHaveValue('[mem 0x0-0x1ffffff]');
  const r = parseLocus(await page.getByTestId('locus').inputValue());
  expect(r.ok && r.kind === 'range' && r.end - r.start).toBeLessThan(0x1ffffff);
});
