/** Per node, the one range from the lowest start to the highest end of that node's ranges. */
import type { Range } from '../base/range';

export function extentsByNode(items: Iterable<{ node: number; range: Range }>): Map<number, Range> {
  const out = new Map<number, Range>();
  for (const { node, range } of items) {
    const cur = out.get(node);
    out.set(
      node,
      cur
        ? { start: Math.min(cur.start, range.start), end: Math.max(cur.end, range.end) }
        : { ...range },
    );
  }
  return out;
}
