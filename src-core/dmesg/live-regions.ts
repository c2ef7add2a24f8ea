/**
 * The regions alive on one lane, found by address fast enough for a 100,000-line memblock=debug
 * log: short regions are filed in buckets by start address, long ones kept in a short list.
 * A query visits only the buckets its range touches (or all buckets, when fewer).
 */
import type { Region } from '../output/events';
import type { Range } from '../base/range';

/** 2 MiB buckets: memblock reservations are mostly pages to a few MiB. */
const BUCKET = 2 ** 21;

const overlaps = (r: Region, q: Range): boolean => r.start < q.end && q.start < r.end;

function push(map: Map<number, Region[]>, key: number, r: Region): void {
  const list = map.get(key);
  if (list) list.push(r);
  else map.set(key, [r]);
}

/** Unordered removal: swap with the last. */
function remove(list: Region[] | undefined, r: Region): void {
  const i = list ? list.indexOf(r) : -1;
  if (!list || i < 0) return;
  list[i] = list[list.length - 1] as Region;
  list.pop();
}

/** The region among those starting at q's start that ends where q does. */
function sameIn(had: Region | Region[], q: Range): Region | undefined {
  if (!Array.isArray(had)) return had.end === q.end ? had : undefined;
  for (const r of had) if (r.end === q.end) return r;
  return undefined;
}

export class LiveRegions {
  private readonly buckets = new Map<number, Region[]>();
  private readonly long: Region[] = [];
  /**
   * By start address, for the exact-range lookups every reservation makes: the region itself,
   * or a list where several start at one address (most addresses have one: no list for them).
   */
  private readonly byStart = new Map<number, Region | Region[]>();

  add(r: Region): void {
    this.addAfter(this.byStart.get(r.start), r);
  }

  /**
   * A live region with exactly r's range if there is one; else r, added (undefined). One look
   * at the index where same() and then add() would take three: a 100,000-line log reserves
   * 50,000 ranges.
   */
  addUnlessSame(r: Region): Region | undefined {
    const had = this.byStart.get(r.start);
    const same = had === undefined ? undefined : sameIn(had, r);
    if (!same) this.addAfter(had, r);
    return same;
  }

  /** add, given what the index holds at r's start. */
  private addAfter(had: Region | Region[] | undefined, r: Region): void {
    if (had === undefined) this.byStart.set(r.start, r);
    else if (Array.isArray(had)) had.push(r);
    else this.byStart.set(r.start, [had, r]);
    if (r.end - r.start > BUCKET) {
      this.long.push(r);
      return;
    }
    push(this.buckets, Math.floor(r.start / BUCKET), r);
  }

  delete(r: Region): void {
    const had = this.byStart.get(r.start);
    if (had === r) this.byStart.delete(r.start);
    else if (Array.isArray(had)) remove(had, r);
    remove(
      r.end - r.start > BUCKET ? this.long : this.buckets.get(Math.floor(r.start / BUCKET)),
      r,
    );
  }

  /** Live regions sharing at least one byte with `q`. */
  overlapping(q: Range): Region[] {
    const out: Region[] = [];
    for (const r of this.long) if (overlaps(r, q)) out.push(r);
    // A short region overlapping q starts at most one bucket before q.
    const first = Math.floor(q.start / BUCKET) - 1;
    const last = Math.floor((q.end - 1) / BUCKET);
    const visit = (list: readonly Region[]) => {
      for (const r of list) if (overlaps(r, q)) out.push(r);
    };
    if (last - first + 1 <= this.buckets.size) {
      for (let b = first; b <= last; b++) {
        const list = this.buckets.get(b);
        if (list) visit(list);
      }
    } else {
      for (const [b, list] of this.buckets) if (b >= first && b <= last) visit(list);
    }
    return out;
  }

  all(): Region[] {
    const out = [...this.long];
    for (const list of this.buckets.values()) out.push(...list);
    return out;
  }
}
