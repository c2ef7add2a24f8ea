/**
 * The compare view's marks over a bar: every region that differs from the other run outlined
 * in dashes, the picked difference solid and thicker, and a tick on the axis over each
 * difference so a sub-pixel one is still found at the whole-machine zoom.
 */
import type { RunDifference } from '../../src-core';
import { AXIS_H, drawnSpan, MIN_PX, rowRect } from '../bar/geometry';
import type { Scene } from '../bar/scene';
import { laneOf } from '../derived/lanes';
import { FIXED_COLOURS } from '../theme/palette';
import { toU } from '../viewport/layout';
import { uToPx } from '../viewport/viewport';

/** Amber: distinct from every owner colour, and from the selection's outline. */
export const DIFF_COLOUR = FIXED_COLOURS.diff;

const xSpan = (s: Scene, start: number, end: number): [number, number] =>
  drawnSpan(uToPx(s.view, toU(s.layout, start)), uToPx(s.view, toU(s.layout, end)), MIN_PX);

export function drawDifferences(
  s: Scene,
  diffs: readonly RunDifference[],
  side: 'a' | 'b',
  picked: string | null,
): void {
  const { ctx } = s;
  ctx.save();
  for (const d of diffs) {
    const strong = d.key === picked;
    ctx.strokeStyle = DIFF_COLOUR;
    ctx.lineWidth = strong ? 3 : 1.5;
    ctx.setLineDash(strong ? [] : [4, 3]);
    for (const id of side === 'a' ? d.aIds : d.bIds) {
      const r = s.si.regionById.get(id);
      const lane = r && s.lanes.find((l) => l.id === laneOf(r));
      if (!r || !lane) continue;
      const [x0, x1] = xSpan(s, r.start, r.end);
      if (x1 < 0 || x0 > s.width) continue;
      const { y, h } = rowRect(lane, s.si.rowOf.get(r.id) ?? 0);
      const w = ctx.lineWidth;
      ctx.strokeRect(x0 - w / 2, y - w / 2, x1 - x0 + w, h + w);
    }
    const [t0, t1] = xSpan(s, d.span.start, d.span.end);
    ctx.fillStyle = DIFF_COLOUR;
    ctx.fillRect(t0, AXIS_H - (strong ? 6 : 4), Math.max(2, t1 - t0), strong ? 6 : 4);
  }
  ctx.restore();
}
