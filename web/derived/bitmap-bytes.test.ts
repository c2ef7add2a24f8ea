import { describe, expect, it } from 'vitest';
import { DEFAULT_PRESET, preset, simulate, bitmapsAt } from '../../src-core';
import { pagesOfBytes, setCount } from './bitmap-bytes';

const sim = (() => {
  const r = simulate(preset(DEFAULT_PRESET)!);
  if (!r.ok) throw new Error(r.error);
  return r.sim;
})();

describe('bitmap bytes', () => {
  const crash = sim.events.find((e) => e.phase === 'crashkernel')!;
  const node0 = bitmapsAt(sim.bitOps, crash.step).get(0)!;
  it('byte b holds the bits of pages 8b to 8b+7', () => {
    expect(pagesOfBytes(node0, 0x200, 0x201)).toEqual({ start: 0x1000, end: 0x1008 });
    expect(pagesOfBytes(node0, 0, 0x180000)).toEqual(node0.pages);
  });
  it('counts the pages marked reserved: the crash window is all set, free RAM is clear', () => {
    expect(setCount(node0, pagesOfBytes(node0, 0x200, 0x201))).toBe(8);
    expect(setCount(node0, { start: 0x100000, end: 0x100008 })).toBe(0);
    expect(setCount(node0, { start: 0x8ffc, end: 0x9004 })).toBe(4);
  });
});
