/**
 * The overview strip: the whole machine at a glance (RAM, collapsed gaps, reservations, the
 * crash window, conflicts in red), under the brush that shows and sets the bar's window. The
 * current step's marker is a DOM element over it, so stepping rarely repaints the strip.
 */
import { forEachIn } from '../derived/lane-index';
import { e820Colour, OWNER_COLOURS } from '../theme/palette';
import type { Layout, Piece } from '../viewport/layout';
import { RectRow } from './batch';
import { regionFill } from '../theme/region-fill';
import type { Scene } from './scene';

export type OverviewScene = Pick<
  Scene,
  'ctx' | 'width' | 'height' | 'si' | 'index' | 'step' | 'colours'
> & {
  layout: Layout;
  /** Layout length the strip spans. */
  domain: number;
  /** Pixels [x0, x1) to draw when only part of the strip is repainted (the canvas is clipped). */
  clip?: { x0: number; x1: number };
};

export function drawOverview(s: OverviewScene): void {
  const { ctx, width, height, colours, layout } = s;
  const x = (u: number) => (u / s.domain) * width;
  const span = (u0: number, u1: number): [number, number] => {
    const a = x(u0);
    const b = Math.max(a + 1, x(u1));
    return [a, b];
  };
  ctx.fillStyle = colours.bg;
  ctx.fillRect(0, 0, width, height);
  // Regions are at least 3 px wide (conflicts), so 2 px around the clip reach all that shows.
  const from = s.clip ? Math.max(0, ((s.clip.x0 - 2) / width) * s.domain) : 0;
  const to = s.clip ? Math.min(s.domain, ((s.clip.x1 + 2) / width) * s.domain) : s.domain;
  const region = (lane: Parameters<typeof s.index.get>[0], y: number, h: number) => {
    const li = s.index.get(lane);
    if (!li) return;
    const row = new RectRow(ctx, y, h);
    forEachIn(li, from, to, s.step, (r, u0, u1) => {
      const [a, b] = span(u0, u1);
      row.add(a, b, lane === 'e820' ? e820Colour(r.e820Type) : regionFill(r), x(u1) - x(u0) < 1);
    });
    row.flush();
  };
  ctx.globalAlpha = 0.45;
  region('e820', 0, height);
  ctx.globalAlpha = 1;
  for (const p of layout.pieces as Piece[]) {
    if (p.kind !== 'gap' || p.u > s.domain) continue;
    const [a, b] = span(p.u, p.u + p.len);
    ctx.fillStyle = colours.gapFill;
    ctx.fillRect(a, 0, b - a, height);
    ctx.fillStyle = colours.gapLine;
    ctx.fillRect(a, 0, 1, height);
    ctx.fillRect(b - 1, 0, 1, height);
  }
  region('reserved', height * 0.3, height * 0.4);
  region('bitmap', height * 0.3, height * 0.4);
  region('crashkernel', height * 0.65, height * 0.35);
  const conflicts = s.index.get('conflict');
  if (conflicts)
    forEachIn(conflicts, from, to, s.step, (r, u0, u1) => {
      const [a, b] = span(u0, u1);
      ctx.fillStyle = OWNER_COLOURS.conflict;
      ctx.fillRect(a - 1, 0, Math.max(3, b - a + 2), height);
    });
}
