/**
 * memblock, the early allocator of modern kernels, as v6.1 mm/memblock.c implements it:
 * memblock.memory (what RAM exists, per node) and memblock.reserved (what is taken), free
 * ranges = memory minus reserved, searched top-down by default and bottom-up when asked, with
 * alignment, limits, memblock.current_limit and node preference. memblock_reserve() accepts
 * overlaps without a word: only the allocators look at what is free.
 *
 * Costs grow with the number of regions (binary search plus a walk over the regions visited),
 * never with the amount of RAM. memblock.reference.ts is the same contract done page by page;
 * memblock.test.ts checks one against the other.
 */
import { alignDown, alignUp, hex, hexPad, MAX_PHYS, PAGE_SIZE } from '../../base/addr';
import {
  addRange,
  count,
  MEMBLOCK_DRIVER_MANAGED,
  MEMBLOCK_HOTPLUG,
  MEMBLOCK_NOMAP,
  MAX_NUMNODES,
  newType,
  NUMA_NO_NODE,
  removeRange,
  setClearFlag,
  setNode,
  trimRegions,
  type MemblockRegion,
  type MemblockType,
} from './region-array';
import type { Range } from '../../base/range';
import { partitionPoint } from '../../base/sorted';

export * from './region-array';

/** MEMBLOCK_ALLOC_ANYWHERE (~0), _ACCESSIBLE (0) and _NOLEAKTRACE (1) (v6.1 memblock.h). */
export const MEMBLOCK_ALLOC_ANYWHERE = MAX_PHYS;
export const MEMBLOCK_ALLOC_ACCESSIBLE = 0;
export const MEMBLOCK_ALLOC_NOLEAKTRACE = 1;
/** SMP_CACHE_BYTES on x86_64 (L1_CACHE_SHIFT 6): the alignment used when a caller gives 0. */
export const SMP_CACHE_BYTES = 64;
/** sizeof(struct memblock_region) with CONFIG_NUMA: base, size, flags, nid. */
const REGION_BYTES = 24;

/** Something memblock printed or did on its own (array doubling), for the caller's timeline. */
export interface MemblockNote {
  kind: 'doubled' | 'double-failed';
  type: 'memory' | 'reserved';
  /** The dmesg line. */
  text: string;
  range?: Range;
}

export interface MemblockOptions {
  /** PAGE_SIZE; tests shrink it to make the address space small. */
  pageSize?: number;
  /** Initial array capacity (INIT_MEMBLOCK_REGIONS). */
  max?: number;
  /** movable_node: hotpluggable regions are skipped by the allocators. */
  movableNode?: boolean;
}

/** A free range and the node of the memory region it lies in. */
export interface FreeRange extends Range {
  nid: number;
}

/** What an allocation asks: size, alignment, the window [start, end), a node, node only? */
type AllocArgs = [
  size: number,
  align: number,
  start: number,
  end: number,
  nid: number,
  exactNid: boolean,
];

/** Where a search placed a block: `at`, inside free range `range`, clipped to [lo, hi). */
interface Fit {
  at: number;
  lo: number;
  hi: number;
  range: FreeRange;
}

/**
 * What identical allocation requests in a row got: `count` blocks, the first at
 * `first` and each next one `step` bytes on (top-down: -size, bottom-up: +size), all carved
 * from one free range, `range`. Fewer than asked when that range ran out.
 */
export interface AllocRun {
  first: number;
  count: number;
  step: number;
  range: FreeRange;
}

export class Memblock {
  readonly memory: MemblockType;
  readonly reserved: MemblockType;
  bottomUp = false;
  currentLimit = MEMBLOCK_ALLOC_ANYWHERE;
  /** memblock_allow_resize() has run (x86: in e820__memblock_setup). */
  canResize = false;
  readonly pageSize: number;
  readonly movableNode: boolean;
  readonly notes: MemblockNote[] = [];
  /** Called before every change to either array (the text view's snapshot, allocators/probe.ts). */
  beforeChange: (() => void) | null = null;
  private readonly grow = (t: MemblockType, base: number, size: number) =>
    this.doubleArray(t, base, size);

