/**
 * What is drawn over or under the lanes: collapsed gaps (hatched, with zig-zag edges; the axis
 * names their size), the page grid at page zoom, conflict columns through every lane, the current step's
 * range, the hovered event's range, and outlines of hovered, linked and selected regions.
 */
import type { Range } from '../../src-core';
import { forEachIn } from '../derived/lane-index';
import { laneOf } from '../derived/lanes';
import { CONFLICT_WASH, OWNER_COLOURS } from '../theme/palette';
import { regionAlive } from '../derived/sim-index';
import { pieceAtU, toU, type Piece } from '../viewport/layout';
import { pxToU, uToPx } from '../viewport/viewport';
import { RectRow } from './batch';
import { AXIS_H, drawnSpan, MIN_CONFLICT_PX, MIN_PX, rowRect } from './geometry';
import { forEachPageEdge } from './pages';
import type { Scene } from './scene';

const spanPx = (s: Scene, r: Range, min: number): [number, number] =>
  drawnSpan(uToPx(s.view, toU(s.layout, r.start)), uToPx(s.view, toU(s.layout, r.end)), min);

/** Gaps narrower than this are marked by a tick on the axis only: zig-zags would be noise. */
const GAP_DETAIL_PX = 8;

/** Collapsed gaps in view, drawn under the lanes. */
export function drawGaps(s: Scene): void {
  const { ctx, view, width, height, layout, colours } = s;
  const u0 = pxToU(view, 0);
  const u1 = pxToU(view, width) + 1;
  const fills = new RectRow(ctx, AXIS_H, height - AXIS_H);
  const ticks = new RectRow(ctx, AXIS_H - 6, 6);
  for (let i = pieceAtU(layout, u0); i < layout.pieces.length; i++) {
    const p = layout.pieces[i] as Piece;
    if (p.u > u1) break;
    if (p.kind !== 'gap') continue;
    const x0 = uToPx(view, p.u);
    const x1 = uToPx(view, p.u + p.len);
    fills.add(x0, x1, colours.gapFill);
    s.seen.add('gap');
    if (x1 - x0 < GAP_DETAIL_PX) {
      ticks.add(Math.round(x0), Math.round(x0) + 1, colours.gapLine, true);
      continue;
    }
    ctx.strokeStyle = colours.gapLine;
    ctx.lineWidth = 1;
    ctx.beginPath();
    for (const x of [x0, x1])
      for (let y = AXIS_H, k = 0; y < height; y += 6, k++) {
        ctx.moveTo(x + (k % 2 ? 3 : -3), y);
        ctx.lineTo(x + (k % 2 ? -3 : 3), y + 6);
      }
    ctx.stroke();
  }
  fills.flush();
  ticks.flush();
}

/**
 * Faint lines at every page boundary once single pages are wide enough to read (pages.ts),
 * except through the bits lane, whose cells already are the pages.
 */
export function drawPageGrid(s: Scene): void {
  const { ctx, colours, height } = s;
  const bits = s.lanes.find((l) => l.id === 'bits');
  ctx.fillStyle = colours.grid;
  forEachPageEdge(s.layout, s.view, s.width, (x) => {
    const px = Math.round(x);
    if (!bits) return ctx.fillRect(px, AXIS_H, 1, height - AXIS_H);
    ctx.fillRect(px, AXIS_H, 1, bits.y - AXIS_H);
    ctx.fillRect(px, bits.y + bits.h, 1, height - bits.y - bits.h);
  });
}

/** Conflicts alive at the step: a faint red column through all lanes, so they cannot be missed. */
export function drawConflictColumns(s: Scene): void {
  const li = s.index.get('conflict');
  if (!li) return;
  const { ctx, view, width, height } = s;
  const red = OWNER_COLOURS.conflict;
  const lane = s.lanes.find((l) => l.id === 'conflict');
  const u0 = pxToU(view, -MIN_CONFLICT_PX);
  const u1 = pxToU(view, width + MIN_CONFLICT_PX) + 1;
  forEachIn(li, u0, u1, s.step, (r) => {
    const [x0, x1] = spanPx(s, r, MIN_CONFLICT_PX);
    ctx.fillStyle = CONFLICT_WASH;
    ctx.fillRect(x0, AXIS_H, x1 - x0, height - AXIS_H);
    // Red edges only in the conflict lane: through the other lanes they struck out labels.
    ctx.fillStyle = red;
    if (lane) {
      ctx.fillRect(x0 - 1, lane.y, 2, lane.h);
      ctx.fillRect(x1 - 1, lane.y, 2, lane.h);
    }
    ctx.fillRect(x0, AXIS_H - 4, x1 - x0, 4);
  });
}

/**
 * The current step's range: a marker on the axis, and a tint over it only in the lanes whose
 * regions the step touched (a column through every lane tinted lanes the step never changed).
 */
export function drawBands(s: Scene): void {
  const { ctx, height, colours } = s;
  if (s.band) {
    const [x0, x1] = spanPx(s, s.band, MIN_PX);
    if (x1 > 0 && x0 < s.width) s.seen.add('step');
    const touched = new Set<string>();
    for (const id of s.si.regionsByStep.get(s.step) ?? []) {
      const r = s.si.regionById.get(id);
      if (r) touched.add(laneOf(r));
    }
    ctx.fillStyle = colours.cursorFill;
    for (const lane of s.lanes) if (touched.has(lane.id)) ctx.fillRect(x0, lane.y, x1 - x0, lane.h);
    ctx.fillStyle = colours.cursor;
    ctx.fillRect(x0, AXIS_H - 3, x1 - x0, 3);
  }
  if (s.hoverBand) {
    const [x0, x1] = spanPx(s, s.hoverBand, MIN_PX);
    ctx.strokeStyle = colours.cursor;
    ctx.setLineDash([4, 3]);
    ctx.lineWidth = 1.5;
    ctx.strokeRect(x0, AXIS_H + 1, x1 - x0, height - AXIS_H - 2);
    ctx.setLineDash([]);
  }
}

/** Outlines: hovered region (thin), regions of the hovered event and the selection (thick). */
export function drawOutlines(s: Scene): void {
  const { ctx, colours } = s;
  const outline = (id: number, colour: string, w: number) => {
    const r = s.si.regionById.get(id);
    if (!r || !regionAlive(r, s.step)) return;
    const lane = s.lanes.find((l) => l.id === laneOf(r));
    if (!lane) return;
    const [x0, x1] = spanPx(s, r, r.lane === 'conflict' ? MIN_CONFLICT_PX : MIN_PX);
    const { y, h } = rowRect(lane, s.si.rowOf.get(r.id) ?? 0);
    ctx.strokeStyle = colour;
    ctx.lineWidth = w;
    ctx.strokeRect(x0 - w / 2, y - w / 2, x1 - x0 + w, h + w);
  };
  for (const id of s.linked) outline(id, colours.cursor, 2.5);
  if (s.selection !== null) outline(s.selection, colours.outline, 2.5);
  if (s.hoverRegion !== null) outline(s.hoverRegion, colours.outline, 1);
}
