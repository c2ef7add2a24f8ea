import { describe, expect, it } from 'vitest';
import { MiB, PAGE_SIZE } from '../../base/addr';
import { Bootmem, bootmapPages, KernelBug, mapsize } from './bootmem';
import { BootmemReference } from './bootmem.reference';
import { checkAgainstReference } from '../../testing/bootmem-ops';

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
  it('BUG()s on a range that leaves the node at its end', () => {
    const b = new Bootmem(16, 32, 0);
    expect(() => b.reserve(31 * PAGE_SIZE, 2 * PAGE_SIZE)).toThrow(KernelBug);
  });
  it('sets nothing, silently, for a range starting below the node (v2.6.23 has no lower bound)', () => {
    const b = new Bootmem(16, 32, 0);
    b.free(16 * PAGE_SIZE, 16 * PAGE_SIZE);
    expect(b.reserve(15 * PAGE_SIZE, 4 * PAGE_SIZE)).toEqual([]);
    expect(b.reservedPages()).toEqual([]);
    b.reserve(20 * PAGE_SIZE, PAGE_SIZE);
    b.free(14 * PAGE_SIZE, 8 * PAGE_SIZE);
    expect(b.reservedPages()).toEqual([{ start: 20, end: 21 }]);
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

// ---- property test: the run-based engine against the per-page reference ----

describe('property: the fast engine agrees with the per-page reference, step for step', () => {
  it('on random nodes, holes, reservations, frees and allocations', () => {
    checkAgainstReference(
      (start, end, map) => new Bootmem(start, end, map),
      (start, end, map) => new BootmemReference(start, end, map),
      (c) => [c.lastSuccess, c.lastPos, c.lastOffset],
      2000,
      (a, b) => expect(a).toEqual(b),
    );
  });
});