  constructor(opts: MemblockOptions = {}) {
    this.pageSize = opts.pageSize ?? PAGE_SIZE;
    this.memory = newType('memory', opts.max);
    this.reserved = newType('reserved', opts.max);
    this.movableNode = opts.movableNode ?? false;
  }

  /** memblock_add / memblock_add_node. */
  add(base: number, size: number, nid = MAX_NUMNODES): boolean {
    this.beforeChange?.();
    return addRange(this.memory, base, size, nid, 0, this.grow);
  }

  /** memblock_remove. */
  remove(base: number, size: number): boolean {
    this.beforeChange?.();
    return removeRange(this.memory, base, size, this.grow);
  }

  /** memblock_reserve: overlaps with earlier reservations are accepted silently. */
  reserve(base: number, size: number): boolean {
    this.beforeChange?.();
    return addRange(this.reserved, base, size, MAX_NUMNODES, 0, this.grow);
  }

  /** memblock_phys_free: remove the range from memblock.reserved. */
  physFree(base: number, size: number): boolean {
    this.beforeChange?.();
    return removeRange(this.reserved, base, size, this.grow);
  }

  /** memblock_set_node on memory or reserved. */
  setNode(base: number, size: number, type: 'memory' | 'reserved', nid: number): boolean {
    this.beforeChange?.();
    return setNode(this[type], base, size, nid, this.grow);
  }

  /** memblock_mark_* / memblock_clear_* on memory. */
  setFlag(base: number, size: number, flag: number, set: boolean): boolean {
    this.beforeChange?.();
    return setClearFlag(this.memory, base, size, set, flag, this.grow);
  }

  /** memblock_trim_memory. */
  trimMemory(align: number): void {
    this.beforeChange?.();
    trimRegions(this.memory, align);
  }

  /** memblock_phys_mem_size(): memory's total_size as the kernel keeps it. */
  physMemSize(): number {
    return this.memory.totalSize;
  }

  /** should_skip_region (v6.1): only memory regions are filtered, by node and flags. */
  private skipped(r: MemblockRegion, nid: number): boolean {
    if (nid !== NUMA_NO_NODE && nid !== r.nid) return true;
    if (this.movableNode && r.flags & MEMBLOCK_HOTPLUG) return true;
    if (r.flags & MEMBLOCK_NOMAP) return true;
    return (r.flags & MEMBLOCK_DRIVER_MANAGED) !== 0;
  }

  /** The free pieces of one memory region: its parts no reserved region covers, ascending. */
  private freeIn(m: MemblockRegion): FreeRange[] {
    const res = this.reserved.regions;
    const mEnd = m.base + m.size;
    const lo = partitionPoint(res.length, (i) => {
      const r = res[i] as MemblockRegion;
      return r.base + r.size <= m.base;
    });
    const out: FreeRange[] = [];
    let cur = m.base;
    for (let j = lo; j < res.length; j++) {
      const r = res[j] as MemblockRegion;
      if (r.base >= mEnd) break;
      if (r.base > cur) out.push({ start: cur, end: r.base, nid: m.nid });
      cur = Math.max(cur, r.base + r.size);
    }
    if (cur < mEnd) out.push({ start: cur, end: mEnd, nid: m.nid });
    return out;
  }

  /**
   * for_each_free_mem_range(_reverse) (__next_mem_range / __next_mem_range_rev): memory minus
   * reserved, one memory region at a time, so a free range never spans two regions.
   */
  *freeRanges(nid = NUMA_NO_NODE, reverse = false): Generator<FreeRange> {
    const mem = this.memory.regions;
    for (let k = 0; k < mem.length; k++) {
      const m = mem[reverse ? mem.length - 1 - k : k] as MemblockRegion;
      if (this.skipped(m, nid)) continue;
      const pieces = this.freeIn(m);
      if (reverse) pieces.reverse();
      yield* pieces;
    }
  }

