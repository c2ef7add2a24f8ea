/**
 * Regions per lane in layout coordinates, sorted, for drawing and hit-testing only what is on
 * screen. Built once per (simulation, layout); a frame then costs a binary search per lane
 * plus the regions in view. Lifetimes sit in typed arrays beside the positions: zoomed out on
 * the 100,000-region machine early in the run, nearly every region in view is not born yet,
 * and skipping those without touching the region objects made the walk the largest part of a
 * zoom frame's script.
 *
 * Regions in a lane may overlap, so "first region that can reach the window" uses a running
 * maximum of ends: maxEnd[i] = max(u1[0..i]) is non-decreasing, hence binary-searchable.
 */
import { partitionPoint, type Region } from '../../src-core';
import type { Layout } from '../viewport/layout';
import { toU } from '../viewport/layout';
import type { LaneId } from './lanes';
import { laneOf } from './lanes';
import type { SimIndex } from './sim-index';
import { runStages, runStagesPaused } from './stages';

export interface LaneRegions {
  regions: Region[];
  u0: Float64Array;
  u1: Float64Array;
  maxEnd: Float64Array;
  /** Step each region appears at, and the step it ends at (Infinity: never). */
  born: Float64Array;
  died: Float64Array;
}

export type LaneIndex = Map<LaneId, LaneRegions>;

const cache = new WeakMap<SimIndex, { layout: Layout; index: LaneIndex }>();

/** Regions placed on the layout between two pauses of laneIndexGradually. */
const SLICE_REGIONS = 20_000;

function* laneIndexStages(si: SimIndex, layout: Layout): Generator<void, LaneIndex> {
  const byLane = new Map<LaneId, { r: Region; u0: number; u1: number }[]>();
  const { regions } = si.sim;
  for (let k = 0; k < regions.length; k++) {
    if (k > 0 && k % SLICE_REGIONS === 0) yield;
    const r = regions[k] as Region;
    const l = laneOf(r);
    const item = { r, u0: toU(layout, r.start), u1: toU(layout, r.end) };
    const list = byLane.get(l);
    if (list) list.push(item);
    else byLane.set(l, [item]);
  }
  const index: LaneIndex = new Map();
  for (const [lane, list] of byLane) {
    yield;
    list.sort((a, b) => a.u0 - b.u0 || b.u1 - a.u1);
    const n = list.length;
    const u0 = new Float64Array(n);
    const u1 = new Float64Array(n);
    const maxEnd = new Float64Array(n);
    const born = new Float64Array(n);
    const died = new Float64Array(n);
    let m = -Infinity;
    list.forEach((x, i) => {
      u0[i] = x.u0;
      u1[i] = x.u1;
      m = Math.max(m, x.u1);
      maxEnd[i] = m;
      born[i] = x.r.born;
      died[i] = x.r.died ?? Infinity;
    });
    index.set(lane, { regions: list.map((x) => x.r), u0, u1, maxEnd, born, died });
  }
  return index;
}

export function laneIndex(si: SimIndex, layout: Layout): LaneIndex {
  const hit = cache.get(si);
  if (hit && hit.layout === layout) return hit.index;
  const index = runStages(laneIndexStages(si, layout));
  cache.set(si, { layout, index });
  return index;
}

/**
 * laneIndex with `pause()` awaited between its stages (a big imported log made ready for its
 * first draw); false, and nothing kept, when a pause answers false.
 */
export async function laneIndexGradually(
  si: SimIndex,
  layout: Layout,
  pause: () => Promise<boolean>,
): Promise<boolean> {
  const hit = cache.get(si);
  if (hit && hit.layout === layout) return true;
  const index = await runStagesPaused(laneIndexStages(si, layout), pause);
  if (index) cache.set(si, { layout, index });
  return index !== null;
}

/** Index of the first region whose running end passes `u` (the first that may be visible). */
export const firstReaching = (l: LaneRegions, u: number): number =>
  partitionPoint(l.maxEnd.length, (i) => (l.maxEnd[i] as number) <= u);

/**
 * Calls fn for each region of the lane alive at `step` (born at or before it, not ended by it)
 * intersecting layout range [u0, u1).
 */
export function forEachIn(
  l: LaneRegions,
  u0: number,
  u1: number,
  step: number,
  fn: (r: Region, ru0: number, ru1: number) => void,
): void {
  for (let i = firstReaching(l, u0); i < l.regions.length; i++) {
    const a = l.u0[i] as number;
    if (a >= u1) break;
    if ((l.born[i] as number) > step || (l.died[i] as number) <= step) continue;
    const b = l.u1[i] as number;
    if (b > u0 || (a === b && a >= u0)) fn(l.regions[i] as Region, a, b);
  }
}
