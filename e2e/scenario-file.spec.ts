/** Opening a scenario file: bad files are explained, good ones replace the view. */
import { DEFAULT_PRESET, preset, scenarioToJson } from '../src-core';
import { openApp, snap } from './app';
import { expect, test } from './fixtures';

test('a broken file says where it breaks and keeps the current scenario', async ({
  page,
}, info) => {
  await openApp(page);
  await page.getByTestId('scenario-file').setInputFiles({
    name: 'broken.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{\n  "version": 1,\n  oops\n}'),
  });
  await expect(page.getByTestId('load-error')).toContainText(
    'broken.json is not valid JSON at line 3, column 3',
  );
  await expect(page.getByTestId('summary')).toContainText('0xf9b000');
  await snap(page, info, '16-bad-scenario-file');
});

test('a valid file with a different crashkernel is simulated and shown', async ({ page }) => {
  await openApp(page);
  const json = scenarioToJson(preset(DEFAULT_PRESET)!) as { cmdline: string; name: string };
  json.cmdline = json.cmdline.replace('crashkernel=128M@16M', 'crashkernel=128M@256M');
  json.name = 'moved-crashkernel';
  await page.getByTestId('scenario-file').setInputFiles({
    name: 'moved.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(json)),
  });
  await expect(page.getByTestId('scenario-select')).toHaveValue('moved.json');
  await expect(page.getByTestId('summary')).toContainText('crashkernel reserved at 0x10000000');
  await expect(page.getByTestId('step-counter')).toHaveText(/Step 0 \//);
});