  /**
   * memblock_find_in_range_node: an ACCESSIBLE end means current_limit; start is raised to one
   * page so that 0 can mean failure; top-down takes the highest aligned fit, bottom-up the
   * lowest. Returns 0 when nothing fits.
   */
  findInRangeNode(size: number, align: number, start: number, end: number, nid: number): number {
    return this.fit(size, align, start, end, nid)?.at ?? 0;
  }

  /**
   * memblock_find_in_range_node's search, with the free range the block lies in (`range`) and
   * that range clipped to the window (`lo`, `hi`). Walks the memory regions directly rather
   * than through freeRanges(): allocations are the engine's hottest path.
   */
  private fit(size: number, align: number, start: number, end: number, nid: number): Fit | null {
    if (end === MEMBLOCK_ALLOC_ACCESSIBLE || end === MEMBLOCK_ALLOC_NOLEAKTRACE)
      end = this.currentLimit;
    start = Math.max(start, this.pageSize);
    end = Math.max(start, end);
    if (!this.bottomUp && size > 0) return this.fitTopDown(size, align, start, end, nid);
    const clamp = (x: number) => Math.min(Math.max(x, start), end);
    const mem = this.memory.regions;
    for (let k = 0; k < mem.length; k++) {
      const m = mem[this.bottomUp ? k : mem.length - 1 - k] as MemblockRegion;
      if (this.skipped(m, nid)) continue;
      const pieces = this.freeIn(m);
      for (let i = 0; i < pieces.length; i++) {
        const f = pieces[this.bottomUp ? i : pieces.length - 1 - i] as FreeRange;
        const lo = clamp(f.start);
        const hi = clamp(f.end);
        if (this.bottomUp) {
          const cand = alignUp(lo, align);
          if (cand < hi && hi - cand >= size) return { at: cand, lo, hi, range: f };
        } else {
          if (hi < size) continue;
          const cand = alignDown(hi - size, align);
          if (cand >= lo) return { at: cand, lo, hi, range: f };
        }
      }
    }
    return null;
  }

  /**
   * fit() top-down for a block of some size, without listing each memory region's free pieces:
   * the reserved regions (sorted, never overlapping) are walked down from the window's top, so
   * a block found near the top, as most are, costs a binary search rather than a walk of every
   * reservation (the 100,000-region stress machine made that quadratic). A free piece wholly
   * above `end` or below `start` clamps to an empty range and holds no block, so leaving those
   * out gives fit()'s answer.
   */
  private fitTopDown(
    size: number,
    align: number,
    start: number,
    end: number,
    nid: number,
  ): Fit | null {
    const mem = this.memory.regions;
    const res = this.reserved.regions;
    // Memory regions starting at or above the window's end hold nothing for it.
    const first = partitionPoint(mem.length, (x) => (mem[x] as MemblockRegion).base < end) - 1;
    for (let k = first; k >= 0; k--) {
      const m = mem[k] as MemblockRegion;
      const mEnd = m.base + m.size;
      if (mEnd <= start) return null;
      if (this.skipped(m, nid)) continue;
      // The first reservation at or above the window's top in this region bounds the first piece.
      let i = partitionPoint(
        res.length,
        (x) => (res[x] as MemblockRegion).base < Math.min(mEnd, end),
      );
      let top =
        i < res.length && (res[i] as MemblockRegion).base < mEnd
          ? (res[i] as MemblockRegion).base
          : mEnd;
      for (i--; top > start; i--) {
        const below = i >= 0 ? (res[i] as MemblockRegion) : null;
        const bottom = below && below.base + below.size > m.base ? below.base + below.size : m.base;
        if (bottom < top) {
          const lo = Math.max(bottom, start);
          const hi = Math.min(top, end);
          if (hi >= size) {
            const cand = alignDown(hi - size, align);
            if (cand >= lo)
              return { at: cand, lo, hi, range: { start: bottom, end: top, nid: m.nid } };
          }
        }
        if (bottom === m.base) break;
        top = (below as MemblockRegion).base;
      }
    }
    return null;
  }

