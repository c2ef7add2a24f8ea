import { describe, expect, it } from 'vitest';
import { preset } from '../../features/presets';
import type { Scenario } from '../../input/scenario';
import { simulate } from '../simulate';

/** The seed with node 1 starting 128 MiB past 48 GiB: hash shift 27, 768 map entries. */
function oddNodes(version: string, model: string): Scenario {
  const s = preset('seed-2.6.23') as Scenario;
  return {
    ...s,
    model,
    machine: {
      ...s.machine,
      nodes: [
        { node: 0, start: 0, end: 0xc08000000 },
        { node: 1, start: 0xc08000000, end: 0x1800000000 },
      ],
    },
    kernel: { ...s.kernel, version },
  };
}

/** The bytes the printed "NUMA: Allocated memnodemap from a - b" line covers. */
function placed(version: string, model: string): number {
  const r = simulate(oddNodes(version, model));
  if (!r.ok) throw new Error(r.error);
  const line = r.sim.events
    .flatMap((e) => e.dmesg.split('\n'))
    .find((l) => l.startsWith('NUMA: Allocated memnodemap'));
  const m = /from ([0-9a-f]+) - ([0-9a-f]+)/.exec(line ?? '');
  if (!m) throw new Error(`no memnodemap line (${version})`);
  return parseInt(m[2] as string, 16) - parseInt(m[1] as string, 16);
}

describe('memnodemap size by version (kernel/rules.ts memnodemap)', () => {
  it('2.6.23-2.6.26 pad the entries by L1_CACHE_BYTES - 1; 2.6.27 rounds 2-byte entries up', () => {
    // 768 entries; L1_CACHE_BYTES 128 until 2.6.27, 64 after.
    expect(placed('2.6.23', 'bootmem-2.6.23')).toBe(127 + 769);
    expect(placed('2.6.25', 'bootmem-2.6.24')).toBe(127 + 769);
    expect(placed('2.6.27', 'bootmem-exclusive-2.6.27')).toBe(Math.ceil((2 * 769) / 64) * 64);
  });

  it('the static map holds 48 one-byte entries before 2.6.25 and 56 two-byte ones from it', () => {
    // memnodemapsize = (end of RAM >> shift) + 1.
    const at = (end: number, version: string, model: string) => {
      const s = oddNodes(version, model);
      const r = simulate({
        ...s,
        machine: {
          ...s.machine,
          nodes: [
            { node: 0, start: 0, end },
            { node: 1, start: end, end: 0x1800000000 },
          ],
        },
      });
      if (!r.ok) throw new Error(r.error);
      return r.sim.events.some((e) => e.dmesg.includes('Allocated memnodemap'));
    };
    // Node 1 at 52 GiB (lowest set bit 2^32): 25 entries, static everywhere.
    expect(at(0xd00000000, '2.6.24', 'bootmem-2.6.24')).toBe(false);
    // At 50 GiB (2^31): 49 entries, one too many for 2.6.24, static from 2.6.25.
    expect(at(0xc80000000, '2.6.24', 'bootmem-2.6.24')).toBe(true);
    expect(at(0xc80000000, '2.6.25', 'bootmem-2.6.24')).toBe(false);
    // At 49 GiB (2^30): 97 entries, placed on both.
    expect(at(0xc40000000, '2.6.25', 'bootmem-2.6.24')).toBe(true);
  });
});
