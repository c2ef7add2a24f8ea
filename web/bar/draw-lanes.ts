/**
 * Region rectangles of one lane, for the regions alive at the step. Only regions in the
 * window are visited (lane-index.ts); many sub-pixel regions in one pixel column draw once;
 * tiny regions keep a minimum width; labels appear only where they fit.
 */
import { reservesNothing, type Region } from '../../src-core';
import { forEachIn } from '../derived/lane-index';
import { loadedNotReserved } from '../derived/sim-index';
import { pxToU, uToPx } from '../viewport/viewport';
import { legendKeyOf } from '../derived/legend-items';
import { HATCH_INK, INK_ON_DARK, OWNER_NAMES } from '../theme/palette';
import { inkFor, regionFill } from '../theme/region-fill';
import { SANS } from './draw-axis';
import { drawnSpan, MIN_CONFLICT_PX, MIN_PX, rowRect, type LaneBox } from './geometry';
import { RectRow } from './batch';
import { CONTENTS_MIN_PX, drawBitmapContents } from './draw-bitmap-contents';
import { textWidth, type HatchingContext, type Scene } from './scene';

/** Lanes drawn a little lighter: the background the reservations sit on. */
const BACKGROUND = new Set<Region['lane']>(['buddy', 'node', 'zone']);

/** Texts for a region, longest first: the first that fits is drawn. */
const labelsOf = (r: Region): string[] =>
  r.lane === 'reserved' || r.lane === 'bitmap' || r.lane === 'conflict' || r.lane === 'crashkernel'
    ? [r.label, OWNER_NAMES[r.owner]]
    : [r.label];

/** The hatch tile: pale diagonal stripes over the fill, as line segments [x0, y0, x1, y1]. */
export const HATCH = {
  size: 8,
  ink: HATCH_INK,
  width: 2,
  lines: [
    [-2, 10, 10, -2],
    [6, 10, 10, 6],
    [-2, 2, 2, -2],
  ],
} as const;

const hatches = new Map<string, CanvasPattern>();

/** Diagonal stripes: conflicts (and corrupting bases) must not look like ordinary regions. */
export function conflictPattern(
  ctx: CanvasRenderingContext2D | (CanvasRenderingContext2D & HatchingContext),
  colour: string,
): CanvasPattern | string {
  if ('hatch' in ctx) return ctx.hatch(colour);
  const cached = hatches.get(colour);
  if (cached) return cached;
  const c = document.createElement('canvas');
  c.width = c.height = HATCH.size;
  const g = c.getContext('2d');
  if (!g) return colour;
  g.fillStyle = colour;
  g.fillRect(0, 0, HATCH.size, HATCH.size);
  g.strokeStyle = HATCH.ink;
  g.lineWidth = HATCH.width;
  g.beginPath();
  for (const [x0, y0, x1, y1] of HATCH.lines) {
    g.moveTo(x0, y0);
    g.lineTo(x1, y1);
  }
  g.stroke();
  const pattern = ctx.createPattern(c, 'repeat');
  if (!pattern) return colour;
  hatches.set(colour, pattern);
  return pattern;
}

/** One region lane: its rectangles, then the labels that fit. */
export function drawLane(s: Scene, lane: LaneBox): void {
  const li = s.index.get(lane.id);
  if (!li) return;
  const { ctx, width, view, step } = s;
  const u0 = pxToU(view, (s.clip?.x0 ?? 0) - MIN_CONFLICT_PX);
  const u1 = pxToU(view, (s.clip?.x1 ?? width) + MIN_CONFLICT_PX) + 1;
  ctx.font = SANS;
  ctx.textBaseline = 'middle';
  const labels: Label[] = [];
  const contents: { r: Region; left: number; right: number; y: number; h: number }[] = [];
  const rows = Array.from({ length: lane.rows }, (_, row) => {
    const { y, h } = rowRect(lane, row);
    return { y, h, batch: new RectRow(ctx, y, h) };
  });
  const min = lane.id === 'conflict' ? MIN_CONFLICT_PX : MIN_PX;
  ctx.globalAlpha = BACKGROUND.has(lane.id as Region['lane']) ? 0.75 : 1;
  forEachIn(li, u0, u1, step, (r, ru0, ru1) => {
    const { y, h, batch } = rows[s.si.rowOf.get(r.id) ?? 0] ?? (rows[0] as (typeof rows)[number]);
    const rx0 = uToPx(view, ru0);
    const rx1 = uToPx(view, ru1);
    const [x0, x1] = drawnSpan(rx0, rx1, min);
    const left = Math.max(-2, x0);
    const right = Math.min(width + 2, x1);
    const fill = regionFill(r);
    const pending = reservesNothing(r) || loadedNotReserved(s.si, r, step);
    const key = legendKeyOf(r, pending);
    if (key) s.seen.add(key);
    if (r.lane !== 'conflict' && !pending) batch.add(left, right, fill, rx1 - rx0 < 1);
    else {
      batch.flush();
      drawSpecial(s, r, left, right, y, h, fill, pending);
    }
    if (r.lane === 'bitmap' && right - left >= CONTENTS_MIN_PX)
      contents.push({ r, left, right, y, h });
    const room = right - left - 8;
    if (room < 24) return;
    const text = labelsOf(r).find((t) => textWidth(ctx, t) <= room);
    if (text) labels.push({ text, left, right, y, h, fill, r, pending });
  });
  for (const row of rows) row.batch.flush();
  ctx.globalAlpha = 1;
  for (const c of contents) drawBitmapContents(s, c.r, c.left, c.right, c.y, c.h);
  drawLabels(s, labels);
}

interface Label {
  text: string;
  left: number;
  right: number;
  y: number;
  h: number;
  fill: string;
  r: Region;
  pending: boolean;
}

/** Conflicts (hatched) and windows recorded but not reserved (pale, dashed). */
function drawSpecial(
  s: Scene,
  r: Region,
  left: number,
  right: number,
  y: number,
  h: number,
  fill: string,
  pending: boolean,
): void {
  const { ctx } = s;
  ctx.fillStyle = r.lane === 'conflict' ? conflictPattern(ctx, fill) : fill;
  const alpha = ctx.globalAlpha;
  if (pending) ctx.globalAlpha = 0.3;
  ctx.fillRect(left, y, right - left, h);
  ctx.globalAlpha = alpha;
  if (!pending) return;
  ctx.strokeStyle = fill;
  ctx.setLineDash([5, 3]);
  ctx.lineWidth = 1.5;
  ctx.strokeRect(left + 0.75, y + 0.75, right - left - 1.5, h - 1.5);
  ctx.setLineDash([]);
}

/** Labels go on top once every rectangle is drawn (batched rectangles land late). */
function drawLabels(s: Scene, list: Label[]): void {
  const { ctx } = s;
  for (const l of list) {
    const tw = textWidth(ctx, l.text);
    const tx = Math.max(l.left + 4, Math.min((l.left + l.right - tw) / 2, l.right - tw - 4));
    if (l.r.lane === 'conflict') {
      // Stripes behind text are unreadable: give the label a solid plate.
      ctx.fillStyle = l.fill;
      ctx.fillRect(tx - 3, l.y + 1, tw + 6, l.h - 2);
    }
    ctx.fillStyle =
      l.r.lane === 'conflict' ? INK_ON_DARK : l.pending ? s.colours.text : inkFor(l.fill);
    ctx.fillText(l.text, tx, l.y + l.h / 2);
  }
}
