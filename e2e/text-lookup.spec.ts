/**
 * The step as text and the address lookup, as a kernel engineer would use them: read
 * /proc/iomem at the crashkernel step, copy it, diff it with the step before; type an address,
 * read who owns it and every change, click a change to go to that step. At 1440×900 and
 * 1024×700, light and dark.
 */
import { openApp, settle, snap, stepTitle, stepUntil } from './app';
import { expect, test } from './fixtures';

const SIZES = [
  { width: 1440, height: 900 },
  { width: 1024, height: 700 },
] as const;

for (const size of SIZES)
  for (const scheme of ['light', 'dark'] as const) {
    const tag = `${size.width}x${size.height}-${scheme}`;
    test.describe(`text and lookup at ${tag}`, () => {
      test.use({
        viewport: size,
        colorScheme: scheme,
        permissions: ['clipboard-read', 'clipboard-write'],
      });

      test('As text: /proc/iomem at the crashkernel step, copied, and diffed with the step before', async ({
        page,
      }, info) => {
        await openApp(page);
        await stepUntil(page, 'crashkernel 128 MiB@16 MiB reserved');
        await page.getByTestId('step-tab-text').click();
        const body = page.getByTestId('state-text-body');
        await expect(body).toContainText('00100000-bff6ffff : System RAM');
        await expect(body).toContainText('  00f9b000-0111afff : node 0 bootmem bitmap');
        await expect(body).toContainText('  01000000-08ffffff : Crash kernel');
        await page.getByTestId('state-text-copy').click();
        const copied = await page.evaluate(() => navigator.clipboard.readText());
        expect(copied).toBe((await body.textContent())?.replace(/\n$/, ''));
        expect(copied.split('\n')[0]).toBe('00000000-0009fbff : System RAM');
        await snap(page, info, `text-${tag}-1-iomem`);

        // 2.6.23 puts crashk_res in the tree from the command line on, so the step that
        // reserves it changes no line: the page says so.
        await page.getByTestId('text-diff-toggle').check();
        await expect(page.getByTestId('state-text')).toContainText(
          '/proc/iomem is the same at steps 30 and 31',
        );
        await page.getByTestId('text-diff-from').fill('9');
        await expect(body).toContainText('--- step 9');
        await expect(body).toContainText('+++ step 31');
        await expect(body).toContainText('+  00f9b000-0111afff : node 0 bootmem bitmap');
        await snap(page, info, `text-${tag}-2-diff`);

        await page.getByTestId('text-diff-from').fill('zz');
        await expect(page.getByRole('alert')).toContainText('"zz" is not a step');

        await page.getByLabel('this step').check();
        await page.getByLabel('allocator tables').check();
        await expect(body).toContainText('# bootmem bitmaps');
        await expect(body).toContainText('node 0: bootmem bitmap pfn 0x0-0xbfffff');
      });

      test('Address lookup: owner now, every change, a click goes to that step', async ({
        page,
      }, info) => {
        await openApp(page);
        await page.keyboard.press('End');
        await page.getByTestId('step-tab-lookup').click();
        const input = page.getByTestId('lookup-input');
        await input.fill('hello');
        await input.press('Enter');
        await expect(page.getByTestId('lookup-error')).toContainText('"hello" is not an address');
        await input.fill('16M');
        await input.press('Enter');
        await expect(page.getByTestId('lookup-error')).toHaveCount(0);
        const owners = page.getByTestId('lookup-owners');
        await expect(owners).toContainText('PHYSICAL 0x1000000 (16 MiB)  PFN 0x1000');
        await expect(owners).toContainText('zone            DMA32 (node 0)');
        await expect(owners).toContainText('reserved by     kdump kernel (loaded)');
        const history = page.getByTestId('lookup-history');
        await expect(history).toContainText('+ crash window: crashkernel window (reserved)');
        await expect(history).toContainText(
          'bootmem bit of pfn 0x1000 on node 0: gone (bitmap retired)',
        );
        await snap(page, info, `lookup-${tag}-1-owner`);

        await page.getByTestId('lookup-step-10').click();
        await page.getByTestId('step-tab-step').click();
        await expect(stepTitle(page)).toContainText('node 0 bootmem bitmap placed');
        await page.getByTestId('step-tab-lookup').click();
        await expect(page.getByTestId('lookup-owners')).toContainText(
          'bootmem bitmap  node 0 bootmem bitmap',
        );
        await expect(page.getByTestId('lookup-history').locator('li.current')).toContainText(
          'step 10',
        );
        await page.getByTestId('lookup-input').fill('pfn 0xc00004');
        await page.getByTestId('lookup-go').click();
        await expect(page.getByTestId('lookup-owners')).toContainText('node            node 1');
        await expect(page.getByTestId('lookup-history')).toContainText('NODE_DATA(1)');
        await settle(page);
        await snap(page, info, `lookup-${tag}-2-stepped`);
      });
    });
  }

test('As text left for the inspector keeps its choices and shows the step it comes back to', async ({
  page,
}) => {
  await openApp(page);
  await stepUntil(page, 'crashkernel 128 MiB@16 MiB reserved');
  await page.getByTestId('step-tab-text').click();
  await page.getByLabel('allocator tables').check();
  const state = page.getByTestId('state-text');
  await expect(state).toContainText('allocator tables after step 31');
  // Hidden, the panel follows no step; shown again, it has the current one.
  await page.getByTestId('step-tab-step').click();
  await page.keyboard.press('End');
  await expect(page.getByTestId('step-counter')).toHaveText(/^Step 38 /);
  await page.getByTestId('step-tab-text').click();
  await expect(page.getByLabel('allocator tables')).toBeChecked();
  await expect(state).toContainText('allocator tables after step 38');
  await expect(page.getByTestId('state-text-body')).toContainText('# bootmem bitmaps');
});

test('Allocator tables of a big machine come from the worker while the steps go on', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await openApp(page, '#scenario=stress-10000&model=memblock-6.1&step=3000');
  await expect(page.getByTestId('step-counter')).toHaveText(/^Step 3000 /);
  await page.getByTestId('step-tab-text').click();
  await page.getByLabel('allocator tables').check();
  const state = page.getByTestId('state-text');
  const body = page.getByTestId('state-text-body');
  await expect(state).toContainText('allocator tables after step 3000', { timeout: 60_000 });
  await expect(body).toContainText('# memblock_dump_all');
  await expect(body).toContainText(' reserved.cnt  = 0x');
  // Five steps in a row: the page follows each, the tables come for the last.
  const next = page.getByRole('button', { name: /^Next step/ });
  for (let i = 0; i < 5; i++) await next.click();
  await expect(page.getByTestId('step-counter')).toHaveText(/^Step 3005 /);
  await expect(state).toContainText('allocator tables after step 3005', { timeout: 60_000 });
  await expect(body).toContainText('# memblock_dump_all');
});
