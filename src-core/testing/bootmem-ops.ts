/**
 * Property-test driver shared by the bootmem allocators: random nodes with holes, then random
 * reservations, exclusive reservations, frees and allocations applied to a fast engine and its
 * per-page reference; results, bitmaps and hints must agree after every step.
 */
import fc from 'fast-check';
import { MiB, PAGE_SIZE } from '../base/addr';
import { KernelBug } from '../allocators/bootmem/bootmem';
import type { BootmemCore } from '../allocators/bootmem/core';
import type { Agree } from './machines';

type Make<T> = (startPfn: number, lowPfn: number, mapAddr: number) => T;

const ALIGNS = [0, 1, 8, 64, 128, PAGE_SIZE, 2 * PAGE_SIZE, 16 * PAGE_SIZE, 2 * MiB];

const opArb = fc.oneof(
  fc.record({
    t: fc.constantFrom('reserve', 'excl', 'free'),
    a: fc.double({ min: 0, max: 1, noNaN: true }),
    s: fc.integer({ min: 1, max: 300 * PAGE_SIZE }),
  }),
  fc.record({
    t: fc.constant('alloc'),
    s: fc.oneof(fc.integer({ min: 1, max: 5000 }), fc.integer({ min: 1, max: 400 * PAGE_SIZE })),
    align: fc.constantFrom(...ALIGNS),
    goal: fc.double({ min: -0.2, max: 1.2, noNaN: true }),
    limit: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1.3, noNaN: true })),
  }),
);

const caseArb = fc.record({
  startPfn: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 1 << 20 }), fc.constant(0x300000)),
  pages: fc.integer({ min: 1, max: 4096 }),
  holes: fc.array(
    fc.record({
      at: fc.double({ min: 0, max: 1, noNaN: true }),
      len: fc.integer({ min: 1, max: 600 }),
    }),
    { maxLength: 6 },
  ),
  ops: fc.array(opArb, { maxLength: 60 }),
});

type Op = { t: string; a?: number; s: number; align?: number; goal?: number; limit?: number };

/** Apply one op; return what it returned or the BUG it hit. */
function apply(core: BootmemCore, base: number, span: number, op: Op): unknown {
  try {
    if (op.t === 'alloc') {
      const goal = (op.goal ?? 0) < 0 ? 0 : base + Math.floor((op.goal ?? 0) * span);
      const limit = op.limit === 0 ? 0 : base + Math.floor((op.limit ?? 0) * span);
      return core.alloc(op.s, op.align ?? 0, goal, limit);
    }
    const addr = base + Math.floor((op.a ?? 0) * span);
    if (op.t === 'reserve') return core.reserve(addr, op.s);
    if (op.t === 'excl') return core.reserveExclusive(addr, op.s);
    core.free(addr, op.s);
    return 'freed';
  } catch (e) {
    if (e instanceof KernelBug) return `BUG ${e.message}`;
    throw e;
  }
}

export function checkAgainstReference<T extends BootmemCore, R extends BootmemCore>(
  fast: Make<T>,
  ref: Make<R>,
  hints: (c: T | R) => number[],
  numRuns: number,
  agree: Agree,
): void {
  fc.assert(
    fc.property(caseArb, ({ startPfn, pages, holes, ops }) => {
      const mapAddr = startPfn * PAGE_SIZE + 0x123;
      const a = fast(startPfn, startPfn + pages, mapAddr);
      const b = ref(startPfn, startPfn + pages, mapAddr);
      const base = startPfn * PAGE_SIZE;
      const span = pages * PAGE_SIZE;
      // free_bootmem_with_active_regions: all RAM free, holes reserved again
      for (const c of [a, b]) apply(c, base, span, { t: 'free', a: 0, s: span });
      for (const h of holes) {
        const at = Math.floor(h.at * pages);
        const end = Math.min(pages, at + h.len);
        for (const c of [a, b])
          if (end > at)
            apply(c, base, span, { t: 'reserve', a: at / pages, s: (end - at) * PAGE_SIZE });
      }
      for (const op of ops) {
        agree(apply(a, base, span, op), apply(b, base, span, op));
        agree(a.reservedPages(), b.reservedPages());
        agree(hints(a), hints(b));
      }
      agree(a.freeAll(), b.freeAll());
    }),
    { numRuns },
  );
}
