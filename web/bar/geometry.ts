/**
 * Where things go on the bar canvas: the axis on top, then one band per lane. Lane heights
 * depend only on the simulation (its lanes and their sub-rows), never on the step, so stepping
 * never moves anything.
 */
import { LANES, type LaneId } from '../derived/lanes';
import type { SimIndex } from '../derived/sim-index';

export const AXIS_H = 34;
export const ROW_H = 20;
/** Regions narrower than this still show, at this width (Perfetto's rule). */
export const MIN_PX = 2;
/** Conflicts are never thinner than this. */
export const MIN_CONFLICT_PX = 4;

export interface LaneBox {
  id: LaneId;
  y: number;
  h: number;
  rows: number;
}

/** Row height of the compare view's two bars: lower, so both fit above the timeline. */
export const COMPACT_ROW_H = 15;

/**
 * The boxes of the simulation's lanes, plus `extra` lanes (the advisor's) in bar order;
 * `compact` lanes (the compare view's) are lower.
 */
export function laneBoxes(
  si: SimIndex,
  extra: readonly LaneId[] = [],
  compact = false,
): { lanes: LaneBox[]; height: number } {
  let y = AXIS_H;
  const ids = extra.length
    ? LANES.map((l) => l.id).filter((id) => si.lanes.includes(id) || extra.includes(id))
    : si.lanes;
  const lanes = ids.map((id) => {
    const rows = si.rows.get(id) ?? 1;
    const h = compact ? Math.max(COMPACT_ROW_H, rows * 11 + 4) : Math.max(ROW_H, rows * 14 + 6);
    const box = { id, y, h, rows };
    y += h;
    return box;
  });
  return { lanes, height: y + 4 };
}

/** The lane and sub-row under a y coordinate. */
export function laneAt(
  lanes: readonly LaneBox[],
  y: number,
): { lane: LaneBox; row: number } | null {
  for (const lane of lanes)
    if (y >= lane.y && y < lane.y + lane.h) {
      const row = Math.min(lane.rows - 1, Math.floor(((y - lane.y) / lane.h) * lane.rows));
      return { lane, row };
    }
  return null;
}

/** Top and height of a sub-row's rectangles. */
export function rowRect(lane: LaneBox, row: number): { y: number; h: number } {
  const rh = lane.h / lane.rows;
  return { y: lane.y + row * rh + 2, h: rh - 4 };
}

/** A region's drawn x-span, widened to a minimum around its centre. */
export function drawnSpan(x0: number, x1: number, min: number): [number, number] {
  const w = x1 - x0;
  if (w >= min) return [x0, x1];
  const c = (x0 + x1) / 2;
  return [c - min / 2, c + min / 2];
}
