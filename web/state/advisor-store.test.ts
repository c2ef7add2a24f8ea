import { beforeEach, describe, expect, it } from 'vitest';
import { preset } from '../../src-core';
import { adviceFor, advisorIdle, advisorSize, currentAdvice, useAdvisor } from './advisor-store';
import { loadScenario, setStep, simOf, useDoc } from './doc-store';
import { editCmdline } from '../editor/editor-store';

const seed = () => preset('seed-2.6.23')!;

beforeEach(() => {
  loadScenario({ kind: 'preset', name: 'seed-2.6.23' }, seed());
  useAdvisor.setState({ open: false, sizeText: null });
});

describe('the advisor’s size', () => {
  it('follows the command line’s crashkernel= unless one is typed', () => {
    const doc = useDoc.getState();
    expect(advisorSize(doc, null)).toEqual({ ok: true, value: 0x8000000, fromCmdline: true });
    expect(advisorSize(doc, '0x8000000')).toEqual({
      ok: true,
      value: 0x8000000,
      fromCmdline: false,
    });
    expect(advisorSize(doc, '1G')).toMatchObject({ ok: true, value: 2 ** 30 });
  });

  it('explains what is wrong with a typed size', () => {
    const doc = useDoc.getState();
    expect(advisorSize(doc, '12Q')).toMatchObject({
      ok: false,
      error: expect.stringContaining('unknown suffix "Q"'),
    });
    expect(advisorSize(doc, '')).toMatchObject({
      ok: false,
      error: expect.stringContaining('empty'),
    });
    expect(advisorSize(doc, '0')).toMatchObject({
      ok: false,
      error: expect.stringContaining('size 0'),
    });
    expect(advisorSize(doc, '1P')).toMatchObject({ ok: true });
    expect(advisorSize(doc, '8P')).toMatchObject({
      ok: false,
      error: expect.stringContaining('2^52'),
    });
  });

  it('says when the command line has none to follow', () => {
    loadScenario({ kind: 'preset', name: 'seed-2.6.23' }, { ...seed(), cmdline: 'ro quiet' });
    expect(advisorSize(useDoc.getState(), null)).toMatchObject({
      ok: false,
      error: 'the command line has no crashkernel=: type a size',
    });
    expect(adviceFor(useDoc.getState(), null)).toBeNull();
  });
});

/** Let the tasks that work out advice run. */
const settle = advisorIdle;

describe('advice is computed once per scenario, model and size, outside paints', () => {
  it('is pending, then lands, then is the same object until one of them changes', async () => {
    const doc = useDoc.getState();
    const landed = useAdvisor.getState().landed;
    expect(adviceFor(doc, '96M')).toBe('pending');
    await settle();
    expect(useAdvisor.getState().landed).toBe(landed + 1);
    const a = adviceFor(doc, '96M');
    expect(a).toMatchObject({ ok: true, advice: { size: 96 * 2 ** 20 } });
    expect(adviceFor(doc, '0x6000000')).toBe(a);
    setStep(20);
    expect(adviceFor(useDoc.getState(), '96M')).toBe(a);
    expect(adviceFor(doc, '64M')).not.toBe(a);
    expect(adviceFor({ ...doc, model: 'early-res-2.6.33' }, '96M')).not.toBe(a);
  });

  it('is drawn only while the advisor is open, once worked out', async () => {
    expect(currentAdvice()).toBeNull();
    useAdvisor.setState({ open: true });
    currentAdvice();
    await settle();
    expect(currentAdvice()?.size).toBe(0x8000000);
  });
});

describe('trying a suggestion edits the command line', () => {
  it('replaces crashkernel= as an edit: keeps the model and the phase, names the scenario edited', async () => {
    const before = useDoc.getState();
    const sim = simOf(before)!;
    setStep(sim.events.findIndex((e) => e.label === 'crashkernel 128 MiB@16 MiB reserved'));
    await editCmdline(
      before.scenario.cmdline.replace('crashkernel=128M@16M', 'crashkernel=128M@32M'),
    );
    const after = useDoc.getState();
    expect(after.source).toEqual({ kind: 'custom', name: 'seed-2.6.23 (edited)' });
    expect(after.model).toBe('bootmem-2.6.23');
    expect(after.scenario.machine).toEqual(before.scenario.machine);
    const run = simOf(after)!;
    expect(run.findings).toEqual([]);
    expect(run.events[after.step]?.phase).toBe('crashkernel');
  });
});
