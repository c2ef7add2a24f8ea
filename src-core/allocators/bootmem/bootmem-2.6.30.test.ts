import { describe, expect, it } from 'vitest';
import { PAGE_SIZE } from '../../base/addr';
import { KernelBug } from './bootmem';
import { Bootmem2630 } from './bootmem-2.6.30';
import { Bootmem2630Reference } from './bootmem-2.6.30.reference';
import { checkAgainstReference } from '../../testing/bootmem-ops';

const node = (start: number, pages: number) => {
  const b = new Bootmem2630(start, start + pages, 0);
  b.free(start * PAGE_SIZE, pages * PAGE_SIZE);
  return b;
};

describe('v2.6.30 mm/bootmem.c rules', () => {
  it('__reserve with BOOTMEM_EXCLUSIVE undoes its bits and fails on a taken page', () => {
    const b = node(0, 64);
    b.reserve(10 * PAGE_SIZE, PAGE_SIZE);
    expect(b.reserveExclusive(8 * PAGE_SIZE, 4 * PAGE_SIZE)).toEqual([{ start: 10, end: 11 }]);
    expect(b.reservedPages()).toEqual([{ start: 10, end: 11 }]);
  });
  it('aligns in physical terms (align_idx), not relative to the node', () => {
    const b = node(3, 64); // node starts at pfn 3
    expect(b.alloc(PAGE_SIZE, 8 * PAGE_SIZE, 0, 0)).toBe(8 * PAGE_SIZE);
  });
  it('continues from the hint, with one fallback scan from the goal', () => {
    const b = node(0, 64);
    expect(b.alloc(4 * PAGE_SIZE, PAGE_SIZE, 0, 0)).toBe(0);
    expect(b.alloc(PAGE_SIZE, PAGE_SIZE, 0, 0)).toBe(4 * PAGE_SIZE); // hint, not a rescan
    b.reserve(5 * PAGE_SIZE, 59 * PAGE_SIZE);
    b.free(0, 4 * PAGE_SIZE);
    expect(b.alloc(2 * PAGE_SIZE, PAGE_SIZE, 0, 0)).toBe(0); // hint lowered by the free
  });
  it('packs a sub-page request after the previous one (last_end_off)', () => {
    const b = node(0, 16);
    expect(b.alloc(100, 64, 0, 0)).toBe(0);
    expect(b.alloc(100, 64, 0, 0)).toBe(128);
    expect(b.reservedPages()).toEqual([{ start: 0, end: 1 }]);
  });
  it('BUG()s when goal + size exceeds the limit', () => {
    expect(() => node(0, 16).alloc(PAGE_SIZE, PAGE_SIZE, 15 * PAGE_SIZE, 15 * PAGE_SIZE)).toThrow(
      KernelBug,
    );
  });
  it('frees whole words as blocks except the node’s last word', () => {
    const fa = node(0, 128).freeAll();
    expect(fa.order6Blocks).toBe(1);
    expect(fa.singlePages).toBe(64);
  });
});

describe('property: the 2.6.30 fast engine agrees with its per-page reference', () => {
  it('on random nodes, holes, reservations, frees and allocations', () => {
    checkAgainstReference(
      (s, e, m) => new Bootmem2630(s, e, m),
      (s, e, m) => new Bootmem2630Reference(s, e, m),
      (c) => [c.hintIdx, c.lastEndOff],
      1500,
      (a, b) => expect(a).toEqual(b),
    );
  });
});
