import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PAGE_SIZE } from '../../base/addr';
import { regionsAt, type Region } from '../events';
import { bitmapsAt } from '../bitmap-replay';
import {
  formatHistory,
  formatOwnership,
  ownerHistory,
  ownersAt,
  parseAddressQuery,
  regionsCovering,
} from './lookup';
import { allRuns, run } from './test-runs';

describe('parseAddressQuery', () => {
  it.each([
    ['0x1000000', 0x1000000, 'address'],
    ['16M', 0x1000000, 'address'],
    ['16 MiB', 0x1000000, 'address'],
    ['16MB', 0x1000000, 'address'],
    ['  4096 ', 4096, 'address'],
    ['pfn 0x1000', 0x1000000, 'pfn'],
    ['PFN:4096', 0x1000000, 'pfn'],
    ['pfn=0x1000', 0x1000000, 'pfn'],
    ['0xab', 0xab, 'address'],
  ])('reads %j', (text, addr, asked) => {
    expect(parseAddressQuery(text)).toEqual({
      ok: true,
      addr,
      pfn: Math.floor(addr / PAGE_SIZE),
      asked,
    });
  });

  it.each([
    ['', 'type an address'],
    ['hello', '"hello" is not an address'],
    ['0x10zz', 'cannot read "zz" after the number'],
    ['pfn', 'the page frame number is missing'],
    ['pfn xyz', '"pfn xyz" is not a page frame'],
    ['0x10000000000000', 'beyond the 2^52-byte physical address space'],
    ['pfn 0x10000000000', 'beyond the 2^52-byte physical address space'],
  ])('refuses %j with a message', (text, message) => {
    const r = parseAddressQuery(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain(message);
  });
});

/** The reference: a filter over every region, and the bitmap replayed to the step. */
function linearOwners(
  regions: readonly Region[],
  bitOps: Parameters<typeof bitmapsAt>[0],
  addr: number,
  step: number,
) {
  const pfn = Math.floor(addr / PAGE_SIZE);
  const ids = regionsAt(regions, step)
    .filter((r) => r.start <= addr && addr < r.end)
    .map((r) => r.id)
    .sort((a, b) => a - b);
  const bits = [...bitmapsAt(bitOps, step)]
    .filter(([, b]) => b.pages.start <= pfn && pfn < b.pages.end)
    .map(([node, b]) => ({ node, set: b.set.some((r) => r.start <= pfn && pfn < r.end) }))
    .sort((a, b) => a.node - b.node);
  return { ids, bits };
}

describe('ownersAt', () => {
  const runs = allRuns();

  it('equals a linear scan at every step, for addresses at region edges and at random', () => {
    for (const [name, sim] of runs) {
      const edges = [...new Set(sim.regions.flatMap((r) => [r.start, r.end - 1, r.end]))];
      const last = sim.events.length - 1;
      fc.assert(
        fc.property(
          fc.oneof(fc.constantFrom(...edges), fc.integer({ min: 0, max: 2 ** 40 })),
          fc.integer({ min: 0, max: last }),
          (addr, step) => {
            const got = ownersAt(sim, addr, step);
            const want = linearOwners(sim.regions, sim.bitOps, addr, step);
            expect(
              got.regions.map((r) => r.id).sort((a, b) => a - b),
              name,
            ).toEqual(want.ids);
            expect(got.bits, name).toEqual(want.bits);
          },
        ),
        { numRuns: 60 },
      );
    }
  });

  it('answers for the seed the story of 16 MiB', () => {
    const sim = run('seed-2.6.23');
    const own = ownersAt(sim, 0x1000000, 33);
    const text = formatOwnership(0x1000000, own).join('\n');
    expect(text).toContain('PHYSICAL 0x1000000 (16 MiB)  PFN 0x1000');
    expect(text).toContain('e820            usable [mem 0x0000000000100000-0x00000000bff6ffff]');
    expect(text).toContain('zone            DMA32 (node 0)');
    expect(text).toContain('crash window    crashkernel window (reserved)');
    expect(text).toContain('double-reservation');
  });

  it('says when nothing covers an address', () => {
    const sim = run('seed-2.6.23');
    expect(formatOwnership(0xc0000000 + 0x100, ownersAt(sim, 0xc0000100, 0))).toContain(
      'nothing covers this address at this step (no e820 entry: a hole)',
    );
  });
});

describe('ownerHistory', () => {
  it('replays to what ownersAt says at every step', () => {
    for (const [name, sim] of allRuns()) {
      const edges = [...new Set(sim.regions.map((r) => r.start))].slice(0, 40);
      for (const addr of edges) {
        const history = ownerHistory(sim, addr);
        const live = new Set<number>();
        const bits = new Map<number, boolean>();
        let h = 0;
        for (let step = 0; step < sim.events.length; step++) {
          for (; h < history.length && (history[h]?.step ?? Infinity) <= step; h++) {
            const c = history[h]!;
            for (const r of c.removed) live.delete(r.id);
            for (const r of c.added) live.add(r.id);
            for (const b of c.bits)
              if (b.set === null) bits.delete(b.node);
              else bits.set(b.node, b.set);
          }
          const now = ownersAt(sim, addr, step);
          expect(
            [...live].sort((a, b) => a - b),
            `${name} ${addr} @${step}`,
          ).toEqual(now.regions.map((r) => r.id).sort((a, b) => a - b));
          expect(
            [...bits].sort((a, b) => a[0] - b[0]).map(([node, set]) => ({ node, set })),
          ).toEqual(now.bits);
        }
      }
    }
  });

  it('tells the seed story of 16 MiB step by step', () => {
    const sim = run('seed-2.6.23');
    const text = formatHistory(ownerHistory(sim, 0x1000000), 0x1000).join('\n');
    expect(text).toContain('step 10   + bootmem bitmap  node 0 bootmem bitmap');
    expect(text).toContain('step 31   + crash window    crashkernel window (reserved)');
    expect(text).toContain('node 0 bit for pfn 0x1000 gone (bitmap retired)');
    expect(regionsCovering(sim, 0x1000000).length).toBeGreaterThan(5);
  });
});
