/**
 * One memblock region array (memblock.memory or memblock.reserved) and the kernel's rules for
 * changing it, following v6.1 mm/memblock.c: memblock_add_range (overlaps keep the existing
 * regions, the new parts are inserted, neighbours merge), memblock_merge_regions (only when
 * base, nid and flags line up), memblock_isolate_range (split at the range's edges),
 * memblock_remove_range, memblock_set_node and memblock_setclr_flag.
 *
 * Regions are kept sorted, disjoint and never empty. The kernel keeps one zero-sized dummy
 * entry in an empty array (cnt is never 0); `count()` reports that count. Every operation costs
 * time in the number of regions, never in the size of the address space.
 */
import { MAX_PHYS } from '../../base/addr';
import type { Range } from '../../base/range';
import { partitionPoint } from '../../base/sorted';

/** CONFIG_NODES_SHIFT=10 on the Debian 6.1 amd64 build: a region with no node carries 1024. */
export const MAX_NUMNODES = 1024;
/** "Any node" in allocation requests (include/linux/numa.h). */
export const NUMA_NO_NODE = -1;

/** enum memblock_flags (v6.1 include/linux/memblock.h). */
export const MEMBLOCK_NONE = 0x0;
export const MEMBLOCK_HOTPLUG = 0x1;
export const MEMBLOCK_MIRROR = 0x2;
export const MEMBLOCK_NOMAP = 0x4;
export const MEMBLOCK_DRIVER_MANAGED = 0x8;

/** INIT_MEMBLOCK_REGIONS: both static arrays hold 128 entries on x86 (v6.1 mm/memblock.c). */
export const INIT_MEMBLOCK_REGIONS = 128;

export interface MemblockRegion {
  base: number;
  size: number;
  nid: number;
  flags: number;
}

export interface MemblockType {
  name: 'memory' | 'reserved';
  regions: MemblockRegion[];
  /** type->total_size, kept exactly as the kernel keeps it (memblock_trim_memory leaves it). */
  totalSize: number;
  /** type->max: capacity before memblock_double_array must grow the array. */
  max: number;
  /** Where a doubled array lives; absent while the static __initdata array is used. */
  arrayAt?: Range;
}

/** Grows a full array (memblock_double_array); false when it cannot (ENOMEM). */
export type Grow = (type: MemblockType, avoidBase: number, avoidSize: number) => boolean;

export function newType(name: MemblockType['name'], max = INIT_MEMBLOCK_REGIONS): MemblockType {
  return { name, regions: [], totalSize: 0, max };
}

/** type->cnt as the kernel counts it: an empty array still holds its dummy entry. */
export const count = (t: MemblockType): number => Math.max(1, t.regions.length);

/** memblock_cap_size: the end of [base, base + size), capped at the top of the address space. */
export const capEnd = (base: number, size: number): number => Math.min(base + size, MAX_PHYS);

const regionEnd = (r: MemblockRegion): number => r.base + r.size;

/** memblock_merge_regions: join neighbours that touch and have the same nid and flags. */
export function mergeRegions(t: MemblockType): void {
  const rs = t.regions;
  let i = 0;
  while (i < rs.length - 1) {
    const a = rs[i] as MemblockRegion;
    const b = rs[i + 1] as MemblockRegion;
    if (regionEnd(a) !== b.base || a.nid !== b.nid || a.flags !== b.flags) {
      i++;
      continue;
    }
    a.size += b.size;
    rs.splice(i + 1, 1);
  }
}

function insertRegion(t: MemblockType, idx: number, r: MemblockRegion): void {
  t.regions.splice(idx, 0, r);
  t.totalSize += r.size;
}

/** Index of the first region that ends above `x` (binary search). */
const firstEndingAfter = (t: MemblockType, x: number): number =>
  partitionPoint(t.regions.length, (i) => regionEnd(t.regions[i] as MemblockRegion) <= x);

/**
 * memblock_add_range: insert the parts of [base, base + size) no region covers yet, with this
 * nid and flags; covered parts keep theirs. Two passes as in the kernel: count the new pieces,
 * grow the array if they do not fit, then insert and merge.
 */
