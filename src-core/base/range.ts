/**
 * Half-open address ranges [start, end) and sorted sets of them.
 *
 * Every range in the engine is half-open: `end` is the first byte (or page) not included. The
 * kernel prints inclusive ends; conversion happens only at the edges (addr.ts formatting, the
 * dmesg importer).
 */

import { partitionPoint } from './sorted';

export interface Range {
  start: number;
  end: number;
}

/** A sorted list of disjoint, non-touching, non-empty ranges. */
export type RangeSet = Range[];

export const range = (start: number, end: number): Range => ({ start, end });

export const rangeLength = (r: Range): number => r.end - r.start;

export const isEmpty = (r: Range): boolean => r.end <= r.start;

/** True when the ranges share at least one byte. [0,4) and [4,8) do not. */
export function rangesOverlap(a: Range, b: Range): boolean {
  return a.start < b.end && b.start < a.end;
}

/** The shared part, or null. intersect([0,8), [4,12)) = [4,8). */
export function rangeIntersection(a: Range, b: Range): Range | null {
  const start = Math.max(a.start, b.start);
  const end = Math.min(a.end, b.end);
  return start < end ? { start, end } : null;
}

/** True when `inner` lies wholly inside `outer`. */
export function rangeContains(outer: Range, inner: Range): boolean {
  return inner.start >= outer.start && inner.end <= outer.end;
}

/** True when addr is inside r. */
export function rangeIncludes(r: Range, addr: number): boolean {
  return addr >= r.start && addr < r.end;
}

/** a minus b: zero, one or two pieces. [0,10) - [3,5) = [0,3), [5,10). */
export function rangeSubtract(a: Range, b: Range): Range[] {
  if (!rangesOverlap(a, b)) return isEmpty(a) ? [] : [a];
  const out: Range[] = [];
  if (a.start < b.start) out.push({ start: a.start, end: b.start });
  if (b.end < a.end) out.push({ start: b.end, end: a.end });
  return out;
}

/** Sort, drop empties, merge overlapping and touching ranges. */
export function normalize(ranges: readonly Range[]): RangeSet {
  const sorted = ranges.filter((r) => r.end > r.start).sort((a, b) => a.start - b.start);
  const out: RangeSet = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else out.push({ start: r.start, end: r.end });
  }
  return out;
}

/** Union of two sets. */
export function setUnion(a: readonly Range[], b: readonly Range[]): RangeSet {
  return normalize([...a, ...b]);
}

/** Intersection of two sorted sets, linear in their sizes. */
export function setIntersect(a: RangeSet, b: RangeSet): RangeSet {
  const out: RangeSet = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as Range;
    const y = b[j] as Range;
    const r = rangeIntersection(x, y);
    if (r) out.push(r);
    if (x.end < y.end) i++;
    else j++;
  }
  return out;
}

/** a minus b for sorted sets, linear in their sizes. */
export function setSubtract(a: RangeSet, b: RangeSet): RangeSet {
  const out: RangeSet = [];
  let j = 0;
  for (const x of a) {
    let cur = x.start;
    while (j < b.length && (b[j] as Range).end <= cur) j++;
    let k = j;
    while (k < b.length && (b[k] as Range).start < x.end) {
      const y = b[k] as Range;
      if (y.start > cur) out.push({ start: cur, end: y.start });
      cur = Math.max(cur, y.end);
      k++;
    }
    if (cur < x.end) out.push({ start: cur, end: x.end });
  }
  return out;
}

/** Total length of a set. */
export function setLength(s: readonly Range[]): number {
  let n = 0;
  for (const r of s) n += r.end - r.start;
  return n;
}

/** Scale a set by a factor (pages to bytes and back). */
export function setScale(s: readonly Range[], factor: number): RangeSet {
  return s.map((r) => ({ start: r.start * factor, end: r.end * factor }));
}

/**
 * Index of the first range in a sorted set whose end is above `x` (the range holding x, or
 * the next one to the right). Binary search: sets can hold thousands of runs.
 */
export const firstEndingAfter = (s: readonly Range[], x: number): number =>
  partitionPoint(s.length, (i) => (s[i] as Range).end <= x);

/** The part of a sorted set inside a window, clipped to it. */
export function setClip(s: RangeSet, w: Range): RangeSet {
  const out: RangeSet = [];
  for (let i = firstEndingAfter(s, w.start); i < s.length; i++) {
    const r = s[i] as Range;
    if (r.start >= w.end) break;
    out.push({ start: Math.max(r.start, w.start), end: Math.min(r.end, w.end) });
  }
  return out;
}
