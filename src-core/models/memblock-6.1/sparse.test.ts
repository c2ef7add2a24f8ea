import { describe, expect, it } from 'vitest';
import { MAX_PHYS } from '../../base/addr';
import { preset } from '../../features/presets';
import type { Scenario } from '../../input/scenario';
import { MAX_ARCH_PFN } from './e820';
import { runMemblock61 } from './model';

describe('sparse_init above MAX_PHYSMEM_BITS', () => {
  it('gives memory above 64 TiB no sections, so a petabyte machine still simulates', () => {
    const seed = preset('seed-6.1') as Scenario;
    const huge: Scenario = {
      ...seed,
      machine: {
        e820: [...seed.machine.e820.slice(0, -1), { start: 2 ** 32, end: MAX_PHYS, type: 1 }],
        nodes: [],
      },
    };
    const sim = runMemblock61(huge);
    const sparse = sim.regions.filter((r) => r.owner === 'sparse');
    expect(sparse.length).toBeGreaterThan(0);
    // 512 Ki sections below 2^46 need far fewer than a million allocations.
    expect(sim.events.length).toBeLessThan(100_000);
    for (const r of sparse) expect(r.end).toBeLessThanOrEqual(MAX_ARCH_PFN * 4096);
  });
});
