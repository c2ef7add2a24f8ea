/**
 * The regions alive on one lane, found by address fast enough for a 100,000-line memblock=debug
 * log: short regions are filed in buckets by start address, long ones kept in a short list.
 * A query visits only the buckets its range touches (or all buckets, when fewer).
 */
import type { Region } from '../events';
import type { Range } from '../range';

/** 2 MiB buckets: memblock reservations are mostly pages to a few MiB. */
const BUCKET = 2 ** 21;

export class LiveRegions {
  private readonly buckets = new Map<number, Set<Region>>();
  private readonly long = new Set<Region>();
  private count = 0;

  get size(): number {
    return this.count;
  }

  add(r: Region): void {
    this.count++;
    if (r.end - r.start > BUCKET) {
      this.long.add(r);
      return;
    }
    const b = Math.floor(r.start / BUCKET);
    let set = this.buckets.get(b);
    if (!set) this.buckets.set(b, (set = new Set()));
    set.add(r);
  }

  delete(r: Region): void {
    const had =
      this.long.delete(r) || (this.buckets.get(Math.floor(r.start / BUCKET))?.delete(r) ?? false);
    if (had) this.count--;
  }

  /** Live regions sharing at least one byte with `q` (all of them for an empty query at 0..∞). */
  overlapping(q: Range): Region[] {
    const out: Region[] = [];
    const hit = (r: Region) => {
      if (r.start < q.end && q.start < r.end) out.push(r);
    };
    this.long.forEach(hit);
    // A short region overlapping q starts at most one bucket before q.
    const first = Math.floor(q.start / BUCKET) - 1;
    const last = Math.floor((q.end - 1) / BUCKET);
    if (last - first + 1 <= this.buckets.size) {
      for (let b = first; b <= last; b++) this.buckets.get(b)?.forEach(hit);
    } else {
      for (const [b, set] of this.buckets) if (b >= first && b <= last) set.forEach(hit);
    }
    return out;
  }

  /** A live region with exactly this range, if any. */
  same(q: Range): Region | undefined {
    return this.overlapping(q).find((r) => r.start === q.start && r.end === q.end);
  }

  all(): Region[] {
    const out = [...this.long];
    for (const set of this.buckets.values()) out.push(...set);
    return out;
  }
}
