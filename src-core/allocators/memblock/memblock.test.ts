import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GiB, MiB } from '../../base/addr';
import {
  dumpLines,
  MAX_NUMNODES,
  Memblock,
  MEMBLOCK_ALLOC_ACCESSIBLE,
  MEMBLOCK_HOTPLUG,
  MEMBLOCK_NOMAP,
  NUMA_NO_NODE,
  type AllocRun,
} from './memblock';
import { MemblockReference } from './memblock.reference';

const regions = (mb: Memblock, t: 'memory' | 'reserved') => mb[t].regions.map((r) => ({ ...r }));

describe('memblock_add_range (v6.1 mm/memblock.c)', () => {
  it('merges touching regions with the same node and flags', () => {
    const mb = new Memblock();
    mb.reserve(0x1000, 0x1000);
    mb.reserve(0x3000, 0x1000);
    mb.reserve(0x2000, 0x1000);
    expect(regions(mb, 'reserved')).toEqual([
      { base: 0x1000, size: 0x3000, nid: MAX_NUMNODES, flags: 0 },
    ]);
    expect(mb.reserved.totalSize).toBe(0x3000);
  });
  it('accepts an overlapping reservation silently and counts only the new bytes', () => {
    const mb = new Memblock();
    mb.reserve(0x10000, 0x4000);
    expect(mb.reserve(0x12000, 0x4000)).toBe(true);
    expect(regions(mb, 'reserved')).toEqual([
      { base: 0x10000, size: 0x6000, nid: MAX_NUMNODES, flags: 0 },
    ]);
    expect(mb.reserved.totalSize).toBe(0x6000);
  });
  it('keeps neighbours with different nodes apart, as NODE_DATA next to page tables', () => {
    // The 6G oracle log: page tables reserved before NUMA (then given node 0) and NODE_DATA(0)
    // reserved after it (no node) touch but stay two regions.
    const mb = new Memblock();
    mb.add(0x100000000, 0xc0000000);
    mb.reserve(0x1bfffd000, 0x3000);
    mb.setNode(0, 0x1c0000000, 'memory', 0);
    mb.setNode(0, 0x1c0000000, 'reserved', 0);
    mb.reserve(0x1bffd2000, 0x2b000);
    expect(regions(mb, 'reserved')).toEqual([
      { base: 0x1bffd2000, size: 0x2b000, nid: MAX_NUMNODES, flags: 0 },
      { base: 0x1bfffd000, size: 0x3000, nid: 0, flags: 0 },
    ]);
  });
});

describe('memblock_isolate_range and removal', () => {
  it('splits a region around a removed hole', () => {
    const mb = new Memblock();
    mb.add(0, 0x10000);
    mb.remove(0x4000, 0x1000);
    expect(regions(mb, 'memory').map((r) => [r.base, r.size])).toEqual([
      [0, 0x4000],
      [0x5000, 0xb000],
    ]);
    expect(mb.memory.totalSize).toBe(0xf000);
  });
  it('memblock_set_node splits at node boundaries and merges equal neighbours again', () => {
    const mb = new Memblock();
    mb.add(0, 4 * GiB);
    mb.setNode(0, 2 * GiB, 'memory', 0);
    mb.setNode(2 * GiB, 2 * GiB, 'memory', 1);
    expect(regions(mb, 'memory').map((r) => [r.base, r.size, r.nid])).toEqual([
      [0, 2 * GiB, 0],
      [2 * GiB, 2 * GiB, 1],
    ]);
    mb.setNode(0, 4 * GiB, 'memory', 0);
    expect(regions(mb, 'memory')).toHaveLength(1);
  });
  it('memblock_trim_memory drops partial pages but leaves total_size as it was', () => {
    // e820__memblock_setup on QEMU: [0x1000, 0x9fc00) becomes [0x1000, 0x9f000), and the dump
    // still says memory size = ...ec00.
    const mb = new Memblock();
    mb.add(0x1000, 0x9fc00 - 0x1000);
    mb.add(0x100000, 0x7ffe0000 - 0x100000);
    mb.trimMemory(0x1000);
    expect(regions(mb, 'memory').map((r) => [r.base, r.base + r.size])).toEqual([
      [0x1000, 0x9f000],
      [0x100000, 0x7ffe0000],
    ]);
    expect(mb.physMemSize()).toBe(0x9fc00 - 0x1000 + 0x7ffe0000 - 0x100000);
  });
});

