import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  firstEndingAfter,
  normalize,
  rangeContains,
  rangeIntersection,
  rangesOverlap,
  rangeSubtract,
  setClip,
  setIntersect,
  setLength,
  setSubtract,
  setUnion,
  type Range,
} from './range';

const r = (start: number, end: number): Range => ({ start, end });

describe('half-open ranges', () => {
  it('touching ranges do not overlap', () => {
    expect(rangesOverlap(r(0, 4), r(4, 8))).toBe(false);
    expect(rangesOverlap(r(0, 5), r(4, 8))).toBe(true);
  });
  it('intersection, containment and subtraction', () => {
    expect(rangeIntersection(r(0, 8), r(4, 12))).toEqual(r(4, 8));
    expect(rangeIntersection(r(0, 4), r(4, 12))).toBeNull();
    expect(rangeContains(r(0, 10), r(2, 10))).toBe(true);
    expect(rangeSubtract(r(0, 10), r(3, 5))).toEqual([r(0, 3), r(5, 10)]);
    expect(rangeSubtract(r(0, 10), r(20, 30))).toEqual([r(0, 10)]);
  });
  it('normalize sorts, merges touching ranges and drops empties', () => {
    expect(normalize([r(8, 10), r(0, 4), r(4, 6), r(5, 5)])).toEqual([r(0, 6), r(8, 10)]);
  });
  it('set operations on a 2^52 address space stay exact', () => {
    const top = 2 ** 52;
    expect(setSubtract([r(0, top)], [r(top - 4096, top)])).toEqual([r(0, top - 4096)]);
  });
  it('clips to a window and finds by binary search', () => {
    const s = [r(0, 10), r(20, 30), r(40, 50)];
    expect(firstEndingAfter(s, 25)).toBe(1);
    expect(firstEndingAfter(s, 30)).toBe(2);
    expect(setClip(s, r(5, 45))).toEqual([r(5, 10), r(20, 30), r(40, 45)]);
  });
});

/** Membership of each point of a small universe, the reference for the set algebra. */
const bits = (s: Range[], n: number) =>
  Array.from({ length: n }, (_, i) => s.some((x) => i >= x.start && i < x.end));
const arbSet = fc
  .array(fc.tuple(fc.nat(60), fc.nat(20)), { maxLength: 8 })
  .map((xs) => normalize(xs.map(([s, l]) => r(s, s + l))));

describe('property: set algebra agrees with point membership', () => {
  it('union, intersection, subtraction and length', () => {
    fc.assert(
      fc.property(arbSet, arbSet, (a, b) => {
        const A = bits(a, 90);
        const B = bits(b, 90);
        expect(bits(setUnion(a, b), 90)).toEqual(A.map((x, i) => x || B[i]));
        expect(bits(setIntersect(a, b), 90)).toEqual(A.map((x, i) => x && B[i]));
        expect(bits(setSubtract(a, b), 90)).toEqual(A.map((x, i) => x && !B[i]));
        expect(setLength(a)).toBe(A.filter(Boolean).length);
      }),
      { numRuns: 300 },
    );
  });
});
