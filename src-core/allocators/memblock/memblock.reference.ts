/**
 * A deliberately naive memblock for tests: one entry per address unit for memory and for
 * reserved, regions derived as runs of units with the same node and flags, and allocation by
 * trying every aligned candidate in order. It states the contract of memblock.ts (v6.1
 * mm/memblock.c) in the simplest terms so the property tests can compare the two on random
 * scenarios. Only for small address spaces.
 */
import { alignDown, alignUp } from '../../base/addr';
import {
  MAX_NUMNODES,
  MEMBLOCK_ALLOC_ACCESSIBLE,
  MEMBLOCK_ALLOC_NOLEAKTRACE,
  MEMBLOCK_DRIVER_MANAGED,
  MEMBLOCK_HOTPLUG,
  MEMBLOCK_NOMAP,
  NUMA_NO_NODE,
  SMP_CACHE_BYTES,
  type MemblockRegion,
} from './memblock';

const ABSENT = -2;

interface Units {
  nid: Int32Array;
  flags: Int32Array;
}

export class MemblockReference {
  bottomUp = false;
  currentLimit: number;
  private readonly memory: Units;
  private readonly reserved: Units;

  constructor(
    readonly units: number,
    readonly pageSize: number,
    readonly movableNode = false,
  ) {
    this.currentLimit = units;
    const make = (): Units => ({
      nid: new Int32Array(units).fill(ABSENT),
      flags: new Int32Array(units),
    });
    this.memory = make();
    this.reserved = make();
  }

  private span(base: number, size: number): [number, number] {
    return [Math.max(0, base), Math.min(this.units, base + size)];
  }

  private addTo(u: Units, base: number, size: number, nid: number): void {
    const [a, b] = this.span(base, size);
    for (let i = a; i < b; i++) if (u.nid[i] === ABSENT) u.nid[i] = nid;
  }

  private clear(u: Units, base: number, size: number): void {
    const [a, b] = this.span(base, size);
    for (let i = a; i < b; i++) {
      u.nid[i] = ABSENT;
      u.flags[i] = 0;
    }
  }

  add(base: number, size: number, nid = MAX_NUMNODES): void {
    this.addTo(this.memory, base, size, nid);
  }
  remove(base: number, size: number): void {
    this.clear(this.memory, base, size);
  }
  reserve(base: number, size: number): void {
    this.addTo(this.reserved, base, size, MAX_NUMNODES);
  }
  physFree(base: number, size: number): void {
    this.clear(this.reserved, base, size);
  }
  setNode(base: number, size: number, type: 'memory' | 'reserved', nid: number): void {
    const u = this[type];
    const [a, b] = this.span(base, size);
    for (let i = a; i < b; i++) if (u.nid[i] !== ABSENT) u.nid[i] = nid;
  }
  setFlag(base: number, size: number, flag: number, set: boolean): void {
    const [a, b] = this.span(base, size);
    for (let i = a; i < b; i++)
      if (this.memory.nid[i] !== ABSENT)
        this.memory.flags[i] = set
          ? (this.memory.flags[i] as number) | flag
          : (this.memory.flags[i] as number) & ~flag;
  }

  /** Each memory region loses its partial `align` units at both ends. */
  trimMemory(align: number): void {
    for (const r of this.regions('memory')) {
      const start = alignUp(r.base, align);
      const end = alignDown(r.base + r.size, align);
      if (start >= end) this.clear(this.memory, r.base, r.size);
      else {
        this.clear(this.memory, r.base, start - r.base);
        this.clear(this.memory, end, r.base + r.size - end);
      }
    }
  }

  /** Maximal runs of present units with one node and one set of flags. */
  regions(type: 'memory' | 'reserved'): MemblockRegion[] {
    const u = this[type];
    const out: MemblockRegion[] = [];
    for (let i = 0; i < this.units; i++) {
      const nid = u.nid[i] as number;
      if (nid === ABSENT) continue;
      const flags = u.flags[i] as number;
      const last = out[out.length - 1];
      if (last && last.base + last.size === i && last.nid === nid && last.flags === flags)
        last.size++;
      else out.push({ base: i, size: 1, nid, flags });
    }
    return out;
  }

  totalSize(type: 'memory' | 'reserved'): number {
    return this[type].nid.reduce((n, v) => n + (v === ABSENT ? 0 : 1), 0);
  }

  private usable(r: MemblockRegion, nid: number): boolean {
    if (nid !== NUMA_NO_NODE && r.nid !== nid) return false;
    if (this.movableNode && r.flags & MEMBLOCK_HOTPLUG) return false;
    return (r.flags & (MEMBLOCK_NOMAP | MEMBLOCK_DRIVER_MANAGED)) === 0;
  }

  /** [cand, cand + size) lies in one usable memory region and no unit of it is reserved. */
  private fits(cand: number, size: number, nid: number): boolean {
    const region = this.regions('memory').find(
      (r) => r.base <= cand && cand + size <= r.base + r.size,
    );
    if (!region || !this.usable(region, nid)) return false;
    for (let i = cand; i < cand + size; i++) if (this.reserved.nid[i] !== ABSENT) return false;
    return true;
  }

  find(size: number, align: number, start: number, end: number, nid: number): number {
    if (end === MEMBLOCK_ALLOC_ACCESSIBLE || end === MEMBLOCK_ALLOC_NOLEAKTRACE)
      end = this.currentLimit;
    start = Math.max(start, this.pageSize);
    end = Math.min(Math.max(start, end), this.units);
    if (this.bottomUp) {
      for (let c = alignUp(start, align); c + size <= end; c += align)
        if (this.fits(c, size, nid)) return c;
    } else if (end >= size) {
      for (let c = alignDown(end - size, align); c >= start; c -= align)
        if (this.fits(c, size, nid)) return c;
    }
    return 0;
  }

  allocRangeNid(
    size: number,
    align: number,
    start: number,
    end: number,
    nid: number,
    exact: boolean,
  ): number {
    if (align === 0) align = SMP_CACHE_BYTES;
    let found = this.find(size, align, start, end, nid);
    if (!found && nid !== NUMA_NO_NODE && !exact)
      found = this.find(size, align, start, end, NUMA_NO_NODE);
    if (found) this.reserve(found, size);
    return found;
  }

  allocInternal(
    size: number,
    align: number,
    min: number,
    max: number,
    nid: number,
    exact: boolean,
  ): number {
    if (max > this.currentLimit) max = this.currentLimit;
    const found = this.allocRangeNid(size, align, min, max, nid, exact);
    return found || (min ? this.allocRangeNid(size, align, 0, max, nid, exact) : 0);
  }
}
