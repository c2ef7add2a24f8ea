/** The seed incident, told step by step, as someone stepping through it sees it. */
import { snap, hoverLane, laneShare, RED, openApp, showRange, stepTitle, stepUntil } from './app';
import { expect, test } from './fixtures';

test('opens on the incident: the first finding framed, every finding listed, N walks them', async ({
  page,
}, info) => {
  await openApp(page);
  await expect(page.getByTestId('scenario')).toContainText('crashkernel=128M@16M');
  await expect(page.getByTestId('summary')).toContainText('0xf9b000');
  // "What happens" is whole: never cut with an ellipsis.
  await expect(page.getByTestId('summary')).toContainText('kexec corrupts 0x1000000-0x111afff.');
  const story = page.getByTestId('story').getByRole('button');
  await expect(story).toHaveCount(3);
  await expect(story.nth(0)).toContainText('step 31 Double reservation');
  await expect(story.nth(1)).toContainText('step 34 Freed while reserved');
  await expect(story.nth(2)).toContainText('step 38 Corrupted by kexec');
  // The page lands on the first finding, its range in the middle half of the bar.
  await expect(page.getByTestId('step-counter')).toHaveText('Step 31 / 38');
  await expect(story.nth(0)).toHaveAttribute('aria-current', 'step');
  await expect(page.getByTestId('findings')).toContainText('Double reservation — at this step');
  await expect(page.getByTestId('locus')).toHaveValue('[mem 0xf72800-0x11a87ff]');
  await snap(page, info, '01-open');
  // N: the next finding; a click on one goes back.
  await page.keyboard.press('n');
  await expect(page.getByTestId('step-counter')).toHaveText('Step 34 / 38');
  await page.keyboard.press('n');
  await expect(page.getByTestId('step-counter')).toHaveText('Step 38 / 38');
  await story.nth(0).click();
  await expect(page.getByTestId('step-counter')).toHaveText('Step 31 / 38');
  // Nothing before it is hidden: Home is step 0, where nothing is reserved yet, and the bar
  // draws the kernel image as loaded, not reserved.
  await page.keyboard.press('Home');
  await expect(stepTitle(page)).toHaveText('setup_arch() starts');
  await expect(page.getByTestId('inspector')).toContainText('Nothing is reserved yet');
  await showRange(page, '0x0-0x1000000');
  const kernel = await hoverLane(page, 'Reserved', 0.5);
  await expect(kernel).toContainText('kernel image');
  await expect(kernel).toContainText('not reserved yet');
  await expect(page.locator('.legend')).toContainText('in memory, not reserved yet');
  await expect(page.locator('.legend')).not.toContainText('collapsed gap');
});

test('node 0 bootmem bitmap is placed at 0xf9b000 and runs past 16 MiB', async ({ page }, info) => {
  await openApp(page);
  await stepUntil(page, 'node 0 bootmem bitmap placed at 0xf9b000');
  await expect(page.getByTestId('event-range')).toHaveText(
    '[mem 0x0000000000f9b000-0x000000000111afff]',
  );
  await expect(page.getByTestId('inspector')).toContainText('384 pages = 1.5 MiB');
  await showRange(page, '0xf00000-0x11fffff');
  const tip = await hoverLane(page, 'Bitmaps', 0.5);
  await expect(tip).toContainText('node 0 bootmem bitmap');
  await expect(tip).toContainText('[mem 0x0000000000f9b000-0x000000000111afff]');
  await expect(tip).toContainText('1.5 MiB');
  await expect(tip).toContainText('Created at step 10: early_node_mem');
  // Its bytes hold one bit per page of node 0; the next step, init_bootmem_node, sets them all.
  await stepUntil(page, 'node 0 bitmap: all pages reserved');
  const bits = await hoverLane(page, 'Bitmaps', 0.5);
  await expect(bits).toContainText(
    /Byte 0x[0-9a-f]+ holds the bits of pfn 0x[0-9a-f]+–0x[0-9a-f]+: 8 of 8 set/,
  );
  await snap(page, info, '02-bitmap-placed');
});