describe('memblock_find_in_range_node and the allocators', () => {
  const qemu2G = () => {
    const mb = new Memblock();
    mb.add(0x1000, 0x9e000);
    mb.add(0x100000, 0x7fee0000);
    mb.reserve(0, 0x10000);
    mb.reserve(0x9f000, 0x61000);
    mb.reserve(0x1000000, 0x3411000);
    return mb;
  };
  it('top-down by default: the real-mode trampoline lands at the top of free low memory', () => {
    const mb = qemu2G();
    expect(mb.physAllocRange(28672, 0x1000, 0, 0x100000)).toBe(0x98000);
  });
  it('bottom-up when set: the lowest aligned fit, and never page 0', () => {
    const mb = qemu2G();
    mb.bottomUp = true;
    expect(mb.physAllocRange(28672, 0x1000, 0, 0x100000)).toBe(0x10000);
    const empty = new Memblock();
    empty.add(0, 0x10000);
    empty.bottomUp = true;
    expect(empty.physAllocRange(0x1000, 0x1000, 0, 0x10000)).toBe(0x1000);
  });
  it('a fixed window the size of the request can only return its base (crashkernel=128M@16M)', () => {
    const mb = qemu2G();
    expect(mb.physAllocRange(128 * MiB, MiB, 16 * MiB, 144 * MiB)).toBe(0);
    expect(mb.physAllocRange(128 * MiB, MiB, 512 * MiB, 640 * MiB)).toBe(512 * MiB);
  });
  it('an ACCESSIBLE end means current_limit; memblock_alloc_try_nid caps max_addr there', () => {
    const mb = qemu2G();
    mb.currentLimit = 0x100000;
    expect(mb.findInRangeNode(0x1000, 0x1000, 0, MEMBLOCK_ALLOC_ACCESSIBLE, -1)).toBe(0x9e000);
    expect(mb.allocInternal(0x1000, 0x1000, 0, 4 * GiB, NUMA_NO_NODE, false)).toBe(0x9e000);
  });
  it('memblock_alloc_try_nid retries without its lower limit', () => {
    const mb = qemu2G();
    expect(mb.allocInternal(0x1000, 0x1000, 0x7ffe0000, 0, NUMA_NO_NODE, false)).toBe(0x7ffdf000);
  });
  it('node preference: try_nid falls back to any node, exact_nid does not', () => {
    const mb = new Memblock();
    mb.add(0, 2 * GiB, 0);
    mb.add(2 * GiB, 2 * GiB, 1);
    mb.reserve(2 * GiB, 2 * GiB);
    expect(mb.allocInternal(MiB, MiB, 0, 4 * GiB, 1, true)).toBe(0);
    expect(mb.allocInternal(MiB, MiB, 0, 4 * GiB, 1, false)).toBe(2 * GiB - MiB);
  });
  it('a free range never spans two memory regions, even when they touch', () => {
    const mb = new Memblock();
    mb.add(0, 0x4000, 0);
    mb.add(0x4000, 0x4000, 1);
    expect(mb.physAllocRange(0x6000, 0x1000, 0, 0x8000)).toBe(0);
    expect([...mb.freeRanges()].map((f) => [f.start, f.end, f.nid])).toEqual([
      [0, 0x4000, 0],
      [0x4000, 0x8000, 1],
    ]);
  });
  it('skips nomap memory, and hotpluggable memory under movable_node', () => {
    const mb = new Memblock({ movableNode: true });
    mb.add(0, 0x10000);
    mb.setFlag(0x8000, 0x8000, MEMBLOCK_HOTPLUG, true);
    mb.setFlag(0x4000, 0x4000, MEMBLOCK_NOMAP, true);
    expect(mb.physAllocRange(0x1000, 0x1000, 0, 0x10000)).toBe(0x3000);
  });
});

