/**
 * What is under the pointer: the smallest live region whose drawn rectangle (minimum width
 * included) holds the point, a page of a bootmem bitmap in the bits lane, a collapsed gap, or
 * an interval of crashkernel bases in the advisor lane.
 */
import { PAGE_SIZE, type AdviceInterval, type Region } from '../../src-core';
import { forEachIn } from '../derived/lane-index';
import type { Hover } from '../state/view-store';
import { fromU } from '../viewport/layout';
import { pxToU, uToPx } from '../viewport/viewport';
import { ADVICE_RANK, intervalsBetween } from './draw-advice';
import { drawnSpan, laneAt, MIN_CONFLICT_PX, MIN_PX } from './geometry';
import type { Scene } from './scene';

type HitScene = Pick<
  Scene,
  'lanes' | 'index' | 'view' | 'layout' | 'step' | 'bits' | 'si' | 'advice'
>;

/** The advisor lane: the worst interval drawn under the pointer (slivers are widened). */
function adviceHit(s: HitScene, x: number, y: number, addr: number): Hover | null {
  const a = s.advice;
  if (!a) return null;
  let best: { i: number; rank: number } | null = null;
  for (const { i, x0, x1 } of intervalsBetween(s, a, x - MIN_CONFLICT_PX, x + MIN_CONFLICT_PX)) {
    const [l, r] = drawnSpan(x0, x1, MIN_CONFLICT_PX);
    if (x < l || x > r) continue;
    const rank = ADVICE_RANK[(a.intervals[i] as AdviceInterval).verdict];
    if (!best || rank > best.rank) best = { i, rank };
  }
  return best ? { kind: 'advice', index: best.i, addr, x, y } : null;
}

function bitSet(runs: readonly { start: number; end: number }[], pfn: number): boolean {
  let lo = 0;
  let hi = runs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((runs[mid] as { end: number }).end <= pfn) lo = mid + 1;
    else hi = mid;
  }
  const r = runs[lo];
  return r !== undefined && r.start <= pfn;
}

export function hitTest(s: HitScene, x: number, y: number): Hover | null {
  const at = fromU(s.layout, pxToU(s.view, x));
  if (at.gap) return { kind: 'gap', start: at.gap.start, end: at.gap.end, x, y };
  const hit = laneAt(s.lanes, y);
  const pfn = Math.floor(at.addr / PAGE_SIZE);
  if (!hit) return null;
  if (hit.lane.id === 'advice') return adviceHit(s, x, y, at.addr);
  if (hit.lane.id === 'bits') {
    for (const [node, b] of s.bits())
      if (pfn >= b.pages.start && pfn < b.pages.end)
        return { kind: 'bits', node, pfn, set: bitSet(b.set, pfn), x, y };
    return { kind: 'page', pfn, x, y };
  }
  const li = s.index.get(hit.lane.id);
  let best: Region | null = null;
  if (li) {
    const min = hit.lane.id === 'conflict' ? MIN_CONFLICT_PX : MIN_PX;
    forEachIn(li, pxToU(s.view, x - min), pxToU(s.view, x + min) + 1, s.step, (r, u0, u1) => {
      if ((s.si.rowOf.get(r.id) ?? 0) !== hit.row) return;
      const [x0, x1] = drawnSpan(uToPx(s.view, u0), uToPx(s.view, u1), min);
      if (x < x0 || x > x1) return;
      if (!best || r.end - r.start < best.end - best.start) best = r;
    });
  }
  const found = best as Region | null;
  return found
    ? { kind: 'region', id: found.id, addr: at.addr, x, y }
    : { kind: 'page', pfn, x, y };
}