test('crashkernel=128M@16M is reserved on top of the bitmap and the overlap is highlighted', async ({
  page,
}, info) => {
  await openApp(page);
  await stepUntil(page, 'crashkernel 128 MiB@16 MiB reserved');
  const findings = page.getByTestId('findings');
  await expect(findings).toContainText('Double reservation — at this step');
  await expect(findings).toContainText('[mem 0x0000000001000000-0x000000000111afff]');
  await expect(page.locator('.event-row.current .badge')).toHaveText('double-reservation');
  await showRange(page, '0xf80000-0x113ffff');
  const tip = await hoverLane(page, 'Conflicts', 0.6);
  await expect(tip).toContainText('double-reservation');
  await expect(tip).toContainText('[mem 0x0000000001000000-0x000000000111afff]');
  // The conflict is drawn in red across its lane: well over a third of this window.
  expect(await laneShare(page, 'Conflicts', RED)).toBeGreaterThan(0.3);
  await snap(page, info, '03-crashkernel-overlap');
});

test('retiring bootmem hands 0x1000000-0x111afff to the page allocator while it is reserved', async ({
  page,
}, info) => {
  await openApp(page);
  await stepUntil(page, 'node 0: bitmap pages freed');
  await expect(page.getByTestId('findings')).toContainText('Freed while reserved — at this step');
  await expect(page.getByTestId('findings')).toContainText(
    '[mem 0x0000000001000000-0x000000000111afff]',
  );
  await showRange(page, '0x1000000-0x111afff');
  await expect(page.getByTestId('locus')).toHaveValue('[mem 0x1000000-0x111afff]');
  const freed = await hoverLane(page, 'Page allocator', 0.5);
  await expect(freed).toContainText('node 0 bitmap pages (freed)');
  await expect(freed).toContainText('[mem 0x0000000000f9b000-0x000000000111afff]');
  const window = await hoverLane(page, 'crashkernel', 0.5);
  await expect(window).toContainText('crashkernel window (reserved)');
  await snap(page, info, '04-bootmem-retired');
});

test('kexec loads the kdump kernel over the pages in use and the corruption is highlighted', async ({
  page,
}, info) => {
  await openApp(page);
  await page.keyboard.press('End');
  await expect(stepTitle(page)).toHaveText('kexec loads the kdump kernel');
  const findings = page.getByTestId('findings');
  await expect(findings.locator('.finding')).toHaveCount(3);
  await expect(findings.locator('.finding.new')).toContainText('Corrupted by kexec — at this step');
  await findings.locator('.finding.new').click();
  await expect(page.getByTestId('locus')).not.toHaveValue(/^\[mem 0x0-/);
  const tip = await hoverLane(page, 'Conflicts', 0.5, 2);
  await expect(tip).toContainText('kdump-corruption');
  await snap(page, info, '05-kexec-corruption');
});

test('under 2.6.27 the same request is refused: the dashed window shows what was in its way', async ({
  page,
}, info) => {
  await openApp(page);
  await page.getByTestId('scenario-select').selectOption('seed-2.6.27');
  await expect(page.getByTestId('model-select')).toHaveValue('bootmem-exclusive-2.6.27');
  await stepUntil(page, 'crashkernel reservation failed');
  await expect(page.getByTestId('inspector')).toContainText(
    'crashkernel reservation failed - memory is in use',
  );
  await expect(page.getByTestId('summary')).toContainText(
    'crashkernel refused: "crashkernel reservation failed - memory is in use"',
  );
  await expect(page.getByText('crashkernel refused, not reserved')).toBeVisible();
  await showRange(page, '0xf00000-0x1200000');
  const window = await hoverLane(page, 'crashkernel', 0.8);
  await expect(window).toContainText('crashkernel window (refused)');
  const bitmap = await hoverLane(page, 'Bitmaps', 0.5);
  await expect(bitmap).toContainText('[mem 0x0000000000f9b000-0x000000000111afff]');
  await snap(page, info, '06-2.6.27-refused');
  await page.getByRole('button', { name: 'Last step (End)' }).click();
  await expect(page.getByTestId('step-counter')).toHaveText('Step 23 / 23');
  await expect(stepTitle(page)).toHaveText('node 1: bitmap pages freed');
  await expect(page.getByTestId('findings').locator('.finding')).toHaveCount(0);
  // Still drawn at the end; it reserves nothing, so freeing the bitmap there conflicts with nothing.
  await expect(await hoverLane(page, 'crashkernel', 0.8)).toContainText('(refused)');
});
