/**
 * Which of a fixed list of ranges contain a point: a segment tree over the ranges' end points.
 * Each range is stored at O(log n) tree nodes; a query walks one leaf-to-root path and costs
 * O(log n + answers), where a filter over the list costs O(n). Built once, read many times.
 *
 * Example: ranges [0,10) [5,20) [30,40); stab(7) → [0, 1]; stab(25) → []; stab(30) → [2].
 */
import type { Range } from '../../base/range';
import { partitionPoint } from '../../base/sorted';

export class StabbingIndex {
  private readonly coords: number[];
  private readonly size: number;
  private readonly nodes: (number[] | undefined)[];

  constructor(ranges: readonly Range[]) {
    const points = new Set<number>();
    for (const r of ranges)
      if (r.end > r.start) {
        points.add(r.start);
        points.add(r.end);
      }
    this.coords = [...points].sort((a, b) => a - b);
    const leaves = Math.max(1, this.coords.length - 1);
    let size = 1;
    while (size < leaves) size *= 2;
    this.size = size;
    this.nodes = new Array<number[] | undefined>(2 * size);
    ranges.forEach((r, i) => {
      if (r.end > r.start) this.insert(i, this.leafOf(r.start), this.leafOf(r.end));
    });
  }

  /** Index of the elementary interval starting at coordinate `x` (x is one of coords). */
  private leafOf(x: number): number {
    return partitionPoint(this.coords.length, (i) => (this.coords[i] as number) < x);
  }

  private insert(id: number, lo: number, hi: number): void {
    for (let l = lo + this.size, r = hi + this.size; l < r; l >>= 1, r >>= 1) {
      if (l & 1) (this.nodes[l++] ??= []).push(id);
      if (r & 1) (this.nodes[--r] ??= []).push(id);
    }
  }

  /** Positions (in the constructor's list) of the ranges containing `x`, in no order. */
  stab(x: number): number[] {
    const c = this.coords;
    if (c.length < 2 || x < (c[0] as number) || x >= (c[c.length - 1] as number)) return [];
    const leaf = partitionPoint(c.length, (i) => (c[i] as number) <= x) - 1;
    const out: number[] = [];
    for (let n = leaf + this.size; n >= 1; n >>= 1) {
      const here = this.nodes[n];
      if (here) for (const id of here) out.push(id);
    }
    return out;
  }
}