  /**
   * memblock_alloc_range_nid: find and reserve; a request for a node that fails there is
   * retried on any node unless it is an _exact_nid_ request. Returns 0 on failure.
   */
  allocRangeNid(...args: AllocArgs): number {
    return this.allocRangeNidRun(1, ...args)?.first ?? 0;
  }

  /**
   * memblock_alloc_range_nid asked `times` times in a row, as far as one free range serves:
   * null when the first request fails, else the run the requests placed (see AllocRun). A
   * request that fails on its node and succeeds on another keeps failing on its node (free
   * memory only shrinks), so the run follows the fallback just as well.
   */
  allocRangeNidRun(
    times: number,
    ...[size, align, start, end, nid, exactNid]: AllocArgs
  ): AllocRun | null {
    if (align === 0) align = SMP_CACHE_BYTES;
    const run = this.placeRun(times, size, align, start, end, nid);
    if (run || nid === NUMA_NO_NODE || exactNid) return run;
    return this.placeRun(times, size, align, start, end, NUMA_NO_NODE);
  }

  /**
   * Find and reserve the first block, then the blocks later identical requests would get.
   * Top-down, the first block is the highest aligned fit, so what remains of its free range
   * above it has no room; the next request takes the block right below, and so on down to the
   * range's bottom (bottom-up: upwards to its top), when the size is a multiple of the
   * alignment. Each of those reservations merges into the previous one, so the array never
   * grows; the run stops short only if the first one made it grow (the new array may sit in
   * the free range) or the array is full (the next reservation would grow it).
   */
  private placeRun(
    times: number,
    size: number,
    align: number,
    start: number,
    end: number,
    nid: number,
  ): AllocRun | null {
    const fit = this.fit(size, align, start, end, nid);
    const max = this.reserved.max;
    if (!fit || !this.reserve(fit.at, size)) return null;
    const step = this.bottomUp ? size : -size;
    const grew = this.reserved.max !== max;
    let more = 0;
    if (times > 1 && size > 0 && size % align === 0 && !grew && count(this.reserved) < max) {
      const room = this.bottomUp ? fit.hi - fit.at - size : fit.at - fit.lo;
      more = Math.min(times - 1, Math.floor(room / size));
    }
    if (more) this.reserve(this.bottomUp ? fit.at + size : fit.at - more * size, more * size);
    return { first: fit.at, count: 1 + more, step, range: fit.range };
  }

  /** memblock_phys_alloc_range(size, align, start, end): any node, limits as given. */
  physAllocRange(size: number, align: number, start: number, end: number): number {
    return this.allocRangeNid(size, align, start, end, NUMA_NO_NODE, false);
  }

  /** memblock_phys_alloc_try_nid(size, align, nid): anywhere below current_limit. */
  physAllocTryNid(size: number, align: number, nid: number): number {
    return this.allocRangeNid(size, align, 0, MEMBLOCK_ALLOC_ACCESSIBLE, nid, false);
  }

  /**
   * memblock_alloc_internal, behind memblock_alloc_try_nid(_raw) and
   * memblock_alloc_exact_nid_raw: max_addr is capped at current_limit, and a failure with a
   * lower limit is retried from 0.
   */
  allocInternal(...args: AllocArgs): number {
    return this.allocInternalRun(1, ...args)?.first ?? 0;
  }

