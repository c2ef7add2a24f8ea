/**
 * The model selector lists every model the engine has (MODELS grows as generations are
 * added), switching keeps the boot phase when the other model has it, and re-selecting the
 * current model keeps the view.
 */
import { MODELS, PHASE_TITLES } from '../src-core';
import { openApp, showRange, snap, stepTitle, stepUntil } from './app';
import { expect, test } from './fixtures';

test('the model selector lists every model and switching keeps the phase and the view', async ({
  page,
}, info) => {
  await openApp(page);
  const select = page.getByTestId('model-select');
  // The models to show; the "Compare … with" group below them opens the compare view.
  const values = await select
    .locator(':scope > option')
    .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
  expect(values).toEqual(MODELS.map((m) => m.id));
  const compare = await select
    .locator('optgroup option')
    .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
  expect(compare).toEqual(
    MODELS.filter((m) => m.id !== 'bootmem-2.6.23').map((m) => `compare:${m.id}`),
  );
  await expect(select).toHaveValue('bootmem-2.6.23');

  await stepUntil(page, 'crashkernel 128 MiB@16 MiB reserved');
  await showRange(page, '0xf80000-0x113ffff');
  const phase = PHASE_TITLES.crashkernel;
  await expect(page.getByTestId('inspector')).toContainText(phase);
  for (const m of MODELS) {
    await select.selectOption(m.id);
    await expect(select).toHaveValue(m.id);
    await expect(page.getByTestId('bar')).toBeVisible();
    // Every model of these boots has a crash kernel phase; the step stays in it.
    const summary = await page.getByTestId('summary').textContent();
    if (!summary?.includes('refused') && (await page.getByTestId('inspector').count()) > 0)
      await expect(page.getByTestId('inspector')).toContainText(phase);
    await expect(page.getByTestId('locus')).toHaveValue('[mem 0xf80000-0x113ffff]');
    await snap(page, info, `12-model-${m.id}`);
  }
  await select.selectOption('bootmem-2.6.23');
  await expect(stepTitle(page)).toHaveText('crashkernel 128 MiB@16 MiB reserved');
  await expect(page.getByTestId('locus')).toHaveValue('[mem 0xf80000-0x113ffff]');
  await expect(page.getByTestId('step-counter')).toHaveText('Step 31 / 38');
});
