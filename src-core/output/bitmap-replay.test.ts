import { describe, expect, it } from 'vitest';
import { regionsAt } from './events';
import { preset, DEFAULT_PRESET } from '../features/presets';
import { simulate } from '../models/simulate';
import { BitmapReplay, bitmapBitsAt, bitmapsAt } from './bitmap-replay';

const sim = (() => {
  const r = simulate(preset(DEFAULT_PRESET)!);
  if (!r.ok) throw new Error(r.error);
  return r.sim;
})();
const step = (kind: string, node?: number) =>
  sim.events.find((e) => e.kind === kind && (node === undefined || e.node === node))!.step;

describe('bitmapsAt: the live bootmem bitmaps of the seed', () => {
  it('node 0 covers its 48 GiB and marks the bitmap pages reserved after they are reserved', () => {
    const at = bitmapsAt(sim.bitOps, step('reserve', 0) + 1);
    const n0 = at.get(0)!;
    expect(n0.pages).toEqual({ start: 0, end: 0xc00000 });
    expect(n0.set.some((r) => r.start <= 0xf9b && r.end >= 0x111b)).toBe(true);
  });
  it('is empty before any bitmap and after both are retired', () => {
    expect(bitmapsAt(sim.bitOps, 0).size).toBe(0);
    expect(bitmapsAt(sim.bitOps, sim.events.length - 1).size).toBe(0);
  });
  it('agrees with bitmapBitsAt at every step', () => {
    for (let s = 0; s < sim.events.length; s++) {
      const bits = bitmapBitsAt(sim.bitOps, s);
      const maps = bitmapsAt(sim.bitOps, s);
      expect([...bits.keys()]).toEqual([...maps.keys()]);
      for (const [n, runs] of bits) expect(runs).toEqual(maps.get(n)!.set);
    }
  });
});

describe('BitmapReplay: stepping forward and back gives what a fresh replay gives', () => {
  it('matches bitmapsAt at every step, in any order', () => {
    const replay = new BitmapReplay(sim.bitOps);
    const order = [...sim.events.keys(), 20, 3, 33, 12, 12, 38, 0];
    for (const s of order) expect(replay.at(s)).toEqual(bitmapsAt(sim.bitOps, s));
  });
});

const simSeed = () => {
  const r = simulate(preset('seed-2.6.23')!);
  if (!r.ok) throw new Error(r.error);
  return r.sim;
};

describe('state at a step is a pure function of the simulation and the step', () => {
  it('regions appear at their step and end when they end', () => {
    const s = simSeed();
    const bitmapStep = s.events.find((e) => e.kind === 'bitmap' && e.node === 0)!.step;
    const freedStep = s.events.find((e) => e.kind === 'bitmap-freed' && e.node === 0)!.step;
    const bitmapAt = (step: number) =>
      regionsAt(s.regions, step).filter((r) => r.lane === 'bitmap' && r.node === 0);
    expect(bitmapAt(bitmapStep - 1)).toEqual([]);
    expect(bitmapAt(bitmapStep)).toHaveLength(1);
    expect(bitmapAt(freedStep)).toEqual([]);
  });
  it('node 0 bitmap bits: all set at init, RAM cleared, then the crashkernel set on top', () => {
    const s = simSeed();
    const init = s.events.find((e) => e.kind === 'bootmem-init' && e.node === 0)!.step;
    expect(bitmapBitsAt(s.bitOps, init).get(0)).toEqual([{ start: 0, end: 0xc00000 }]);
    const crash = s.events.find((e) => e.phase === 'crashkernel')!.step;
    const bits = bitmapBitsAt(s.bitOps, crash).get(0)!;
    expect(bits.some((r) => r.start <= 0xf9b && r.end >= 0x9000)).toBe(true);
    const retired = s.events.find((e) => e.kind === 'free-all' && e.node === 0)!.step;
    expect(bitmapBitsAt(s.bitOps, retired).has(0)).toBe(false);
  });
});