describe('memblock_double_array', () => {
  it('refuses before memblock_allow_resize', () => {
    const mb = new Memblock({ max: 4 });
    mb.add(0, 0x100000);
    for (let i = 0; i < 4; i++) mb.reserve(i * 0x2000, 0x1000);
    expect(mb.reserve(0x10000, 0x1000)).toBe(false);
    expect(mb.notes.map((n) => n.text)).toEqual(['memblock: cannot resize reserved array']);
  });
  it('moves the reserved array to a free page below current_limit and reserves it', () => {
    const mb = new Memblock({ max: 4 });
    mb.add(0, 0x100000);
    mb.canResize = true;
    mb.currentLimit = 0x100000;
    for (let i = 0; i < 5; i++) mb.reserve(i * 0x2000, 0x1000);
    expect(mb.reserved.max).toBe(8);
    expect(mb.reserved.regions).toHaveLength(6);
    expect(mb.notes[0]?.text).toBe(
      'memblock: reserved is doubled to 8 at [0x00000000000ff000-0x00000000000ff0bf]',
    );
    expect(mb.reserved.regions.at(-1)).toEqual({
      base: 0xff000,
      size: 0x1000,
      nid: MAX_NUMNODES,
      flags: 0,
    });
  });
});

describe('runs of identical requests', () => {
  it('top-down, hand out the blocks below the first while its free range lasts', () => {
    const mb = new Memblock();
    mb.add(0, MiB);
    mb.reserve(0, 0xf0000);
    expect(mb.allocRangeNidRun(32, 0x1000, 0x1000, 0, MiB, NUMA_NO_NODE, false)).toMatchObject({
      first: 0xff000,
      count: 16,
      step: -0x1000,
    });
    expect(regions(mb, 'reserved')).toEqual([{ base: 0, size: MiB, nid: MAX_NUMNODES, flags: 0 }]);
  });
  it('stop after the first block when it made the array grow: the new array sits below it', () => {
    const mb = new Memblock({ max: 4 });
    mb.add(0, 2 * MiB);
    for (const base of [0, 0x2000, 0xfd000, MiB]) mb.reserve(base, 0x1000);
    mb.canResize = true;
    mb.currentLimit = MiB + 0x1000;
    const run = mb.allocRangeNidRun(8, 0x1000, 0x1000, 0, MiB, NUMA_NO_NODE, false);
    expect(run).toMatchObject({ first: 0xff000, count: 1 });
    // The array and the block join their neighbours: fewer regions than before, yet no room.
    expect(mb.reserved.arrayAt).toEqual({ start: 0xfe000, end: 0xff000 });
    expect(mb.reserved.regions).toHaveLength(3);
    expect(mb.allocRangeNid(0x1000, 0x1000, 0, MiB, NUMA_NO_NODE, false)).toBe(0xfc000);
  });
  it('stop after the first block when the array is full: the next reservation grows it', () => {
    const mb = new Memblock({ max: 4 });
    mb.add(0, MiB);
    mb.canResize = true;
    mb.currentLimit = MiB;
    for (let i = 0; i < 6; i++) mb.reserve(i * 0x2000, 0x1000);
    expect(mb.reserved.regions).toHaveLength(7);
    expect(mb.allocRangeNidRun(8, 0x1000, 0x1000, 0, 0xfd000, NUMA_NO_NODE, false)).toMatchObject({
      first: 0xfc000,
      count: 1,
    });
    expect(mb.reserved.max).toBe(8);
  });
});

describe('memblock_dump', () => {
  it('prints the 6.1 format, " on node N" only for regions with a node', () => {
    const mb = new Memblock();
    mb.add(0x1000, 0x9e000);
    mb.setNode(0, 0x100000, 'memory', 0);
    expect(dumpLines(mb)).toEqual([
      'MEMBLOCK configuration:',
      ' memory size = 0x000000000009e000 reserved size = 0x0000000000000000',
      ' memory.cnt  = 0x1',
      ' memory[0x0]\t[0x0000000000001000-0x000000000009efff], 0x000000000009e000 bytes on node 0 flags: 0x0',
      ' reserved.cnt  = 0x1',
      ' reserved[0x0]\t[0x0000000000000000-0xffffffffffffffff], 0x0000000000000000 bytes flags: 0x0',
    ]);
  });
});

// -----------------------------------------------------------------------------------------
// Property tests: the region arrays against the one-entry-per-unit reference.

const UNITS = 256;
const PAGE = 4;

type Op =
  | { k: 'add'; base: number; size: number; nid: number }
  | { k: 'remove' | 'reserve' | 'free'; base: number; size: number }
  | { k: 'node'; base: number; size: number; type: 'memory' | 'reserved'; nid: number }
  | { k: 'flag'; base: number; size: number; flag: number; set: boolean }
  | {
      k: 'alloc';
      size: number;
      align: number;
      start: number;
      end: number;
      nid: number;
      exact: boolean;
    }
  | {
      k: 'internal';
      size: number;
      align: number;
      start: number;
      end: number;
      nid: number;
      exact: boolean;
    }
  | { k: 'dir'; bottomUp: boolean }
  | { k: 'limit'; limit: number }
  | { k: 'trim'; align: number };

