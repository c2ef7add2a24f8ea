import { describe, expect, it } from 'vitest';
import { advise, MiB, preset, simulate, type Advice } from '../../src-core';
import { LIGHT } from '../theme/palette';
import { IDENTITY_LAYOUT } from '../viewport/layout';
import { frameU } from '../viewport/viewport';
import { buildScene } from './build-scene';
import { intervalAt, intervalsBetween, lastBase } from './draw-advice';
import { hitTest } from './hit-test';

const seed = preset('seed-2.6.23')!;
const sim = (() => {
  const r = simulate(seed, 'bootmem-2.6.23');
  if (!r.ok) throw new Error(r.error);
  return r.sim;
})();
const advice: Advice = (() => {
  const r = advise(seed, 'bootmem-2.6.23', 128 * MiB);
  if (!r.ok) throw new Error(r.error);
  return r.advice;
})();

/** A scene of `width` px over [start, end) without collapsing; the context is never used. */
function scene(start: number, end: number, width = 1000) {
  const view = frameU(start, end, { total: IDENTITY_LAYOUT.total, width });
  return buildScene({} as CanvasRenderingContext2D, {
    sim,
    step: 0,
    view,
    layout: IDENTITY_LAYOUT,
    width,
    colours: LIGHT,
    advice,
    selection: null,
  });
}

describe('the advisor lane', () => {
  it('finds the interval holding an address by binary search', () => {
    const iv = advice.intervals[intervalAt(advice.intervals, 16 * MiB)];
    expect(iv).toMatchObject({ start: 0x100000, end: 0x111b000, verdict: 'corrupts' });
    expect(lastBase(iv!, advice.align)).toBe(0x111a000);
    expect(intervalAt(advice.intervals, 0)).toBe(0);
  });

  it('visits only the intervals in view, with their pixel spans', () => {
    const s = scene(0, 32 * MiB);
    const shown = intervalsBetween(s, advice, 0, s.width);
    expect(shown.map((x) => advice.intervals[x.i]?.verdict)).toEqual(['fails', 'corrupts', 'safe']);
    const corrupts = shown[1]!;
    expect(corrupts.x0).toBeCloseTo((0x100000 / (32 * MiB)) * 1000, 3);
  });

  it('has the lane only while there is advice, right after the crashkernel lane', () => {
    const s = scene(0, 32 * MiB);
    const ids = s.lanes.map((l) => l.id);
    expect(ids.indexOf('advice')).toBe(ids.indexOf('crashkernel') + 1);
    const none = buildScene({} as CanvasRenderingContext2D, {
      sim,
      step: 0,
      view: s.view,
      layout: IDENTITY_LAYOUT,
      width: 1000,
      colours: LIGHT,
      advice: null,
      selection: null,
    });
    expect(none.lanes.map((l) => l.id)).not.toContain('advice');
  });

  it('hovering picks the worst verdict under the pointer, slivers included', () => {
    // The whole 96 GiB machine on 1000 px: node 1's NODE_DATA and bitmap (a few hundred KiB
    // of corrupting bases) are far below a pixel, and must still be hoverable.
    const s = scene(0, 96 * 1024 * MiB);
    const lane = s.lanes.find((l) => l.id === 'advice')!;
    const y = lane.y + lane.h / 2;
    const at = (addr: number) => hitTest(s, (addr / (96 * 1024 * MiB)) * 1000, y);
    const hit = at(0xc00000000);
    expect(hit?.kind).toBe('advice');
    if (hit?.kind !== 'advice') return;
    expect(advice.intervals[hit.index]).toMatchObject({ verdict: 'corrupts' });
    expect(advice.intervals[hit.index]?.reason).toMatch(/NODE_DATA\(1\)|node 1 bootmem bitmap/);
    const safe = at(20 * 1024 * MiB);
    expect(safe?.kind === 'advice' && advice.intervals[safe.index]?.verdict).toBe('safe');
  });
});
