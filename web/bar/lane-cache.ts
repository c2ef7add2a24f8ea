/**
 * Each lane's picture, kept in its own offscreen canvas and reused while nothing it shows has
 * changed: same view, layout, width, theme (and advice, for the advisor's lane), and no region of the lane (or bitmap operation,
 * for the bits lane) born or ended between the cached step and this one. Stepping through the
 * boot then redraws only the lanes the step touched; the rest are copied in one drawImage.
 * A lane the step did touch is repainted only in the pixel columns of what changed, when those
 * are few: a step costs what it changes, not what the machine holds.
 */
import type { Advice } from '../../src-core';
import type { Neutrals } from '../theme/palette';
import type { LaneId } from '../derived/lanes';
import { changedBetween, type SimIndex } from '../derived/sim-index';
import { toU, type Layout } from '../viewport/layout';
import { uToPx, type View } from '../viewport/viewport';
import { dirtySpans, type Span } from './dirty-spans';
import type { LaneBox } from './geometry';
import type { Scene } from './scene';

interface Entry {
  canvas: HTMLCanvasElement;
  step: number;
  view: View;
  layout: Layout;
  si: SimIndex;
  width: number;
  h: number;
  dpr: number;
  colours: Neutrals;
  advice: Advice | null;
  /** Legend keys the lane's picture holds (scene.seen gets them whether painted or copied). */
  keys: string[];
}

/** Paints one lane: its picture on top of the lane's (alternating) background. */
export type LanePaint = (s: Scene, lane: LaneBox) => void;

/** What drawBar needs to put a lane on the canvas: the cache, or direct painting (exports). */
export interface LaneDrawer {
  draw(s: Scene, lane: LaneBox, index: number, paint: LanePaint): void;
}

export function paintLane(s: Scene, lane: LaneBox, index: number, paint: LanePaint): void {
  s.ctx.fillStyle = index % 2 === 1 ? s.colours.laneAlt : s.colours.bg;
  s.ctx.fillRect(0, lane.y, s.width, lane.h);
  paint(s, lane);
}

/** Lanes painted straight onto the scene's context, every time (PNG and SVG exports). */
export const DIRECT_LANES: LaneDrawer = { draw: paintLane };

export class LaneCache implements LaneDrawer {
  private entries = new Map<LaneId, Entry>();

  /** Draw a lane onto the scene's canvas, repainting it with `paint` only when needed. */
  draw(s: Scene, lane: LaneBox, index: number, paint: LanePaint): void {
    const dpr = window.devicePixelRatio || 1;
    const e = this.entries.get(lane.id);
    const fresh =
      e !== undefined &&
      e.view === s.view &&
      e.layout === s.layout &&
      e.si === s.si &&
      e.width === s.width &&
      e.h === lane.h &&
      e.dpr === dpr &&
      e.colours === s.colours &&
      // Only the advisor's lane draws the advice: its answer arriving repaints nothing else.
      (lane.id !== 'advice' || e.advice === s.advice);
    let entry: Entry | null | undefined = e;
    if (!e || !fresh) entry = this.repaint(s, lane, index, dpr, paint, e?.canvas);
    else if (changedBetween(s.si.laneChanges.get(lane.id) ?? [], e.step, s.step)) {
      const px = (addr: number) => uToPx(s.view, toU(s.layout, addr));
      const { si } = s;
      // The bits lane changes with the bitmap operations, a drawn bitmap's contents with any.
      const edits =
        lane.id === 'bits'
          ? [si.bitEdits]
          : lane.id === 'bitmap'
            ? [si.laneEdits.get(lane.id), si.bitContentEdits]
            : [si.laneEdits.get(lane.id)];
      const spans = s.step > e.step ? dirtySpans(edits, e.step, s.step, px, s.width) : null;
      entry = spans
        ? this.patch(s, lane, index, dpr, paint, e, spans)
        : this.repaint(s, lane, index, dpr, paint, e.canvas);
    }
    if (!entry) return;
    s.ctx.drawImage(entry.canvas, 0, lane.y, s.width, lane.h);
    for (const k of entry.keys) s.seen.add(k);
  }

  /** Repaint the cached picture only in the pixel columns `spans`, and move it to this step. */
  private patch(
    s: Scene,
    lane: LaneBox,
    index: number,
    dpr: number,
    paint: LanePaint,
    e: Entry,
    spans: Span[],
  ): Entry | null {
    const ctx = e.canvas.getContext('2d', { alpha: false });
    if (!ctx) return null;
    ctx.setTransform(dpr, 0, 0, dpr, 0, -lane.y * dpr);
    // Kinds drawn in the patched columns join the picture's; a kind gone from all of it stays
    // listed until the next full repaint (a legend line too many, never one missing).
    const seen = new Set(e.keys);
    for (const clip of spans) {
      ctx.save();
      ctx.beginPath();
      ctx.rect(clip.x0, lane.y, clip.x1 - clip.x0, lane.h);
      ctx.clip();
      paintLane({ ...s, ctx, clip, seen }, lane, index, paint);
      ctx.restore();
    }
    e.step = s.step;
    e.keys = [...seen];
    return e;
  }

  private repaint(
    s: Scene,
    lane: LaneBox,
    index: number,
    dpr: number,
    paint: LanePaint,
    reuse: HTMLCanvasElement | undefined,
  ): Entry | null {
    const canvas = reuse ?? document.createElement('canvas');
    const w = Math.round(s.width * dpr);
    const h = Math.round(lane.h * dpr);
    if (canvas.width !== w || canvas.height !== h) {
      canvas.width = w;
      canvas.height = h;
    }
    const ctx = canvas.getContext('2d', { alpha: false });
    if (!ctx) return null;
    // The lane is painted at y = 0 of its own canvas.
    ctx.setTransform(dpr, 0, 0, dpr, 0, -lane.y * dpr);
    const seen = new Set<string>();
    paintLane({ ...s, ctx, seen }, lane, index, paint);
    const entry: Entry = {
      canvas,
      step: s.step,
      view: s.view,
      layout: s.layout,
      si: s.si,
      width: s.width,
      h: lane.h,
      dpr,
      colours: s.colours,
      advice: s.advice,
      keys: [...seen],
    };
    this.entries.set(lane.id, entry);
    return entry;
  }
}
