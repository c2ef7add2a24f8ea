import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Region } from '../events';
import { formatIomem, iomemAt, iomemTypeName, overlappingEntries } from './iomem';
import { allRuns, run } from './test-runs';

describe('iomemAt / formatIomem', () => {
  it('prints the seed at the crashkernel step as /proc/iomem nests it', () => {
    const lines = formatIomem(iomemAt(run('seed-2.6.23'), 31));
    expect(lines[0]).toBe('00000000-0009fbff : System RAM');
    const ram = lines.indexOf('00100000-bff6ffff : System RAM');
    expect(ram).toBeGreaterThan(0);
    // Inside that RAM entry, one level in: the bitmap and the crash window side by side, the
    // double reservation in plain text.
    expect(lines.slice(ram + 1, ram + 5)).toEqual([
      '  00200000-00f9a6c7 : kernel image (_text.._end)',
      '  00f9b000-0111afff : node 0 bootmem bitmap',
      '  01000000-08ffffff : Crash kernel',
      '  37a4e000-37ffefff : initrd (loaded by the boot loader)',
    ]);
    expect(lines).toContain('100000000-17ffffffff : System RAM');
  });

  it('keeps every e820 entry at the top and every other entry inside the one before it', () => {
    for (const [name, sim] of allRuns()) {
      for (const step of [0, Math.floor(sim.events.length / 2), sim.events.length - 1]) {
        const entries = iomemAt(sim, step);
        const stack: typeof entries = [];
        for (const e of entries) {
          expect(e.depth, name).toBeLessThanOrEqual(stack.length);
          stack.length = e.depth;
          const parent = stack[stack.length - 1];
          if (parent) {
            expect(e.start, name).toBeGreaterThanOrEqual(parent.start);
            expect(e.end, name).toBeLessThanOrEqual(parent.end);
          }
          stack.push(e);
        }
      }
    }
  });

  it('names e820 types as each generation does', () => {
    expect(iomemTypeName(2, 'bootmem-2.6.23')).toBe('reserved');
    expect(iomemTypeName(2, 'memblock-6.1')).toBe('Reserved');
    expect(iomemTypeName(5, 'memblock-6.1')).toBe('Unusable memory');
    expect(iomemTypeName(3, 'bootmem-2.6.23')).toBe('ACPI Tables');
  });

  it('leaves out a crash window the kernel refused', () => {
    const sim = run('seed-6.1');
    const last = sim.events.length - 1;
    expect(sim.crashkernel.outcome).toBe('failed');
    expect(formatIomem(iomemAt(sim, last)).join('\n')).not.toContain('Crash kernel');
  });
});

describe('overlappingEntries', () => {
  const region = (id: number, start: number, size: number): Region => ({
    id,
    lane: 'e820',
    start,
    end: start + size,
    label: '',
    owner: 'firmware',
    born: 0,
  });
  const ranges = fc.array(fc.tuple(fc.nat(64), fc.integer({ min: 1, max: 24 })), { maxLength: 30 });

  it('finds what a walk of every entry finds, overlapping entries included', () => {
    fc.assert(
      fc.property(ranges, ranges, (es, rs) => {
        const entries = es.map(([s, n], i) => region(i, s, n));
        const find = overlappingEntries(entries);
        for (const [s, n] of rs) {
          const r = region(-1, s, n);
          const walk = entries.filter((e) => e.start < r.end && r.start < e.end);
          expect(find(r).sort((a, b) => a.id - b.id)).toEqual(walk);
        }
      }),
    );
  });
});
