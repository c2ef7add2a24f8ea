import { describe, expect, it } from 'vitest';
import { modelById } from '../../models';
import { preset } from '../../features/presets';
import { bitmapsAt } from '../bitmap-replay';
import { allocatorTableAt, allocatorText, bitmapLines } from './allocator-text';
import { run } from './test-runs';

describe('allocatorTableAt', () => {
  it('equals the memblock_dump_all a memblock=debug boot prints at that step', () => {
    for (const p of ['qemu-6.1-4g', 'qemu-6.1-numa-16g']) {
      const sim = run(p);
      const dump = sim.events.find((e) => e.fn === 'memblock_dump_all');
      expect(dump, p).toBeDefined();
      if (!dump) continue;
      expect(allocatorTableAt(sim, dump.step)).toEqual({
        kind: 'memblock',
        lines: dump.dmesg.split('\n'),
      });
    }
  });

  it('lists early_res in table order, the crash kernel from the step that reserves it', () => {
    const sim = run('seed-2.6.23', 'early-res-2.6.33');
    const crash = sim.events.find((e) => e.phase === 'crashkernel' && e.kind !== 'param');
    expect(crash).toBeDefined();
    const at = (s: number) => allocatorTableAt(sim, s)?.lines.join('\n') ?? '';
    expect(at((crash?.step ?? 1) - 1)).not.toContain('CRASH KERNEL');
    expect(at(crash?.step ?? 0)).toContain('#8 [0001000000 - 0009000000]     CRASH KERNEL');
  });

  it('does not change the run it asks', () => {
    for (const [p, m] of [
      ['seed-2.6.23', 'memblock-6.1'],
      ['seed-2.6.23', 'nobootmem-2.6.34'],
      ['qemu-6.1-4g', 'memblock-6.1'],
    ] as const) {
      const plain = run(p, m);
      const model = modelById(m);
      const s = preset(p);
      if (!model || !s) throw new Error('missing');
      const probed = model.run(s, { allocatorAt: { step: 3, take: () => undefined } });
      expect(probed.events).toEqual(plain.events);
      expect(probed.regions).toEqual(plain.regions);
    }
  });

  it('has no table for models without one, or for steps outside the run', () => {
    const sim = run('seed-2.6.23');
    expect(allocatorTableAt(sim, 5)).toBeNull();
    expect(allocatorTableAt(run('seed-6.1'), 10_000)).toBeNull();
  });
});

describe('bitmapLines', () => {
  it("states each node's span and reserved runs as bitmapsAt has them", () => {
    const sim = run('seed-2.6.23');
    for (let step = 0; step < sim.events.length; step++) {
      const maps = bitmapsAt(sim.bitOps, step);
      const lines = bitmapLines(sim, step);
      const runs = [...maps.values()].reduce((t, b) => t + b.set.length, 0);
      expect(lines.length).toBe(maps.size + runs);
    }
    const lines = bitmapLines(sim, 20);
    expect(lines[0]).toMatch(/^node 0: bootmem bitmap pfn 0x0-0xbfffff /);
    expect(lines).toContain(
      '  [mem 0x0000000000f9b000-0x000000000111afff] pfn 0xf9b-0x111a (384 pages)',
    );
  });

  it('joins the tables under their titles', () => {
    const text = allocatorText(run('seed-2.6.23', 'early-res-2.6.33'), 15);
    expect(text[0]).toBe('# early_res');
    expect(text).toContain('# bootmem bitmaps');
    expect(allocatorText(run('seed-6.1'), 0)[0]).toBe('# memblock_dump_all');
  });
});
