/**
 * A bitmap kept as sorted runs of set bits.
 *
 * The bootmem bitmap has one bit per page: 25 million bits for a 96 GiB node, a billion for
 * 4 TiB. Boot sets and clears bits in long runs, so storing the runs makes every operation cost
 * O(log runs + runs touched) instead of O(pages). mm/bootmem.c's per-bit loops are mirrored by
 * BitmapReference (bootmem.reference.ts), which property tests hold this against.
 */
import { firstEndingAfter, type Range } from '../../base/range';

export class BitRuns {
  /** Sorted, disjoint, non-touching runs of set bits, within [0, size). */
  private runs: Range[];

  constructor(
    readonly size: number,
    allSet: boolean,
  ) {
    this.runs = allSet && size > 0 ? [{ start: 0, end: size }] : [];
  }

  /** Copy of the set runs. */
  setRuns(): Range[] {
    return this.runs.map((r) => ({ ...r }));
  }

  /** Number of runs (the cost driver). */
  get runCount(): number {
    return this.runs.length;
  }

  test(i: number): boolean {
    const k = firstEndingAfter(this.runs, i);
    const r = this.runs[k];
    return r !== undefined && r.start <= i;
  }

  /** find_next_zero_bit(map, limit, i): first clear bit at or after i, or `limit` if none below it. */
  nextZero(i: number, limit: number): number {
    if (i >= limit) return limit;
    const k = firstEndingAfter(this.runs, i);
    const r = this.runs[k];
    const z = r !== undefined && r.start <= i ? r.end : i;
    return Math.min(z, limit);
  }

  /** First set bit at or after i, or `limit` if none below it. */
  nextSet(i: number, limit: number): number {
    if (i >= limit) return limit;
    const k = firstEndingAfter(this.runs, i);
    const r = this.runs[k];
    if (r === undefined) return limit;
    return Math.min(Math.max(r.start, i), limit);
  }

  /** The set parts of [s, e). */
  setWithin(s: number, e: number): Range[] {
    const out: Range[] = [];
    for (let k = firstEndingAfter(this.runs, s); k < this.runs.length; k++) {
      const r = this.runs[k] as Range;
      if (r.start >= e) break;
      out.push({ start: Math.max(r.start, s), end: Math.min(r.end, e) });
    }
    return out;
  }

  /** The clear parts of [s, e). */
  clearWithin(s: number, e: number): Range[] {
    const out: Range[] = [];
    let cur = s;
    for (const r of this.setWithin(s, e)) {
      if (r.start > cur) out.push({ start: cur, end: r.start });
      cur = r.end;
    }
    if (cur < e) out.push({ start: cur, end: e });
    return out;
  }

  /** Set [s, e). Returns the parts that were already set. */
  set(s: number, e: number): Range[] {
    if (e <= s) return [];
    const already = this.setWithin(s, e);
    // Runs touching [s, e) (including neighbours ending at s or starting at e) merge into one.
    const lo = firstEndingAfter(this.runs, s - 1);
    let hi = lo;
    let start = s;
    let end = e;
    while (hi < this.runs.length && (this.runs[hi] as Range).start <= e) {
      const r = this.runs[hi] as Range;
      start = Math.min(start, r.start);
      end = Math.max(end, r.end);
      hi++;
    }
    this.runs.splice(lo, hi - lo, { start, end });
    return already;
  }

  /** Clear [s, e). Returns the parts that were already clear. */
  clear(s: number, e: number): Range[] {
    if (e <= s) return [];
    const already = this.clearWithin(s, e);
    const lo = firstEndingAfter(this.runs, s);
    let hi = lo;
    const keep: Range[] = [];
    while (hi < this.runs.length && (this.runs[hi] as Range).start < e) {
      const r = this.runs[hi] as Range;
      if (r.start < s) keep.push({ start: r.start, end: s });
      if (r.end > e) keep.push({ start: e, end: r.end });
      hi++;
    }
    this.runs.splice(lo, hi - lo, ...keep);
    return already;
  }
}