export function addRange(
  t: MemblockType,
  base: number,
  size: number,
  nid: number,
  flags: number,
  grow: Grow,
): boolean {
  const end = capEnd(base, size);
  if (end <= base) return true;
  if (t.regions.length === 0) {
    t.regions.push({ base, size: end - base, nid, flags });
    t.totalSize = end - base;
    return true;
  }
  const pieces: MemblockRegion[] = [];
  let cur = base;
  for (let i = firstEndingAfter(t, base); i < t.regions.length; i++) {
    const r = t.regions[i] as MemblockRegion;
    if (r.base >= end) break;
    if (r.base > cur) pieces.push({ base: cur, size: r.base - cur, nid, flags });
    cur = Math.min(regionEnd(r), end);
  }
  if (cur < end) pieces.push({ base: cur, size: end - cur, nid, flags });
  if (pieces.length === 0) return true;
  while (count(t) + pieces.length > t.max) if (!grow(t, base, end - base)) return false;
  for (const p of pieces) insertRegion(t, firstEndingAfter(t, p.base), p);
  mergeRegions(t);
  return true;
}

/**
 * memblock_isolate_range: split the regions crossing base or base + size so that the range is
 * made of whole regions; returns their index range [start, end) (empty when none lie inside).
 */
export function isolateRange(
  t: MemblockType,
  base: number,
  size: number,
  grow: Grow,
): { start: number; end: number } | null {
  const end = capEnd(base, size);
  if (end <= base) return { start: 0, end: 0 };
  while (count(t) + 2 > t.max) if (!grow(t, base, end - base)) return null;
  let first = -1;
  let last = -1;
  for (let i = firstEndingAfter(t, base); i < t.regions.length; i++) {
    const r = t.regions[i] as MemblockRegion;
    const rend = regionEnd(r);
    if (r.base >= end) break;
    if (r.base < base) {
      // Intersects from below: the lower part becomes its own region before r.
      t.regions.splice(i, 0, { base: r.base, size: base - r.base, nid: r.nid, flags: r.flags });
      r.size = rend - base;
      r.base = base;
    } else if (rend > end) {
      // Intersects from above: the part inside becomes its own region, then look at it again.
      t.regions.splice(i, 0, { base: r.base, size: end - r.base, nid: r.nid, flags: r.flags });
      r.size = rend - end;
      r.base = end;
      i--;
    } else {
      if (first < 0) first = i;
      last = i + 1;
    }
  }
  return first < 0 ? { start: 0, end: 0 } : { start: first, end: last };
}

/** memblock_remove_range: isolate, then drop every region inside. */
export function removeRange(t: MemblockType, base: number, size: number, grow: Grow): boolean {
  const iso = isolateRange(t, base, size, grow);
  if (!iso) return false;
  for (let i = iso.end - 1; i >= iso.start; i--) {
    t.totalSize -= (t.regions[i] as MemblockRegion).size;
    t.regions.splice(i, 1);
  }
  return true;
}

/** memblock_set_node: give every region inside the range this nid, then merge. */
export function setNode(
  t: MemblockType,
  base: number,
  size: number,
  nid: number,
  grow: Grow,
): boolean {
  const iso = isolateRange(t, base, size, grow);
  if (!iso) return false;
  for (let i = iso.start; i < iso.end; i++) (t.regions[i] as MemblockRegion).nid = nid;
  mergeRegions(t);
  return true;
}

/** memblock_setclr_flag: set or clear a flag on every region inside the range, then merge. */
export function setClearFlag(
  t: MemblockType,
  base: number,
  size: number,
  set: boolean,
  flag: number,
  grow: Grow,
): boolean {
  const iso = isolateRange(t, base, size, grow);
  if (!iso) return false;
  for (let i = iso.start; i < iso.end; i++) {
    const r = t.regions[i] as MemblockRegion;
    r.flags = set ? r.flags | flag : r.flags & ~flag;
  }
  mergeRegions(t);
  return true;
}

/**
 * memblock_trim_memory: shrink every region to whole multiples of `align`, dropping the ones
 * that vanish. The kernel changes r->size directly, so total_size keeps the untrimmed sum (and
 * memblock_phys_mem_size(), the "System RAM" of the crashkernel message, with it); only a
 * dropped region is subtracted.
 */
export function trimRegions(t: MemblockType, align: number): void {
  for (let i = 0; i < t.regions.length; i++) {
    const r = t.regions[i] as MemblockRegion;
    const start = Math.ceil(r.base / align) * align;
    const end = Math.floor(regionEnd(r) / align) * align;
    if (start === r.base && end === regionEnd(r)) continue;
    if (start < end) {
      r.base = start;
      r.size = end - start;
    } else {
      t.totalSize -= r.size;
      t.regions.splice(i, 1);
      i--;
    }
  }
}
