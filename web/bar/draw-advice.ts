/**
 * The advisor lane: for every address, what a crashkernel window starting there would do
 * (safe, fails, corrupts). The advisor's intervals partition all bases, so the lane is drawn
 * straight from them: the visible ones are found by binary search, drawn at their exact spans,
 * and then intervals narrower than a pixel or two are drawn widened on top, worst verdict
 * last, so a 20 KiB "corrupts" sliver between two safe gigabytes still shows.
 */
import { ADVICE_KEYS } from '../derived/legend-items';
import {
  firstEndingAfter,
  hex,
  type Advice,
  type AdviceInterval,
  type Verdict,
} from '../../src-core';
import { ADVICE_COLOURS } from '../theme/palette';
import { fromU, toU, type Layout } from '../viewport/layout';
import { pxToU, uToPx } from '../viewport/viewport';
import { RectRow } from './batch';
import { inkFor } from '../theme/region-fill';
import { SANS } from './draw-axis';
import { conflictPattern } from './draw-lanes';
import { drawnSpan, MIN_CONFLICT_PX, rowRect, type LaneBox } from './geometry';
import { textWidth, type Scene } from './scene';

/** Which verdict wins a pixel shared by several intervals. */
export const ADVICE_RANK: Record<Verdict, number> = { safe: 0, fails: 1, corrupts: 2 };
/** The verdicts in rank order: the worst is drawn last. */
const VERDICTS: readonly Verdict[] = ['safe', 'fails', 'corrupts'];

/** Index of the interval holding `addr` (the intervals partition all bases, in order). */
export const intervalAt = (intervals: readonly AdviceInterval[], addr: number): number =>
  firstEndingAfter(intervals, addr);

/** Each interval's ends in layout coordinates, worked out once per advice and layout. */
const layoutEnds = new WeakMap<Advice, { layout: Layout; u0: Float64Array; u1: Float64Array }>();

function endsOf(a: Advice, layout: Layout): { u0: Float64Array; u1: Float64Array } {
  const hit = layoutEnds.get(a);
  if (hit && hit.layout === layout) return hit;
  const n = a.intervals.length;
  const ends = { layout, u0: new Float64Array(n), u1: new Float64Array(n) };
  a.intervals.forEach((iv, i) => {
    ends.u0[i] = toU(layout, iv.start);
    ends.u1[i] = toU(layout, iv.end);
  });
  layoutEnds.set(a, ends);
  return ends;
}

/** The intervals drawn between two pixels, with their pixel spans (unwidened). */
export function intervalsBetween(
  s: Pick<Scene, 'view' | 'layout'>,
  a: Advice,
  px0: number,
  px1: number,
): { i: number; x0: number; x1: number }[] {
  const { view, layout } = s;
  const a0 = fromU(layout, pxToU(view, px0)).addr;
  const a1 = fromU(layout, pxToU(view, px1)).addr;
  const { u0, u1 } = endsOf(a, layout);
  const out: { i: number; x0: number; x1: number }[] = [];
  for (let i = intervalAt(a.intervals, a0); i < a.intervals.length; i++) {
    const iv = a.intervals[i] as AdviceInterval;
    if (iv.start > a1) break;
    out.push({ i, x0: uToPx(view, u0[i] as number), x1: uToPx(view, u1[i] as number) });
  }
  return out;
}

/** The last base of an interval: bases are multiples of the alignment. */
export const lastBase = (iv: AdviceInterval, align: number): number =>
  Math.max(iv.start, iv.end - align);

const verdictOf = (a: Advice, i: number): Verdict => (a.intervals[i] as AdviceInterval).verdict;

function fillOf(s: Scene, v: Verdict): string | CanvasPattern {
  const c = ADVICE_COLOURS[v];
  return v === 'corrupts' ? conflictPattern(s.ctx, c) : c;
}

export function drawAdvice(s: Scene, lane: LaneBox): void {
  const a = s.advice;
  if (!a) return;
  for (const k of ADVICE_KEYS) s.seen.add(k);
  const { ctx, width } = s;
  const { y, h } = rowRect(lane, 0);
  const shown = intervalsBetween(s, a, -MIN_CONFLICT_PX, width + MIN_CONFLICT_PX);
  const row = new RectRow(ctx, y, h);
  const clip = (x: number) => Math.max(-2, Math.min(width + 2, x));
  for (const { i, x0, x1 } of shown) {
    // Narrower than a pixel: the sliver drawn below covers it whole, opaque.
    if (x1 - x0 < 1) continue;
    row.add(clip(x0), clip(x1), fillOf(s, verdictOf(a, i)), false);
  }
  row.flush();
  // Slivers: per pixel column only the worst verdict, so thousands cost at most one per column.
  // Columns run from -MIN_CONFLICT_PX to width + MIN_CONFLICT_PX; -1: no sliver there.
  const worst = new Int8Array(Math.ceil(width) + 2 * MIN_CONFLICT_PX + 2).fill(-1);
  const first = -MIN_CONFLICT_PX - 1;
  for (const { i, x0, x1 } of shown) {
    if (x1 - x0 >= MIN_CONFLICT_PX) continue;
    const at = Math.floor((x0 + x1) / 2) - first;
    if (at < 0 || at >= worst.length) continue;
    worst[at] = Math.max(worst[at] as number, ADVICE_RANK[verdictOf(a, i)]);
  }
  for (const v of VERDICTS)
    for (let at = 0; at < worst.length; at++) {
      if (worst[at] !== ADVICE_RANK[v]) continue;
      const [l, r] = drawnSpan(at + first, at + first + 1, MIN_CONFLICT_PX);
      ctx.fillStyle = ADVICE_COLOURS[v];
      ctx.fillRect(l, y, r - l, h);
    }
  drawLabels(s, a, shown, y, h);
}

/** The verdict, and the bases when there is room; on a plate over the hatch. */
function drawLabels(
  s: Scene,
  a: Advice,
  shown: readonly { i: number; x0: number; x1: number }[],
  y: number,
  h: number,
): void {
  const { ctx, width } = s;
  ctx.font = SANS;
  ctx.textBaseline = 'middle';
  for (const { i, x0, x1 } of shown) {
    const iv = a.intervals[i] as AdviceInterval;
    const left = Math.max(0, x0);
    const right = Math.min(width, x1);
    const room = right - left - 8;
    if (room < 24) continue;
    const texts = [
      `${iv.verdict} · bases ${hex(iv.start)}–${hex(lastBase(iv, a.align))}`,
      iv.verdict,
    ];
    const text = texts.find((t) => textWidth(ctx, t) <= room);
    if (!text) continue;
    const tw = textWidth(ctx, text);
    const tx = (left + right - tw) / 2;
    const fill = ADVICE_COLOURS[iv.verdict];
    if (iv.verdict === 'corrupts') {
      ctx.fillStyle = fill;
      ctx.fillRect(tx - 3, y + 1, tw + 6, h - 2);
    }
    ctx.fillStyle = inkFor(fill);
    ctx.fillText(text, tx, y + h / 2);
  }
}
