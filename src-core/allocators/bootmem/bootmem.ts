/**
 * The bootmem allocator of v2.6.23 mm/bootmem.c, one instance per NUMA node.
 *
 * The node's bitmap has one bit per page from node_boot_start to node_low_pfn; a set bit is a
 * reserved page. The kernel's quirks are kept on purpose, because they decide where things
 * land:
 * - reserve_bootmem_core sets bits with test_and_set_bit and ignores bits already set: a
 *   double reservation is silent (the reserve() result reports it so the model can).
 * - __alloc_bootmem_core scans first-fit from the goal or the `last_success` hint, aligns the
 *   bit index (relative to the node start, not the address), skips one aligned slot after a
 *   failed block, and rescans once from the start. `last_success` is a node-relative byte
 *   offset after an allocation but an absolute address after a free, and is compared with a
 *   page-frame limit — all as in the source.
 * - free_all_bootmem_core frees clear bits, then the bitmap's own pages unconditionally.
 *
 * This implementation keeps the bitmap as runs (BitRuns), so its cost follows the number of
 * reservations, not the size of RAM. BitmapReference in bootmem.reference.ts is the per-bit
 * transliteration it is tested against.
 */
import { kernelAlign, PAGE_SIZE, pfnDown, pfnUp } from '../../base/addr';
import { BITS_PER_LONG, BootmemRuns } from './bootmem-runs';
import type { FreeAll } from './core';

/** A kernel BUG() or panic: the simulated boot stops here. */
export class KernelBug extends Error {
  constructor(
    message: string,
    readonly fn: string,
  ) {
    super(message);
    this.name = 'KernelBug';
  }
}

/** bootmem_bootmap_pages: pages of bitmap for `pages` pages (one bit each, whole pages). */
export function bootmapPages(pages: number): number {
  return Math.ceil(Math.ceil(pages / 8) / PAGE_SIZE);
}

/** get_mapsize: bytes of bitmap the allocator uses, rounded to a long. */
export function mapsize(pages: number): number {
  return Math.ceil(Math.ceil(pages / 8) / 8) * 8;
}

/** The 2.6.23 allocator's hints (bootmem_data_t last_success, last_pos, last_offset). */
export interface Bootmem2623State {
  readonly startPfn: number;
  readonly lowPfn: number;
  lastSuccess: number;
  lastPos: number;
  lastOffset: number;
}

/**
 * Checks and index arithmetic shared by both implementations, exactly as the source does them.
 * v2.6.23 mm/bootmem.c has no lower-bound check: below the node's start the unsigned index
 * wraps past the end index and the loop sets nothing, silently (an empty range here).
 */
export function reserveIndexes(
  core: Bootmem2623State,
  addr: number,
  size: number,
): [number, number] {
  const base = core.startPfn * PAGE_SIZE;
  if (!size) throw new KernelBug('reserve_bootmem_core: zero size', 'reserve_bootmem_core');
  if (addr < base) return [0, 0];
  if (pfnDown(addr) >= core.lowPfn || pfnUp(addr + size) > core.lowPfn) {
    throw new KernelBug(
      `reserve_bootmem_core: [${addr.toString(16)}, +${size.toString(16)}) leaves the node's bitmap`,
      'reserve_bootmem_core',
    );
  }
  return [pfnDown(addr - base), pfnUp(addr + size - base)];
}

export function freeIndexes(core: Bootmem2623State, addr: number, size: number): [number, number] {
  if (!size) throw new KernelBug('free_bootmem_core: zero size', 'free_bootmem_core');
  if (pfnDown(addr + size) > core.lowPfn)
    throw new KernelBug('free_bootmem_core: range leaves the node', 'free_bootmem_core');
  if (addr < core.lastSuccess) core.lastSuccess = addr;
  // As in reserveIndexes: below the node's start the wrapped index frees nothing.
  if (pfnUp(addr) < core.startPfn) return [0, 0];
  return [pfnUp(addr) - core.startPfn, pfnDown(addr + size - core.startPfn * PAGE_SIZE)];
}

/** The scan parameters of __alloc_bootmem_core, before the scan itself. */
export interface AllocPlan {
  eidx: number;
  offset: number;
  preferred: number;
  areasize: number;
  incr: number;
}