/** A range inside the unit space: the reference cannot see beyond it. */
const span = fc
  .tuple(fc.integer({ min: 0, max: UNITS - 1 }), fc.integer({ min: 1, max: 64 }))
  .map(([base, size]) => ({ base, size: Math.min(size, UNITS - base) }));
const nid = fc.integer({ min: 0, max: 2 });
const reqNid = fc.integer({ min: -1, max: 2 });
const align = fc.constantFrom(1, 2, 4, 8, 16, 32);
const req = {
  size: fc.integer({ min: 1, max: 48 }),
  align,
  start: fc.integer({ min: 0, max: UNITS }),
  end: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: UNITS })),
  nid: reqNid,
  exact: fc.boolean(),
};

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(span, nid).map(([r, n]): Op => ({ k: 'add', ...r, nid: n })) },
  { weight: 1, arbitrary: span.map((r): Op => ({ k: 'remove', ...r })) },
  { weight: 3, arbitrary: span.map((r): Op => ({ k: 'reserve', ...r })) },
  { weight: 2, arbitrary: span.map((r): Op => ({ k: 'free', ...r })) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(span, fc.constantFrom('memory' as const, 'reserved' as const), nid)
      .map(([r, type, n]): Op => ({ k: 'node', ...r, type, nid: n })),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(span, fc.constantFrom(MEMBLOCK_HOTPLUG, MEMBLOCK_NOMAP), fc.boolean())
      .map(([r, flag, set]): Op => ({ k: 'flag', ...r, flag, set })),
  },
  { weight: 5, arbitrary: fc.record({ k: fc.constant('alloc' as const), ...req }) },
  { weight: 5, arbitrary: fc.record({ k: fc.constant('internal' as const), ...req }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('dir' as const), bottomUp: fc.boolean() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      k: fc.constant('limit' as const),
      limit: fc.integer({ min: 0, max: UNITS }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ k: fc.constant('trim' as const), align: fc.constantFrom(2, 4, 8) }),
  },
);

/** Apply one op to both; returns the two results of an allocation, or null. */
function apply(op: Op, fast: Memblock, ref: MemblockReference): [number, number] | null {
  switch (op.k) {
    case 'add':
      fast.add(op.base, op.size, op.nid);
      ref.add(op.base, op.size, op.nid);
      return null;
    case 'remove':
      fast.remove(op.base, op.size);
      ref.remove(op.base, op.size);
      return null;
    case 'reserve':
      fast.reserve(op.base, op.size);
      ref.reserve(op.base, op.size);
      return null;
    case 'free':
      fast.physFree(op.base, op.size);
      ref.physFree(op.base, op.size);
      return null;
    case 'node':
      fast.setNode(op.base, op.size, op.type, op.nid);
      ref.setNode(op.base, op.size, op.type, op.nid);
      return null;
    case 'flag':
      fast.setFlag(op.base, op.size, op.flag, op.set);
      ref.setFlag(op.base, op.size, op.flag, op.set);
      return null;
    case 'alloc':
      return [
        fast.allocRangeNid(op.size, op.align, op.start, op.end, op.nid, op.exact),
        ref.allocRangeNid(op.size, op.align, op.start, op.end, op.nid, op.exact),
      ];
    case 'internal':
      return [
        fast.allocInternal(op.size, op.align, op.start, op.end, op.nid, op.exact),
        ref.allocInternal(op.size, op.align, op.start, op.end, op.nid, op.exact),
      ];
    case 'dir':
      fast.bottomUp = ref.bottomUp = op.bottomUp;
      return null;
    case 'limit':
      fast.currentLimit = ref.currentLimit = op.limit;
      return null;
    case 'trim':
      fast.trimMemory(op.align);
      ref.trimMemory(op.align);
      return null;
  }
}

