/**
 * What the bytes of a bootmem bitmap hold: bit i of the bitmap is page `pages.start + i`, so
 * byte b holds pages [start + 8b, start + 8b + 8). Used to draw a bitmap's contents inside its
 * own region and to name the byte under the pointer.
 */
import { firstEndingAfter, type BitmapState, type Range } from '../../src-core';

/** Page frames whose bits live in bitmap bytes [b0, b1), clipped to the bitmap's span. */
export function pagesOfBytes(b: BitmapState, b0: number, b1: number): Range {
  return {
    start: Math.min(b.pages.end, b.pages.start + 8 * b0),
    end: Math.min(b.pages.end, b.pages.start + 8 * b1),
  };
}

/** How many pages of [p.start, p.end) the bitmap marks reserved (bit set). */
export function setCount(b: BitmapState, p: Range): number {
  let n = 0;
  for (let i = firstEndingAfter(b.set, p.start); i < b.set.length; i++) {
    const r = b.set[i] as Range;
    if (r.start >= p.end) break;
    n += Math.min(r.end, p.end) - Math.max(r.start, p.start);
  }
  return n;
}
