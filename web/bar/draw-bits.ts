/**
 * The bootmem bits lane: what each live node bitmap says about every page of its node. Light
 * where the bit is clear (free), dark where it is set (reserved); at page zoom each page is a
 * separate cell, so the single pages the bitmap marks are visible.
 */
import { PAGE_SIZE } from '../../src-core';
import { BIT_CLEAR, BIT_SET } from '../model/palette';
import { toU } from '../view/layout';
import { uToPx } from '../view/viewport';
import { SANS } from './draw-axis';
import { MIN_PX, rowRect, type LaneBox } from './geometry';
import { forEachPageEdge } from './pages';
import type { Scene } from './scene';

export function drawBits(s: Scene, lane: LaneBox): void {
  const { ctx, width, view, layout } = s;
  const { y, h } = rowRect(lane, 0);
  const px = (pfn: number) => uToPx(view, toU(layout, pfn * PAGE_SIZE));
  const box = (a: number, b: number, fill: string) => {
    let x0 = px(a);
    let x1 = px(b);
    if (x1 < 0 || x0 > width) return;
    if (x1 - x0 < MIN_PX) [x0, x1] = [(x0 + x1) / 2 - MIN_PX / 2, (x0 + x1) / 2 + MIN_PX / 2];
    ctx.fillStyle = fill;
    ctx.fillRect(Math.max(-1, x0), y, Math.min(width + 1, x1) - Math.max(-1, x0), h);
  };
  if (s.bits.size === 0) {
    ctx.font = SANS;
    ctx.textBaseline = 'middle';
    ctx.fillStyle = s.colours.textMuted;
    const retired = s.si.sim.bitOps.some((o) => o.op === 'retire' && o.step <= s.step);
    ctx.fillText(
      retired ? 'bootmem retired: no bitmap at this step' : 'no bootmem bitmap yet at this step',
      8,
      y + h / 2,
    );
    return;
  }
  for (const b of s.bits.values()) {
    box(b.pages.start, b.pages.end, BIT_CLEAR);
    for (const r of b.set) box(r.start, r.end, BIT_SET);
  }
  // Page zoom: cut the runs into cells so single pages show.
  ctx.fillStyle = s.colours.bg;
  forEachPageEdge(layout, view, width, (x) => ctx.fillRect(Math.round(x) - 0.5, y, 1, h));
}