describe('memblock against its per-unit reference (property)', () => {
  it('same regions, sizes and allocation results on random operation sequences', () => {
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.array(opArb, { minLength: 1, maxLength: 60 }),
        (movable, ops) => {
          const fast = new Memblock({ pageSize: PAGE, max: 1 << 20, movableNode: movable });
          const ref = new MemblockReference(UNITS, PAGE, movable);
          fast.currentLimit = UNITS;
          let trimmed = false;
          for (const op of ops) {
            const r = apply(op, fast, ref);
            if (r) expect(r[0]).toBe(r[1]);
            trimmed ||= op.k === 'trim';
            expect(regions(fast, 'memory')).toEqual(ref.regions('memory'));
            expect(regions(fast, 'reserved')).toEqual(ref.regions('reserved'));
            expect(fast.reserved.totalSize).toBe(ref.totalSize('reserved'));
            // memblock_trim_memory leaves total_size stale on purpose (see region-array.ts).
            if (!trimmed) expect(fast.memory.totalSize).toBe(ref.totalSize('memory'));
          }
        },
      ),
      { numRuns: 300 },
    );
  });
  it('allocations always land in free memory of the right node and stay reserved', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 40 }), fc.record(req), (ops, r) => {
        const fast = new Memblock({ pageSize: PAGE, max: 1 << 20 });
        const ref = new MemblockReference(UNITS, PAGE);
        fast.currentLimit = UNITS;
        for (const op of ops) apply(op, fast, ref);
        const free = [...fast.freeRanges()];
        const got = fast.allocRangeNid(r.size, r.align, r.start, r.end, r.nid, r.exact);
        if (got === 0) return;
        expect(got % r.align).toBe(0);
        const holder = free.find((f) => f.start <= got && got + r.size <= f.end);
        expect(holder).toBeDefined();
        if (r.exact && r.nid !== NUMA_NO_NODE) expect(holder?.nid).toBe(r.nid);
        expect(fast.physAllocRange(1, 1, got, got + r.size)).toBe(0);
      }),
      { numRuns: 200 },
    );
  });
});

describe('runs of identical requests (property)', () => {
  /** The address of every block of a run, in the order the requests got them; [0] if none. */
  const blocks = (run: AllocRun | null) =>
    run ? Array.from({ length: run.count }, (_, i) => run.first + i * run.step) : [0];
  it('place exactly what as many single requests place, one after the other', () => {
    fc.assert(
      fc.property(
        fc.array(opArb, { maxLength: 40 }),
        fc.record(req),
        fc.integer({ min: 1, max: 24 }),
        fc.boolean(),
        (ops, r, times, internal) => {
          const fast = new Memblock({ pageSize: PAGE, max: 1 << 20 });
          const ref = new MemblockReference(UNITS, PAGE);
          fast.currentLimit = UNITS;
          for (const op of ops) apply(op, fast, ref);
          const args = [r.size, r.align, r.start, r.end, r.nid, r.exact] as const;
          const run = internal
            ? fast.allocInternalRun(times, ...args)
            : fast.allocRangeNidRun(times, ...args);
          const got = blocks(run);
          const want = got.map(() =>
            internal ? ref.allocInternal(...args) : ref.allocRangeNid(...args),
          );
          expect(got).toEqual(want);
          expect(run?.count ?? 0).toBeLessThanOrEqual(times);
          expect(regions(fast, 'reserved')).toEqual(ref.regions('reserved'));
          expect(fast.reserved.totalSize).toBe(ref.totalSize('reserved'));
        },
      ),
      { numRuns: 300 },
    );
  });
  it('stop where the region array would grow, and grow it just as single requests do', () => {
    fc.assert(
      fc.property(
        fc.array(opArb, { maxLength: 40 }),
        fc.record(req),
        fc.integer({ min: 1, max: 24 }),
        (ops, r, times) => {
          // Room above the unit space for doubled arrays (192 units for 8 regions).
          const twins = [0, 1].map(() => {
            const mb = new Memblock({ pageSize: PAGE, max: 4 });
            const ref = new MemblockReference(UNITS, PAGE);
            for (const op of ops) apply(op, mb, ref);
            mb.add(4 * UNITS, 4 * UNITS);
            mb.currentLimit = 8 * UNITS;
            mb.canResize = true;
            return mb;
          });
          const [runs, singles] = twins as [Memblock, Memblock];
          const args = [r.size, r.align, r.start, r.end, r.nid, r.exact] as const;
          const got = blocks(runs.allocRangeNidRun(times, ...args));
          expect(got.map(() => singles.allocRangeNid(...args))).toEqual(got);
          expect(regions(runs, 'reserved')).toEqual(regions(singles, 'reserved'));
          expect(runs.reserved.max).toBe(singles.reserved.max);
          expect(runs.notes).toEqual(singles.notes);
        },
      ),
      { numRuns: 300 },
    );
  });
});