export function planAlloc(
  core: Bootmem2623State,
  size: number,
  align: number,
  goal: number,
  limit: number,
): AllocPlan | null {
  if (!size)
    throw new KernelBug('__alloc_bootmem_core(): zero-sized request', '__alloc_bootmem_core');
  const base = core.startPfn * PAGE_SIZE;
  if (limit && base >= limit) return null;
  let endPfn = core.lowPfn;
  const limitPfn = pfnDown(limit);
  if (limitPfn && endPfn > limitPfn) endPfn = limitPfn;
  const eidx = endPfn - core.startPfn;
  let offset = 0;
  if (align && base % align !== 0) offset = align - (base % align);
  offset = pfnDown(offset);
  let preferred: number;
  if (goal && goal >= base && pfnDown(goal) < endPfn) {
    preferred = goal - base;
    // The source compares a byte offset with a page-frame limit here; kept as written.
    if (core.lastSuccess >= preferred && (!limitPfn || limitPfn > core.lastSuccess)) {
      preferred = core.lastSuccess;
    }
  } else preferred = 0;
  preferred = pfnDown(kernelAlign(preferred, align)) + offset;
  return {
    eidx,
    offset,
    preferred,
    areasize: Math.ceil(size / PAGE_SIZE),
    incr: Math.floor(align / PAGE_SIZE) || 1,
  };
}

/**
 * The end of __alloc_bootmem_core once a free block starts at index `start`: update the hint,
 * merge a sub-page request into the previous block's last page, and return the address and
 * the pages to mark (index range).
 */
export function commitAlloc(
  core: Bootmem2623State,
  start: number,
  size: number,
  align: number,
  areasize: number,
): { addr: number; mark: [number, number] } {
  const base = core.startPfn * PAGE_SIZE;
  core.lastSuccess = start * PAGE_SIZE;
  let addr: number;
  if (align < PAGE_SIZE && core.lastOffset && core.lastPos + 1 === start) {
    const offset = kernelAlign(core.lastOffset, align);
    if (offset > PAGE_SIZE)
      throw new KernelBug('__alloc_bootmem_core: offset > PAGE_SIZE', '__alloc_bootmem_core');
    let remaining = PAGE_SIZE - offset;
    addr = core.lastPos * PAGE_SIZE + offset + base;
    if (size < remaining) {
      areasize = 0;
      core.lastOffset = offset + size;
    } else {
      remaining = size - remaining;
      areasize = Math.ceil(remaining / PAGE_SIZE);
      core.lastPos = start + areasize - 1;
      core.lastOffset = remaining;
    }
    core.lastOffset %= PAGE_SIZE;
  } else {
    core.lastPos = start + areasize - 1;
    core.lastOffset = size % PAGE_SIZE;
    addr = start * PAGE_SIZE + base;
  }
  return { addr, mark: [start, start + areasize] };
}

/** gofast in free_all_bootmem_core: node start 0, or aligned so that ffs(start) - 12 > ffs(64). */
export function freeAllGoesFast(startPfn: number): boolean {
  const base = startPfn * PAGE_SIZE;
  if (base === 0) return true;
  let ffs = 1;
  for (let x = base; x % 2 === 0; x /= 2) ffs++;
  return ffs - 12 > 7;
}

/** The fast bootmem node: bitmap as runs. */
export class Bootmem extends BootmemRuns implements Bootmem2623State {
  lastSuccess = 0;
  lastPos = 0;
  lastOffset = 0;

  protected reserveBits(addr: number, size: number): [number, number] {
    return reserveIndexes(this, addr, size);
  }

  protected freeBits(addr: number, size: number): [number, number] {
    return freeIndexes(this, addr, size);
  }

  protected notReserved(): Error {
    return new KernelBug(
      'free_bootmem_core: freeing a page that is not reserved',
      'free_bootmem_core',
    );
  }

  alloc(size: number, align: number, goal: number, limit: number): number | null {
    const plan = planAlloc(this, size, align, goal, limit);
    if (!plan) return null;
    const { eidx, offset, areasize, incr } = plan;
    let preferred = plan.preferred;
    for (;;) {
      for (let i = preferred; i < eidx; i += incr) {
        i = kernelAlign(this.bits.nextZero(i, eidx), incr);
        if (i >= eidx) break;
        if (this.bits.test(i)) continue;
        // The first j in (i, i + areasize) that is set or past the end fails the block.
        const j = Math.min(this.bits.nextSet(i + 1, eidx), eidx);
        if (j >= i + areasize) {
          const { addr, mark } = commitAlloc(this, i, size, align, areasize);
          if (this.bits.set(mark[0], mark[1]).length > 0) {
            throw new KernelBug(
              '__alloc_bootmem_core: page already reserved',
              '__alloc_bootmem_core',
            );
          }
          return addr;
        }
        i = kernelAlign(j, incr);
      }
      if (preferred > offset) preferred = offset;
      else return null;
    }
  }

  freeAll(): FreeAll {
    const idx = this.lowPfn - this.startPfn;
    const fast = freeAllGoesFast(this.startPfn);
    // A word is freed as one block only when all 64 of its bits are clear, i.e. it lies
    // inside one clear run (runs are maximal).
    return this.freeRuns(
      (r) =>
        fast
          ? Math.max(0, Math.floor(r.end / BITS_PER_LONG) - Math.ceil(r.start / BITS_PER_LONG))
          : 0,
      Math.ceil(mapsize(idx) / PAGE_SIZE),
    );
  }
}
