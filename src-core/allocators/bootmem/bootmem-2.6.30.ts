/**
 * The bootmem allocator after the 2.6.27 rewrite, as in v2.6.30 mm/bootmem.c (S4 in the
 * reference notes). Same bitmap, new rules:
 * - __reserve: an already-set bit is a silent double reservation, unless BOOTMEM_EXCLUSIVE, in
 *   which case the bits set so far are cleared again and -EBUSY returned.
 * - alloc_bootmem_core: first fit from the goal (or the node start), aligned in physical terms
 *   (align_idx); a per-node hint (the page after the last allocation) is tried first when it is
 *   higher, with one fallback scan from the goal; sub-page requests continue the previous
 *   block's last page (last_end_off).
 * - free_all_bootmem_core: whole 64-page words as order-6 blocks only when the node start is
 *   word-aligned and the word is not the last one; then the bitmap pages, unconditionally.
 *
 * Kept as runs (BitRuns) like bootmem.ts; bootmem-2.6.30.reference.ts is the per-page check.
 */
import { alignUp, PAGE_SIZE, pfnDown, pfnUp } from '../../base/addr';
import { bootmapPages, KernelBug } from './bootmem';
import type { FreeAll } from './core';
import { BITS_PER_LONG, BootmemRuns } from './bootmem-runs';

/** align_idx: align a node-relative index so that the physical pfn is aligned. */
export const alignIdx = (minPfn: number, idx: number, step: number): number =>
  alignUp(minPfn + idx, step) - minPfn;

/** align_off: the same for a node-relative byte offset. */
export const alignOff = (minPfn: number, off: number, align: number): number => {
  const base = minPfn * PAGE_SIZE;
  return alignUp(base + off, align || 1) - base;
};

/** What both implementations of the 2.6.30 rules share: the hint state. */
export interface Bootmem2630State {
  readonly startPfn: number;
  hintIdx: number;
  lastEndOff: number;
}

/** The scan window of alloc_bootmem_core, or null when the node is outside the limit. */
export function plan2630(
  b: Bootmem2630State & { lowPfn: number },
  size: number,
  align: number,
  goal: number,
  limit: number,
) {
  if (!size) throw new KernelBug('alloc_bootmem_core: zero size', 'alloc_bootmem_core');
  if (limit && goal + size > limit)
    throw new KernelBug('alloc_bootmem_core: goal + size > limit', 'alloc_bootmem_core');
  const min = b.startPfn;
  let max = b.lowPfn;
  const goalPfn = pfnDown(goal);
  const limitPfn = pfnDown(limit);
  if (limitPfn && max > limitPfn) max = limitPfn;
  if (max <= min) return null;
  const step = Math.max(Math.floor(align / PAGE_SIZE), 1);
  const start =
    goalPfn && min < goalPfn && goalPfn < max ? alignUp(goalPfn, step) : alignUp(min, step);
  let sidx = start - min;
  const midx = max - min;
  let fallback = 0;
  if (b.hintIdx > sidx) {
    fallback = sidx + 1;
    sidx = alignIdx(min, b.hintIdx, step);
  }
  return { sidx, midx, step, fallback, areasize: pfnUp(size) };
}

/** The end of alloc_bootmem_core for a free block at sidx: offsets, hint, pages to mark. */
export function commit2630(
  b: Bootmem2630State,
  sidx: number,
  size: number,
  align: number,
): { addr: number; mark: [number, number] } {
  const startOff =
    b.lastEndOff % PAGE_SIZE && pfnDown(b.lastEndOff) + 1 === sidx
      ? alignOff(b.startPfn, b.lastEndOff, align)
      : sidx * PAGE_SIZE;
  const merge = pfnDown(startOff) < sidx ? 1 : 0;
  const endOff = startOff + size;
  b.lastEndOff = endOff;
  b.hintIdx = pfnUp(endOff);
  return {
    addr: b.startPfn * PAGE_SIZE + startOff,
    mark: [pfnDown(startOff) + merge, pfnUp(endOff)],
  };
}

/** Index range of a reservation, checked against the node. */
export function reserveRange2630(
  b: { startPfn: number; lowPfn: number },
  addr: number,
  size: number,
): [number, number] {
  const s = pfnDown(addr);
  const e = pfnUp(addr + size);
  if (!size || s < b.startPfn || e > b.lowPfn) {
    throw new KernelBug(
      `mark_bootmem: [${addr.toString(16)}, +${size.toString(16)}) is outside the node`,
      'mark_bootmem',
    );
  }
  return [s - b.startPfn, e - b.startPfn];
}

/** Index range of a free: whole pages only (PFN_UP of the start, PFN_DOWN of the end). */
export function freeRange2630(
  b: Bootmem2630State & { lowPfn: number },
  addr: number,
  size: number,
): [number, number] {
  const s = pfnUp(addr);
  const e = pfnDown(addr + size);
  if (s < b.startPfn || e > b.lowPfn)
    throw new KernelBug('mark_bootmem: free outside the node', 'mark_bootmem');
  if (b.hintIdx > s - b.startPfn) b.hintIdx = s - b.startPfn;
  return [s - b.startPfn, e - b.startPfn];
}

/** True when free_all_bootmem_core may free whole words (node start word-aligned). */
export const wordAligned = (startPfn: number): boolean => startPfn % BITS_PER_LONG === 0;

export class Bootmem2630 extends BootmemRuns implements Bootmem2630State {
  hintIdx = 0;
  lastEndOff = 0;

  protected reserveBits(addr: number, size: number): [number, number] {
    return reserveRange2630(this, addr, size);
  }

  protected freeBits(addr: number, size: number): [number, number] {
    return freeRange2630(this, addr, size);
  }

  protected notReserved(): Error {
    return new KernelBug('__free: freeing a page that is not reserved', '__free');
  }

  alloc(size: number, align: number, goal: number, limit: number): number | null {
    const p = plan2630(this, size, align, goal, limit);
    if (!p) return null;
    let { sidx, fallback } = p;
    for (;;) {
      sidx = alignIdx(this.startPfn, this.bits.nextZero(sidx, p.midx), p.step);
      const eidx = sidx + p.areasize;
      if (sidx >= p.midx || eidx > p.midx) {
        if (!fallback) return null;
        sidx = alignIdx(this.startPfn, fallback - 1, p.step);
        fallback = 0;
        continue;
      }
      const i = this.bits.nextSet(sidx, eidx);
      if (i < eidx) {
        sidx = alignIdx(this.startPfn, i, p.step);
        if (sidx === i) sidx += p.step;
        continue;
      }
      const { addr, mark } = commit2630(this, sidx, size, align);
      if (this.bits.setWithin(mark[0], mark[1]).length)
        throw new KernelBug('alloc_bootmem_core: page already reserved', '__reserve');
      this.bits.set(mark[0], mark[1]);
      return addr;
    }
  }

  freeAll(): FreeAll {
    const n = this.lowPfn - this.startPfn;
    const aligned = wordAligned(this.startPfn);
    // A block needs the whole word clear and `start + 64 < end`: a word ending at the node's
    // end is freed page by page.
    return this.freeRuns((r) => {
      const last = Math.floor(Math.min(r.end, n - 1) / BITS_PER_LONG);
      return aligned ? Math.max(0, last - Math.ceil(r.start / BITS_PER_LONG)) : 0;
    }, bootmapPages(n));
  }
}
