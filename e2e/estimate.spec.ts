/**
 * "How big must crashkernel be?": on the 16 GiB two-node QEMU machine (crashkernel=256M) the
 * advisor's "How big" tab boots the capture kernel in windows of every size and shows the
 * smallest that works as a stacked bar of its parts beside the 256 MiB asked for; a bigger
 * initramfs makes 256 MiB too small; trying the recommended option puts it on the command line,
 * and the timeline ends with the capture kernel's boot.
 */
import { estimateCrashkernel, preset, type Scenario } from '../src-core';
import { hoverLane, openApp, showRange, snap, stepTitle } from './app';
import { expect, test } from './fixtures';

test('the advisor says how big crashkernel must be, part by part, and the capture kernel boots on the timeline', async ({
  page,
}, info) => {
  await openApp(page);
  await page.getByTestId('scenario-select').selectOption('qemu-6.1-numa-16g');
  await page.keyboard.press('k');
  await page.getByRole('tab', { name: 'How big' }).click();
  const want = estimateCrashkernel(preset('qemu-6.1-numa-16g') as Scenario, 'memblock-6.1');
  if (!want.ok) throw new Error(want.error);
  const mib = want.estimate.size / 2 ** 20;
  await expect(page.getByTestId('estimate-answer')).toContainText(`crashkernel=${mib}M`);
  const parts = page.getByTestId('estimate-bar').locator('.estimate-part');
  expect(await parts.count()).toBeGreaterThanOrEqual(8);
  await expect(
    page.getByTestId('estimate-bar').locator('[data-part="swiotlb bounce buffer"]'),
  ).toHaveCount(1);
  await expect(page.getByTestId('estimate-parts')).toContainText(
    'userspace: makedumpfile working set',
  );
  // 256 MiB asked for is more than needed: its bar is not marked short.
  await expect(page.getByTestId('estimate-window')).not.toHaveClass(/short/);
  await expect(page.getByTestId('estimate-tables')).toContainText('RHEL 9 / Fedora default');
  await snap(page, info, '60-estimate');

  // A 64 MiB initramfs: 256 MiB is no longer enough.
  const field = page.getByLabel('kdump initramfs size');
  await field.fill('64M');
  await expect(page.getByTestId('estimate-answer')).not.toContainText(`crashkernel=${mib}M`);
  await expect(page.getByTestId('estimate-window')).toHaveClass(/short/);
  const bigger = Number(
    /crashkernel=(\d+)M/.exec((await page.getByTestId('estimate-answer').textContent()) ?? '')?.[1],
  );
  expect(bigger).toBeGreaterThan(256);
  await field.fill('nonsense');
  await expect(page.getByTestId('estimate')).toContainText('initramfs');
  await field.fill('64M');
  await snap(page, info, '61-estimate-too-small');

  // Try the recommended plain size: it goes on the command line; the timeline's last phase is
  // the capture kernel booting in the new window.
  const first = page.getByTestId('estimate-recommended').getByTestId('suggestion').first();
  await expect(first.locator('code')).toHaveText(`crashkernel=${bigger}M`);
  await first.getByRole('button', { name: /^Try/ }).click();
  await expect(page.getByTestId('scenario')).toContainText(`crashkernel=${bigger}M`);
  await page.getByRole('button', { name: 'Close the advisor (K)' }).click();
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press('End');
  await expect(page.getByTestId('inspector')).toContainText(
    'After the crash: the capture kernel boots',
  );
  await expect(stepTitle(page)).toHaveText('mem_init_print_info');
  await expect(page.getByTestId('inspector')).toContainText('Memory: ');
  await snap(page, info, '62-capture-kernel-phase');
  // The window's lane holds what the capture kernel put there: zoom onto its image and hover.
  const big = estimateCrashkernel(preset('qemu-6.1-numa-16g') as Scenario, 'memblock-6.1', {
    initrd: 64 * 2 ** 20,
  });
  if (!big.ok) throw new Error(big.error);
  const k = big.estimate.capture.layout.kernel;
  await showRange(page, `0x${k.start.toString(16)}-0x${k.end.toString(16)}`);
  const tip = await hoverLane(page, 'crashkernel', 0.5, 1);
  await expect(tip).toContainText('capture: kernel image');
  await snap(page, info, '63-capture-kernel-in-window');
});
