/**
 * The pixel columns a step changed: to repaint only those when stepping forward, so that a
 * step costs what it changes, not what the machine holds.
 */
import { partitionPoint } from '../../src-core';
import type { LaneEdits } from '../derived/sim-index';

export interface Span {
  x0: number;
  x1: number;
}

/** Beyond this many changes between two steps, a picture is painted whole. */
const MAX_EDITS = 256;
/** Pixels around a change that its drawing may reach (regions widened to 4 px, edges). */
const EDIT_MARGIN = 4;

/**
 * The columns of a `width`-pixel picture that the edits of steps (from, to] touch, merged, with
 * `px` placing an address; null when the picture had better be painted whole (many changes,
 * a change without bounds, or most of its width).
 */
export function dirtySpans(
  lanes: readonly (LaneEdits | undefined)[],
  from: number,
  to: number,
  px: (addr: number) => number,
  width: number,
): Span[] | null {
  const spans: Span[] = [];
  for (const edits of lanes) {
    if (!edits) continue;
    const { steps, starts, ends } = edits;
    const first = partitionPoint(steps.length, (k) => (steps[k] as number) <= from);
    const last = partitionPoint(steps.length, (k) => (steps[k] as number) <= to);
    if (last - first + spans.length > MAX_EDITS) return null;
    for (let k = first; k < last; k++) {
      const end = ends[k] as number;
      if (!Number.isFinite(end)) return null;
      const x0 = Math.max(0, Math.floor(px(starts[k] as number)) - EDIT_MARGIN);
      const x1 = Math.min(width, Math.ceil(px(end)) + EDIT_MARGIN);
      if (x1 > x0) spans.push({ x0, x1 });
    }
  }
  spans.sort((a, b) => a.x0 - b.x0);
  const merged: Span[] = [];
  for (const sp of spans) {
    const top = merged[merged.length - 1];
    if (top && sp.x0 <= top.x1) top.x1 = Math.max(top.x1, sp.x1);
    else merged.push({ ...sp });
  }
  const covered = merged.reduce((t, sp) => t + sp.x1 - sp.x0, 0);
  return covered * 2 > width ? null : merged;
}
