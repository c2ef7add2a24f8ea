/**
 * Binary search over anything kept in order (range sets, memblock regions, log lines, layout
 * pieces): sets hold thousands of runs, and the render and step paths search them every frame.
 */

/**
 * The first index in [0, length) for which `before(i)` is false, or `length` when there is
 * none. `before` must be true for a prefix of the indexes and false for the rest.
 */
export function partitionPoint(length: number, before: (i: number) => boolean): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (before(mid)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
