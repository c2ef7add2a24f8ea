/**
 * Region rectangles, lane by lane, for the regions alive at the step. Only regions in the
 * window are visited (lane-index.ts); many sub-pixel regions in one pixel column draw once;
 * tiny regions keep a minimum width; labels appear only where they fit.
 */
import type { Region } from '../../src-core';
import { forEachIn } from '../model/lane-index';
import { regionAlive } from '../model/sim-index';
import { pxToU, uToPx } from '../view/viewport';
import { OWNER_NAMES } from '../model/palette';
import { inkFor, regionFill } from './colours';
import { SANS } from './draw-axis';
import { drawnSpan, MIN_CONFLICT_PX, MIN_PX, rowRect } from './geometry';
import { textWidth, type Scene } from './scene';

/** Texts for a region, longest first: the first that fits is drawn. */
const labelsOf = (r: Region): string[] =>
  r.lane === 'reserved' || r.lane === 'bitmap' || r.lane === 'conflict'
    ? [r.label, OWNER_NAMES[r.owner]]
    : [r.label];

let hatch: { pattern: CanvasPattern; colour: string } | null = null;

/** Diagonal red stripes: conflicts must not look like any ordinary region. */
export function conflictPattern(
  ctx: CanvasRenderingContext2D,
  colour: string,
): CanvasPattern | string {
  if (hatch && hatch.colour === colour) return hatch.pattern;
  const c = document.createElement('canvas');
  c.width = c.height = 8;
  const g = c.getContext('2d');
  if (!g) return colour;
  g.fillStyle = colour;
  g.fillRect(0, 0, 8, 8);
  g.strokeStyle = 'rgba(255,255,255,0.55)';
  g.lineWidth = 2;
  g.beginPath();
  g.moveTo(-2, 10);
  g.lineTo(10, -2);
  g.moveTo(6, 10);
  g.lineTo(10, 6);
  g.moveTo(-2, 2);
  g.lineTo(2, -2);
  g.stroke();
  const pattern = ctx.createPattern(c, 'repeat');
  if (!pattern) return colour;
  hatch = { pattern, colour };
  return pattern;
}

export function drawLanes(s: Scene): void {
  const { ctx, width, view, step } = s;
  const u0 = pxToU(view, -MIN_CONFLICT_PX);
  const u1 = pxToU(view, width + MIN_CONFLICT_PX) + 1;
  ctx.font = SANS;
  ctx.textBaseline = 'middle';
  for (const lane of s.lanes) {
    const li = s.index.get(lane.id);
    if (!li) continue;
    const lastTiny = new Array<number>(lane.rows).fill(-1);
    const min = lane.id === 'conflict' ? MIN_CONFLICT_PX : MIN_PX;
    forEachIn(li, u0, u1, (r, ru0, ru1) => {
      if (!regionAlive(r, step)) return;
      const row = s.si.rowOf.get(r.id) ?? 0;
      const rx0 = uToPx(view, ru0);
      const rx1 = uToPx(view, ru1);
      if (rx1 - rx0 < 1) {
        const col = Math.floor(rx0);
        if (lastTiny[row] === col) return;
        lastTiny[row] = col;
      }
      const [x0, x1] = drawnSpan(rx0, rx1, min);
      const { y, h } = rowRect(lane, row);
      const left = Math.max(-2, x0);
      const right = Math.min(width + 2, x1);
      const fill = regionFill(r);
      ctx.fillStyle = r.lane === 'conflict' ? conflictPattern(ctx, fill) : fill;
      ctx.globalAlpha = r.lane === 'buddy' || r.lane === 'node' || r.lane === 'zone' ? 0.75 : 1;
      ctx.fillRect(left, y, right - left, h);
      ctx.globalAlpha = 1;
      const room = right - left - 8;
      if (room < 24) return;
      const text = labelsOf(r).find((t) => textWidth(ctx, t) <= room);
      if (!text) return;
      const tw = textWidth(ctx, text);
      const tx = Math.max(left + 4, Math.min((left + right - tw) / 2, right - tw - 4));
      if (r.lane === 'conflict') {
        // Stripes behind text are unreadable: give the label a solid plate.
        ctx.fillStyle = fill;
        ctx.fillRect(tx - 3, y + 1, tw + 6, h - 2);
      }
      ctx.fillStyle = r.lane === 'conflict' ? '#ffffff' : inkFor(fill);
      ctx.fillText(text, tx, y + h / 2);
    });
  }
}
