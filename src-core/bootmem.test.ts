import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MiB, PAGE_SIZE } from './addr';
import { Bootmem, bootmapPages, KernelBug, mapsize, type BootmemCore } from './bootmem';
import { BootmemReference } from './bootmem.reference';

describe('bootmem sizes (v2.6.23 mm/bootmem.c bootmem_bootmap_pages, get_mapsize)', () => {
  it('48 GiB of pages needs a 1.5 MiB bitmap: 384 pages', () => {
    const pages = (48 * 1024 * MiB) / PAGE_SIZE;
    expect(bootmapPages(pages)).toBe(384);
    expect(mapsize(pages)).toBe(0x180000);
  });
  it('rounds a partial byte and a partial page up', () => {
    expect(bootmapPages(1)).toBe(1);
    expect(mapsize(65)).toBe(16);
  });
});

describe('reserve_bootmem_core accepts double reservations silently', () => {
  it('reports the pages that were already set', () => {
    const b = new Bootmem(0, 1024, 0);
    b.free(0, 1024 * PAGE_SIZE);
    expect(b.reserve(0x10000, 0x4000)).toEqual([]);
    expect(b.reserve(0x12000, 0x4000)).toEqual([{ start: 0x12, end: 0x14 }]);
    expect(b.reservedPages()).toEqual([{ start: 0x10, end: 0x16 }]);
  });
  it('rounds a partial page out: partially reserved pages count as reserved', () => {
    const b = new Bootmem(0, 16, 0);
    b.free(0, 16 * PAGE_SIZE);
    b.reserve(0x1800, 0x1000);
    expect(b.reservedPages()).toEqual([{ start: 1, end: 3 }]);
  });
  it('BUG()s on a range that leaves the node', () => {
    const b = new Bootmem(16, 32, 0);
    expect(() => b.reserve(31 * PAGE_SIZE, 2 * PAGE_SIZE)).toThrow(KernelBug);
  });
  it('BOOTMEM_EXCLUSIVE (2.6.25) refuses and changes nothing when a page is taken', () => {
    const b = new Bootmem(0, 64, 0);
    b.free(0, 64 * PAGE_SIZE);
    b.reserve(8 * PAGE_SIZE, PAGE_SIZE);
    expect(b.reserveExclusive(4 * PAGE_SIZE, 8 * PAGE_SIZE)).toEqual([{ start: 8, end: 9 }]);
    expect(b.reservedPages()).toEqual([{ start: 8, end: 9 }]);
  });
});

describe('free_bootmem_core', () => {
  it('frees only whole pages inside the range and BUG()s on a page already free', () => {
    const b = new Bootmem(0, 16, 0);
    b.free(0x800, 0x2000); // pages wholly inside: 1 only
    expect(b.reservedPages()).toEqual([
      { start: 0, end: 1 },
      { start: 2, end: 16 },
    ]);
    expect(() => b.free(PAGE_SIZE, PAGE_SIZE)).toThrow(KernelBug);
  });
});

describe('__alloc_bootmem_core', () => {
  it('first fit from the goal, then one rescan from the node start', () => {
    const b = new Bootmem(0, 256, 0);
    b.free(0, 256 * PAGE_SIZE);
    b.reserve(200 * PAGE_SIZE, 56 * PAGE_SIZE);
    expect(b.alloc(PAGE_SIZE, PAGE_SIZE, 100 * PAGE_SIZE, 0)).toBe(100 * PAGE_SIZE);
    // 50 pages do not fit between the goal (180) and the reservation at 200: rescan from 0.
    expect(b.alloc(50 * PAGE_SIZE, PAGE_SIZE, 180 * PAGE_SIZE, 0)).toBe(0);
  });
  it('packs a sub-page request into the previous block when it is next to it', () => {
    const b = new Bootmem(0, 64, 0);
    b.free(0, 64 * PAGE_SIZE);
    const a = b.alloc(100, 64, 0, 0);
    const c = b.alloc(100, 64, 0, 0);
    expect(a).toBe(0);
    expect(c).toBe(128); // ALIGN(100, 64)
    expect(b.reservedPages()).toEqual([{ start: 0, end: 1 }]);
  });
  it('honours the limit: alloc_bootmem_low never returns the last page below 4 GiB', () => {
    const pfn4g = 0x100000;
    const b = new Bootmem(pfn4g - 2, pfn4g + 2, 0);
    b.free((pfn4g - 2) * PAGE_SIZE, 4 * PAGE_SIZE);
    b.reserve((pfn4g - 2) * PAGE_SIZE, PAGE_SIZE);
    expect(b.alloc(PAGE_SIZE, 128, 0, 0xffffffff)).toBeNull();
  });
  it('returns null when the node lies above the limit', () => {
    const b = new Bootmem(0x100000, 0x100010, 0);
    b.free(0x100000 * PAGE_SIZE, 16 * PAGE_SIZE);
    expect(b.alloc(PAGE_SIZE, PAGE_SIZE, 0, 0xffffffff)).toBeNull();
  });
});

