import { describe, expect, it } from 'vitest';
import { regionsAt } from './events';
import { preset } from './presets';
import { simulate } from './simulate';
import { bitmapBitsAt } from './state';

const sim = () => {
  const r = simulate(preset('seed-2.6.23')!);
  if (!r.ok) throw new Error(r.error);
  return r.sim;
};

describe('state at a step is a pure function of the simulation and the step', () => {
  it('regions appear at their step and end when they end', () => {
    const s = sim();
    const bitmapStep = s.events.find((e) => e.kind === 'bitmap' && e.node === 0)!.step;
    const freedStep = s.events.find((e) => e.kind === 'bitmap-freed' && e.node === 0)!.step;
    const bitmapAt = (step: number) =>
      regionsAt(s.regions, step).filter((r) => r.lane === 'bitmap' && r.node === 0);
    expect(bitmapAt(bitmapStep - 1)).toEqual([]);
    expect(bitmapAt(bitmapStep)).toHaveLength(1);
    expect(bitmapAt(freedStep)).toEqual([]);
  });
  it('node 0 bitmap bits: all set at init, RAM cleared, then the crashkernel set on top', () => {
    const s = sim();
    const init = s.events.find((e) => e.kind === 'bootmem-init' && e.node === 0)!.step;
    expect(bitmapBitsAt(s.bitOps, init).get(0)).toEqual([{ start: 0, end: 0xc00000 }]);
    const crash = s.events.find((e) => e.phase === 'crashkernel')!.step;
    const bits = bitmapBitsAt(s.bitOps, crash).get(0)!;
    expect(bits.some((r) => r.start <= 0xf9b && r.end >= 0x9000)).toBe(true);
    const retired = s.events.find((e) => e.kind === 'free-all' && e.node === 0)!.step;
    expect(bitmapBitsAt(s.bitOps, retired).has(0)).toBe(false);
  });
});
