/** Everything one frame of the bar is drawn from; built by the bar from the two stores. */
import type { Advice, BitmapState, Range } from '../../src-core';
import type { LaneIndex } from '../derived/lane-index';
import type { Neutrals } from '../theme/palette';
import type { SimIndex } from '../derived/sim-index';
import type { Layout } from '../viewport/layout';
import type { View } from '../viewport/viewport';
import type { LaneBox } from './geometry';

export interface Scene {
  ctx: CanvasRenderingContext2D;
  width: number;
  height: number;
  lanes: LaneBox[];
  view: View;
  layout: Layout;
  si: SimIndex;
  index: LaneIndex;
  step: number;
  /** Live bootmem bitmaps at the step, computed only when a lane or the pointer needs them. */
  bits: () => Map<number, BitmapState>;
  colours: Neutrals;
  /** Region under the pointer, the selected one, and those of the hovered timeline event. */
  hoverRegion: number | null;
  selection: number | null;
  linked: ReadonlySet<number>;
  /** The current step's range, and the hovered event's. */
  band: Range | null;
  hoverBand: Range | null;
  /** The crashkernel advisor's verdicts, drawn in the advice lane while the advisor is open. */
  advice: Advice | null;
  /**
   * Pixels [x0, x1) a lane painter must draw, when the lane cache repaints only what a step
   * changed (the canvas is clipped to them): painters may skip what lies outside.
   */
  clip?: { x0: number; x1: number };
  /** Legend keys of what this frame drew (filled in while drawing: the legend lists these). */
  seen: Set<string>;
  /**
   * The axis labels this frame placed, as text with the pixel they mark (`0x100000000 4 GiB
   * @512.0`): the canvas's data-axis, which tests read to check the picture against the Range box.
   */
  axis: string[];
}

/**
 * A drawing context that fills hatches itself (the SVG export: vector stripes, not a raster
 * tile). Canvas contexts do not have `hatch`.
 */
export interface HatchingContext {
  hatch(colour: string): string;
}

/** Pixel of an address (via the layout), exact until the final division. */
export type AddrToPx = (addr: number) => number;

const widths = new Map<string, number>();

/** measureText, cached: labels repeat every frame. */
export function textWidth(ctx: CanvasRenderingContext2D, text: string): number {
  return widthIn(ctx, ctx.font, text);
}

/**
 * The width of `text` in `font`, cached; the context's font is set only to measure what is not
 * cached yet (setting a font parses it: the axis weighs hundreds of labels a frame).
 */
export function widthIn(ctx: CanvasRenderingContext2D, font: string, text: string): number {
  const key = font + '\u0000' + text;
  let w = widths.get(key);
  if (w === undefined) {
    const was = ctx.font;
    ctx.font = font;
    w = ctx.measureText(text).width;
    ctx.font = was;
    if (widths.size > 5000) widths.clear();
    widths.set(key, w);
  }
  return w;
}