describe('free_all_bootmem_core', () => {
  it('frees clear pages, whole 64-page words as blocks, then the bitmap pages unconditionally', () => {
    const b = new Bootmem(0, 256, 100 * PAGE_SIZE);
    b.free(0, 256 * PAGE_SIZE);
    b.reserve(100 * PAGE_SIZE, PAGE_SIZE);
    const fa = b.freeAll();
    expect(fa.free).toEqual([
      { start: 0, end: 100 },
      { start: 101, end: 256 },
    ]);
    // words 0, 2, 3 are all clear; word 1 (64..127) holds the reserved page 100.
    expect(fa.order6Blocks).toBe(3);
    expect(fa.singlePages).toBe(63);
    expect(fa.bitmap).toEqual({ start: 100, end: 101 });
  });
});

// ---- property tests: the run-based engine against the per-page reference ----

const ALIGNS = [0, 1, 8, 64, 128, PAGE_SIZE, 2 * PAGE_SIZE, 16 * PAGE_SIZE, 2 * MiB];

function scenarioArb() {
  return fc
    .record({
      startPfn: fc.oneof(
        fc.constant(0),
        fc.integer({ min: 1, max: 1 << 20 }),
        fc.constant(0x300000),
      ),
      pages: fc.integer({ min: 1, max: 4096 }),
      holes: fc.array(
        fc.record({
          at: fc.double({ min: 0, max: 1, noNaN: true }),
          len: fc.integer({ min: 1, max: 600 }),
        }),
        { maxLength: 6 },
      ),
      ops: fc.array(
        fc.oneof(
          fc.record({
            t: fc.constantFrom('reserve', 'excl', 'free'),
            a: fc.double({ min: 0, max: 1, noNaN: true }),
            s: fc.integer({ min: 1, max: 300 * PAGE_SIZE }),
          }),
          fc.record({
            t: fc.constant('alloc'),
            s: fc.oneof(
              fc.integer({ min: 1, max: 5000 }),
              fc.integer({ min: 1, max: 400 * PAGE_SIZE }),
            ),
            align: fc.constantFrom(...ALIGNS),
            goal: fc.double({ min: -0.2, max: 1.2, noNaN: true }),
            limit: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1.3, noNaN: true })),
          }),
        ),
        { maxLength: 60 },
      ),
    })
    .map(({ startPfn, pages, holes, ops }) => ({ startPfn, pages, holes, ops }));
}

/** Apply one op to an engine; return what it returned or the BUG it hit. */
function apply(
  core: BootmemCore,
  base: number,
  span: number,
  raw: { t: string; a?: number; s: number; align?: number; goal?: number; limit?: number },
): unknown {
  try {
    if (raw.t === 'alloc') {
      const goal = raw.goal! < 0 ? 0 : base + Math.floor(raw.goal! * span);
      const limit = raw.limit === 0 ? 0 : base + Math.floor(raw.limit! * span);
      return core.alloc(raw.s, raw.align!, goal, limit);
    }
    const addr = base + Math.floor(raw.a! * span);
    if (raw.t === 'reserve') return core.reserve(addr, raw.s);
    if (raw.t === 'excl') return core.reserveExclusive(addr, raw.s);
    core.free(addr, raw.s);
    return 'freed';
  } catch (e) {
    if (e instanceof KernelBug) return `BUG ${e.message}`;
    throw e;
  }
}

describe('property: the fast engine agrees with the per-page reference, step for step', () => {
  it('on random nodes, holes, reservations, frees and allocations', () => {
    fc.assert(
      fc.property(scenarioArb(), ({ startPfn, pages, holes, ops }) => {
        const mapAddr = startPfn * PAGE_SIZE + 0x123;
        const fast = new Bootmem(startPfn, startPfn + pages, mapAddr);
        const ref = new BootmemReference(startPfn, startPfn + pages, mapAddr);
        const base = startPfn * PAGE_SIZE;
        const span = pages * PAGE_SIZE;
        // init: free all RAM, leaving holes reserved (free_bootmem_with_active_regions)
        const ram: [number, number][] = [[0, pages]];
        for (const h of holes) {
          const at = Math.floor(h.at * pages);
          ram.push([at, Math.min(pages, at + h.len)]);
        }
        for (const core of [fast, ref]) apply(core, base, span, { t: 'free', a: 0, s: span });
        for (const [s, e] of ram.slice(1)) {
          for (const core of [fast, ref])
            if (e > s)
              apply(core, base, span, { t: 'reserve', a: s / pages, s: (e - s) * PAGE_SIZE });
        }
        for (const op of ops) {
          expect(apply(fast, base, span, op)).toEqual(apply(ref, base, span, op));
          expect(fast.reservedPages()).toEqual(ref.reservedPages());
          expect([fast.lastSuccess, fast.lastPos, fast.lastOffset]).toEqual([
            ref.lastSuccess,
            ref.lastPos,
            ref.lastOffset,
          ]);
        }
        expect(fast.freeAll()).toEqual(ref.freeAll());
      }),
      { numRuns: 2000 },
    );
  });
});