  /** memblock_alloc_internal asked `times` times in a row (see allocRangeNidRun). */
  allocInternalRun(
    times: number,
    ...[size, align, minAddr, maxAddr, nid, exactNid]: AllocArgs
  ): AllocRun | null {
    if (maxAddr > this.currentLimit) maxAddr = this.currentLimit;
    const run = this.allocRangeNidRun(times, size, align, minAddr, maxAddr, nid, exactNid);
    if (run || !minAddr) return run;
    return this.allocRangeNidRun(times, size, align, 0, maxAddr, nid, exactNid);
  }

  /**
   * memblock_double_array, before the slab allocator exists: a page-aligned array twice the
   * size, found anywhere below current_limit (for reserved: not over the range being added,
   * tried above it first, then below), then reserved itself.
   */
  private doubleArray(t: MemblockType, avoidBase: number, avoidSize: number): boolean {
    const oldAlloc = alignUp(t.max * REGION_BYTES, this.pageSize);
    const newSize = 2 * t.max * REGION_BYTES;
    const newAlloc = alignUp(newSize, this.pageSize);
    if (!this.canResize) {
      this.notes.push({
        kind: 'double-failed',
        type: t.name,
        text: `memblock: cannot resize ${t.name} array`,
      });
      return false;
    }
    if (t.name !== 'reserved') avoidBase = avoidSize = 0;
    let addr = this.findInRangeNode(
      newAlloc,
      this.pageSize,
      avoidBase + avoidSize,
      this.currentLimit,
      NUMA_NO_NODE,
    );
    if (!addr && avoidSize)
      addr = this.findInRangeNode(
        newAlloc,
        this.pageSize,
        0,
        Math.min(avoidBase, this.currentLimit),
        NUMA_NO_NODE,
      );
    if (!addr) {
      this.notes.push({
        kind: 'double-failed',
        type: t.name,
        text: `memblock: Failed to double ${t.name} array from ${t.max} to ${2 * t.max} entries !`,
      });
      return false;
    }
    this.notes.push({
      kind: 'doubled',
      type: t.name,
      text: `memblock: ${t.name} is doubled to ${2 * t.max} at [${pa(addr)}-${pa(addr + newSize - 1)}]`,
      range: { start: addr, end: addr + newAlloc },
    });
    const old = t.arrayAt;
    t.max *= 2;
    t.arrayAt = { start: addr, end: addr + newAlloc };
    if (old) this.physFree(old.start, oldAlloc);
    return this.reserve(addr, newAlloc);
  }
}

/** %pa: 0x and 16 hex digits. */
export const pa = (x: number): string => '0x' + hexPad(x, 16);

/** A memblock_dbg line for a range: `memblock_reserve: [0x...-0x...] caller`. */
export function rangeDebugLine(fn: string, base: number, size: number, caller: string): string {
  return `${fn}: [${pa(base)}-${pa(base + size - 1)}] ${caller}`;
}

/**
 * memblock_dump_all → memblock_dump (v6.1): the `MEMBLOCK configuration:` block. An empty array
 * shows its dummy entry, and " on node N" appears only for regions that have a node.
 */
export function dumpLines(mb: Memblock): string[] {
  const lines = [
    'MEMBLOCK configuration:',
    ` memory size = ${pa(mb.memory.totalSize)} reserved size = ${pa(mb.reserved.totalSize)}`,
  ];
  for (const t of [mb.memory, mb.reserved]) {
    lines.push(` ${t.name}.cnt  = ${hex(count(t))}`);
    const regions = t.regions.length
      ? t.regions
      : [{ base: 0, size: 0, nid: MAX_NUMNODES, flags: 0 }];
    regions.forEach((r, i) => {
      const node = r.nid === MAX_NUMNODES ? '' : ` on node ${r.nid}`;
      const last = r.size === 0 ? '0xffffffffffffffff' : pa(r.base + r.size - 1);
      lines.push(
        ` ${t.name}[${hex(i)}]\t[${pa(r.base)}-${last}], ${pa(r.size)} bytes${node} flags: ${hex(r.flags)}`,
      );
    });
  }
  return lines;
}
