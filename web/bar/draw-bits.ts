/**
 * The bootmem bits lane: what each live node bitmap says about every page of its node. Light
 * where the bit is clear (free), dark where it is set (reserved); at page zoom each page is a
 * separate cell, so the single pages the bitmap marks are visible.
 */
import { PAGE_SIZE, partitionPoint, type Range } from '../../src-core';
import { BIT_KEYS } from '../derived/legend-items';
import { BIT_CLEAR, BIT_SET } from '../theme/palette';
import { fromU, toU } from '../viewport/layout';
import { pxToU, uToPx } from '../viewport/viewport';
import { SANS } from './draw-axis';
import { RectRow } from './batch';
import { drawnSpan, MIN_PX, rowRect, type LaneBox } from './geometry';
import { forEachPageEdge } from './pages';
import { textWidth, type Scene } from './scene';

export function drawBits(s: Scene, lane: LaneBox): void {
  const { ctx, width, view, layout } = s;
  const { y, h } = rowRect(lane, 0);
  const px = (pfn: number) => uToPx(view, toU(layout, pfn * PAGE_SIZE));
  const row = new RectRow(ctx, y, h);
  const box = (a: number, b: number, fill: string) => {
    if (b <= a) return;
    const x0 = px(a);
    const x1 = px(b);
    if (x1 < -MIN_PX || x0 > width + MIN_PX) return;
    const [l, r] = drawnSpan(x0, x1, MIN_PX);
    row.add(Math.max(-1, l), Math.min(width + 1, r), fill, x1 - x0 < 1);
  };
  const bits = s.bits();
  // Only the pages under the clip, when the lane cache repaints part of the lane.
  const pfnAt = (x: number) => fromU(layout, pxToU(view, x)).addr / PAGE_SIZE;
  const lo = s.clip ? Math.floor(pfnAt(s.clip.x0 - MIN_PX)) : -Infinity;
  const hi = s.clip ? Math.ceil(pfnAt(s.clip.x1 + MIN_PX)) + 1 : Infinity;
  if (bits.size > 0) for (const k of BIT_KEYS) s.seen.add(k);
  // Set runs and the clear stretches between them, in address order, so batching holds.
  for (const b of bits.values()) {
    if (b.pages.end <= lo || b.pages.start >= hi) continue;
    const { set } = b;
    let i = lo === -Infinity ? 0 : partitionPoint(set.length, (k) => (set[k] as Range).end <= lo);
    let at = i > 0 ? (set[i - 1] as Range).end : b.pages.start;
    for (; i < set.length; i++) {
      const r = set[i] as Range;
      box(at, r.start, BIT_CLEAR);
      if (r.start >= hi) break;
      box(r.start, r.end, BIT_SET);
      at = r.end;
    }
    if (i === set.length) box(at, b.pages.end, BIT_CLEAR);
  }
  row.flush();
  // Page zoom: cut the runs into cells so single pages show.
  ctx.fillStyle = s.colours.bg;
  forEachPageEdge(layout, view, width, (x) => ctx.fillRect(Math.round(x) - 0.5, y, 1, h));
}

/** When no bitmap is live, say why; drawn over the gaps so it stays readable. */
export function drawBitsMessage(s: Scene, lane: LaneBox): void {
  if (s.bits().size > 0) return;
  const { ctx } = s;
  const { y, h } = rowRect(lane, 0);
  // From the index: the bit operations number in the hundreds of thousands on large machines.
  const text =
    s.si.firstRetire <= s.step
      ? 'bootmem retired: no bitmap at this step'
      : 'no bootmem bitmap yet at this step';
  ctx.font = SANS;
  ctx.textBaseline = 'middle';
  ctx.fillStyle = s.colours.bg;
  ctx.fillRect(4, y, textWidth(ctx, text) + 8, h);
  ctx.fillStyle = s.colours.textMuted;
  ctx.fillText(text, 8, y + h / 2);
}
