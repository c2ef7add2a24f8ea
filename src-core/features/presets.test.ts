import { describe, expect, it } from 'vitest';
import { modelById } from '../models';
import { preset, PRESET_NAMES } from './presets';
import { simulate } from '../models/simulate';

describe('presets', () => {
  it('include the seed under every generation, real 6.1 boots, a laptop, a big server, ,high and memmap holes', () => {
    expect(PRESET_NAMES).toEqual(
      expect.arrayContaining([
        'seed-2.6.23',
        'seed-2.6.24',
        'seed-2.6.27',
        'seed-2.6.33',
        'seed-2.6.34',
        'seed-6.1',
        'qemu-6.1-4g',
        'laptop-4g',
        'server-1t-8node',
        'qemu-6.1-6g-high',
        'qemu-6.1-memmap-holes',
      ]),
    );
  });
  for (const name of PRESET_NAMES) {
    it(`${name} is valid and runs under its own model without a panic`, () => {
      const s = preset(name)!;
      expect(s.name).toBe(name);
      expect(modelById(s.model)).toBeDefined();
      const r = simulate(s);
      expect(r.ok && r.sim.panic).toBeNull();
    });
  }
  it('the ,high preset reserves a high window and a low part, as the real boot did', () => {
    const r = simulate(preset('qemu-6.1-6g-high')!);
    expect(r.ok && r.sim.crashkernel).toMatchObject({
      outcome: 'reserved',
      start: 0x19f000000,
      low: { start: 0xaf000000, end: 0xbf000000 },
    });
  });
  it('unknown names give undefined', () => expect(preset('nope')).toBeUndefined());
});
