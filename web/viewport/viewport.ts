/**
 * The visible window of the bar: an exact integer origin plus a fraction, and bytes per pixel.
 *
 * Why not d3-zoom's transform: it keeps `x` as one float, and at an origin near 2^52 with a
 * few bytes per pixel, `x = -origin / bpp` rounds, so regions jitter by pixels while panning.
 * Here the left edge is `origin + frac` in layout bytes with `origin` an exact integer; a
 * position becomes a pixel by subtracting the integers first (exact, the difference is small
 * on screen) and only then dividing by bpp. d3-zoom only decodes gestures (gestures.ts).
 */

export interface View {
  /** Layout position of the left edge, integer part (exact). */
  origin: number;
  /** Fractional byte of the left edge, 0 <= frac < 1. */
  frac: number;
  /** Bytes per pixel. */
  bpp: number;
}

export interface Extent {
  /** Layout length of everything that can be shown. */
  total: number;
  /** Bar width in CSS pixels. */
  width: number;
}

/** Deepest zoom: one byte per pixel (a 4 KiB page is 4096 px wide). */
export const MIN_BPP = 1;

/** Pixel of layout position u. */
export function uToPx(v: View, u: number): number {
  return (u - v.origin - v.frac) / v.bpp;
}

/** Layout position (integer, rounded down) under pixel px. */
export function pxToU(v: View, px: number): number {
  return v.origin + Math.floor(v.frac + px * v.bpp);
}

/** Split origin + offset into an exact integer and a fraction in [0, 1). */
function rebase(origin: number, offset: number): { origin: number; frac: number } {
  const whole = Math.floor(offset);
  const frac = offset - whole;
  // A tiny negative offset rounds to frac = 1 in floating point: carry it.
  return frac >= 1 ? { origin: origin + whole + 1, frac: 0 } : { origin: origin + whole, frac };
}

/** Largest bpp: the whole layout fits the width. */
export function maxBpp(e: Extent): number {
  return Math.max(MIN_BPP, e.total / Math.max(1, e.width));
}

/** Keep bpp within [MIN_BPP, whole layout] and the window inside [0, total). */
export function clampView(v: View, e: Extent): View {
  const bpp = Math.min(Math.max(v.bpp, MIN_BPP), maxBpp(e));
  const span = bpp * e.width;
  let { origin, frac } = v;
  if (origin < 0) ({ origin, frac } = { origin: 0, frac: 0 });
  const spanCeil = Math.ceil(span);
  if (origin + frac + span > e.total) {
    origin = Math.max(0, e.total - spanCeil);
    frac = origin === 0 ? 0 : spanCeil - span;
  }
  return { origin, frac, bpp };
}

/** Zoom by `factor` (> 1 zooms in) keeping the position under pixel `px` where it is. */
export function zoomAt(v: View, px: number, factor: number, e: Extent): View {
  if (!(factor > 0) || !Number.isFinite(factor)) return v;
  const at = rebase(v.origin, v.frac + px * v.bpp);
  const bpp = Math.min(Math.max(v.bpp / factor, MIN_BPP), maxBpp(e));
  const left = rebase(at.origin, at.frac - px * bpp);
  return clampView({ ...left, bpp }, e);
}

/** Pan by dx pixels (positive moves the window right, to higher addresses). */
export function panBy(v: View, dx: number, e: Extent): View {
  return clampView({ ...rebase(v.origin, v.frac + dx * v.bpp), bpp: v.bpp }, e);
}

/**
 * Show layout range [u0, u1) with `pad` of the width as margin on each side. A range narrower
 * than the deepest zoom allows is centred at that zoom.
 */
export function frameU(u0: number, u1: number, e: Extent, pad = 0): View {
  const len = Math.max(1, u1 - u0);
  const inner = Math.max(1, e.width * (1 - 2 * pad));
  const bpp = Math.min(Math.max(len / inner, MIN_BPP), maxBpp(e));
  // Centre: u0 + len/2 may be fractional; keep the integer part exact.
  const half = rebase(u0, len / 2);
  const left = rebase(half.origin, half.frac - (e.width / 2) * bpp);
  return clampView({ ...left, bpp }, e);
}

/** The visible layout range, rounded outwards to whole bytes. */
export function visibleU(v: View, width: number): { start: number; end: number } {
  return { start: v.origin, end: v.origin + Math.ceil(v.frac + width * v.bpp) };
}

/** True when two views draw the same picture. */
export function sameView(a: View, b: View): boolean {
  return a.origin === b.origin && a.frac === b.frac && a.bpp === b.bpp;
}
