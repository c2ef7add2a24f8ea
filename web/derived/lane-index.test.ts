import { describe, expect, it } from 'vitest';
import { DEFAULT_PRESET, preset, simulate, stressScenario, type Region } from '../../src-core';
import { buildLayout, IDENTITY_LAYOUT } from '../viewport/layout';
import { forEachIn, laneIndex, laneIndexGradually } from './lane-index';
import { indexSimulation } from './sim-index';

const sim = (() => {
  const r = simulate(preset(DEFAULT_PRESET)!);
  if (!r.ok) throw new Error(r.error);
  return r.sim;
})();
const si = indexSimulation(sim);

type Lane = Parameters<typeof laneIndex>[0]['lanes'][number];
const laneOfRegion = (r: Region): Lane => (r.lane === 'reserved' && r.alloc ? 'alloc' : r.lane);
const aliveAt = (r: Region, step: number) => r.born <= step && (r.died ?? Infinity) > step;

const LAST = sim.events.length - 1;

const inWindow = (lane: Lane, a: number, b: number, step = LAST) => {
  const out: Region[] = [];
  const l = laneIndex(si, IDENTITY_LAYOUT).get(lane);
  if (l) forEachIn(l, a, b, step, (r) => out.push(r));
  return out;
};

describe('laneIndex on the seed', () => {
  it('finds exactly the regions that intersect a window, overlapping ones included', () => {
    const got = inWindow('reserved', 0xf5000, 0xf6000).map((r) => r.label);
    expect(got.sort()).toEqual(['MP config table', 'MP floating pointer']);
  });
  it('finds a region that starts far left of the window but reaches into it', () => {
    const got = inWindow('node', 0x1000000, 0x1001000).map((r) => r.label);
    expect(got).toEqual(['node 0']);
  });
  it('agrees with a linear scan for many windows', () => {
    for (let a = 0; a < 0x1800000000; a += 0x2345678901) {
      const b = a + 0x40000000;
      for (const lane of si.lanes) {
        if (lane === 'bits') continue;
        const want = sim.regions
          .filter((r) => laneOfRegion(r) === lane)
          .filter((r) => r.start < b && r.end > a && aliveAt(r, LAST))
          .map((r) => r.id)
          .sort((x, y) => x - y);
        expect(
          inWindow(lane, a, b)
            .map((r) => r.id)
            .sort((x, y) => x - y),
        ).toEqual(want);
      }
    }
  });
  it('visits only the regions alive at the step, as a linear scan finds them', () => {
    for (const step of [0, 1, Math.floor(LAST / 3), Math.floor((2 * LAST) / 3), LAST]) {
      for (const lane of si.lanes) {
        if (lane === 'bits') continue;
        const want = sim.regions
          .filter((r) => laneOfRegion(r) === lane && aliveAt(r, step))
          .map((r) => r.id)
          .sort((x, y) => x - y);
        expect(
          inWindow(lane, 0, 2 ** 52, step)
            .map((r) => r.id)
            .sort((x, y) => x - y),
        ).toEqual(want);
      }
    }
  });
  it('is rebuilt for a new layout and reused for the same one', () => {
    const l = buildLayout({ boundaries: si.boundaries, keep: si.keep });
    expect(laneIndex(si, l)).toBe(laneIndex(si, l));
    expect(laneIndex(si, l)).not.toBe(laneIndex(si, IDENTITY_LAYOUT));
  });
});

describe('indexSimulation on the seed', () => {
  it('lists the lanes with something to show, in bar order', () => {
    expect(si.lanes).toEqual([
      'e820',
      'node',
      'zone',
      'bits',
      'bitmap',
      'reserved',
      'alloc',
      'buddy',
      'crashkernel',
      'conflict',
    ]);
  });
  it('gives overlapping live regions different rows and lifetimes that never meet one row', () => {
    const mpf = sim.regions.find((r) => r.label === 'MP floating pointer')!;
    const mpc = sim.regions.find((r) => r.label === 'MP config table')!;
    expect(si.rowOf.get(mpf.id)).not.toBe(si.rowOf.get(mpc.id));
    const recorded = sim.regions.find((r) => r.lane === 'crashkernel' && r.died !== undefined)!;
    const reserved = sim.regions.find((r) => r.lane === 'crashkernel' && r.died === undefined)!;
    expect(si.rowOf.get(recorded.id)).toBe(si.rowOf.get(reserved.id));
  });
  it('links each region to the steps whose events create, end or act on it', () => {
    const bitmap = sim.regions.find((r) => r.label === 'node 0 bootmem bitmap')!;
    const steps = sim.events
      .filter((e) => e.start === bitmap.start && e.end === bitmap.end)
      .map((e) => e.step);
    expect(steps).toContain(bitmap.born);
    expect(steps).toContain(bitmap.died);
    expect(si.stepsByRegion.get(bitmap.id)).toEqual(steps);
    const kernel = sim.regions.find((r) => r.label === 'kernel image (_text.._end)')!;
    const reserved = sim.events.find((e) => e.label === 'kernel image (_text.._end) reserved')!;
    expect(si.stepsByRegion.get(kernel.id)).toContain(reserved.step);
    expect(si.regionsByStep.get(reserved.step)).toContain(kernel.id);
  });
});

describe('laneIndex made in stages', () => {
  /** Enough regions that placing them pauses more than once (20,000 per slice). */
  const big = (() => {
    const r = simulate(stressScenario(30_000));
    if (!r.ok) throw new Error(r.error);
    return r.sim;
  })();

  it('is the index made at once, and the bar then finds it made', async () => {
    const bsi = indexSimulation(big);
    const layout = buildLayout({ boundaries: bsi.boundaries, keep: bsi.keep });
    let pauses = 0;
    const done = await laneIndexGradually(bsi, layout, async () => {
      pauses++;
      return true;
    });
    expect(done).toBe(true);
    expect(pauses).toBeGreaterThan(big.regions.length / 20_000);
    const made = laneIndex(bsi, layout);
    // A copy of the index is indexed afresh, at once: the same lanes, regions and positions.
    expect(laneIndex({ ...bsi }, layout)).toEqual(made);
    expect(laneIndex(bsi, layout)).toBe(made);
  });

  it('stops at the first pause that says no, and keeps nothing', async () => {
    const bsi = { ...indexSimulation(big) };
    let pauses = 0;
    expect(await laneIndexGradually(bsi, IDENTITY_LAYOUT, async () => ++pauses < 2)).toBe(false);
    expect(pauses).toBe(2);
    const once = laneIndex(bsi, IDENTITY_LAYOUT);
    expect(laneIndex(bsi, IDENTITY_LAYOUT)).toBe(once);
    expect([...once.values()].reduce((n, l) => n + l.regions.length, 0)).toBe(big.regions.length);
  });
});
