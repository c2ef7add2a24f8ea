/** Browser history: steps and edits are entries Back returns to; zooming and panning are not. */
import { editorTab, linkState, openApp, settle } from './app';
import { expect, test } from './fixtures';

test('steps and edits add history entries, zoom and pan replace the link; Back and Forward follow them', async ({
  page,
}) => {
  await openApp(page);
  // The page opens on the story; step 0 is where this walk begins.
  await page.keyboard.press('Home');
  await settle(page);
  const entries = () => page.evaluate(() => history.length);
  const start = await entries();
  for (const key of ['w', 'w', 'd']) await page.keyboard.press(key);
  await settle(page);
  expect(await entries()).toBe(start);
  const zoomed = (await linkState(page))?.window;
  expect(zoomed).not.toBeNull();

  await page.keyboard.press('ArrowRight');
  await settle(page);
  expect(await entries()).toBe(start + 1);
  expect((await linkState(page))?.step).toBe(1);

  await editorTab(page, 'Command line');
  await page.getByRole('textbox', { name: 'Kernel command line' }).fill('ro crashkernel=128M@256M');
  await settle(page);
  expect(await entries()).toBe(start + 2);
  expect((await linkState(page))?.scenario.cmdline).toBe('ro crashkernel=128M@256M');
  // The header's title follows the edited command line.
  await expect(page.getByTestId('scenario')).toHaveText(
    /^96 GiB two-node server, 2\.6\.23, crashkernel=128M@256M /,
  );

  await page.goBack();
  await expect(page.getByTestId('summary')).toContainText('crashkernel reserved at 0x1000000;');
  await expect(page.getByTestId('step-counter')).toHaveText('Step 1 / 38');
  await page.goBack();
  await expect(page.getByTestId('step-counter')).toHaveText('Step 0 / 38');
  await page.goForward();
  await page.goForward();
  await expect(page.getByTestId('summary')).toContainText('crashkernel reserved at 0x10000000');
  await expect(page.getByRole('textbox', { name: 'Kernel command line' })).toHaveValue(
    'ro crashkernel=128M@256M',
  );
});
