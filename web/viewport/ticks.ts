/**
 * Axis ticks: hex addresses at a power-of-two spacing, each with a binary-unit label
 * (`0x1001000` / `16 MiB + 4 KiB`). Ticks are generated per open piece of the layout, from
 * exact integer addresses, and never inside a collapsed gap.
 */
import { BINARY_UNITS, hex } from '../../src-core';
import type { Layout, Piece } from './layout';
import { pieceAtU } from './layout';
import { pxToU, uToPx, type View } from './viewport';

export interface Tick {
  addr: number;
  px: number;
  hex: string;
  human: string;
}

export interface Ticks {
  /** Distance between ticks in bytes (a power of two). */
  step: number;
  ticks: Tick[];
}

const UNITS = [...BINARY_UNITS, [1, 'B'] as const];

/**
 * An address in binary units, at most `most` terms (two by default): `16 MiB`,
 * `16 MiB + 4 KiB`, `0`. A value that needs more terms gets a leading ≈ so nobody takes it for
 * exact.
 */
export function binaryLabel(addr: number, most = 2): string {
  if (addr === 0) return '0';
  const terms: string[] = [];
  let rest = addr;
  for (const [unit, name] of UNITS) {
    if (rest < unit) continue;
    const q = Math.floor(rest / unit);
    rest -= q * unit;
    terms.push(`${q} ${name}`);
    if (terms.length === most) break;
  }
  return (rest > 0 ? '≈' : '') + terms.join(' + ');
}

/** Pixels a hex label needs (monospace at the axis font size), plus breathing room. */
export function labelSpacing(maxAddr: number): number {
  return hex(maxAddr).length * 7 + 28;
}

/**
 * Calls fn(addr, px) for every multiple of `step` (a power of two) visible in open pieces of
 * the layout, at most `limit` times. Dividing and multiplying an integer below 2^53 by a power
 * of two is exact, so the addresses are exact at any zoom.
 */
export function forEachMultiple(
  layout: Layout,
  view: View,
  width: number,
  step: number,
  limit: number,
  fn: (addr: number, px: number) => void,
): void {
  const u0 = pxToU(view, 0);
  const u1 = pxToU(view, width);
  let n = 0;
  for (let i = pieceAtU(layout, u0); i < layout.pieces.length; i++) {
    const p = layout.pieces[i] as Piece;
    if (p.u > u1) break;
    if (p.kind !== 'open') continue;
    const a0 = p.start + Math.max(0, u0 - p.u);
    const a1 = Math.min(p.end, p.start + (u1 - p.u));
    for (let a = Math.ceil(a0 / step) * step; a <= a1 && n < limit; a += step, n++)
      fn(a, uToPx(view, p.u + (a - p.start)));
  }
}

/**
 * Ticks for the visible window: the smallest power-of-two step that leaves `minPx` between
 * ticks, at every multiple of it inside open pieces. Binary labels get as many terms as it
 * takes for neighbours to differ (deep in a high node, `48 GiB + 1 MiB` twice would say
 * nothing; `48 GiB + 1 MiB + 512 KiB` does).
 */
export function makeTicks(layout: Layout, view: View, width: number, minPx: number): Ticks {
  const step = 2 ** Math.max(0, Math.ceil(Math.log2(Math.max(1, minPx * view.bpp))));
  const addrs: { addr: number; px: number }[] = [];
  const limit = 4 * (Math.ceil(width / Math.max(1, minPx)) + 2);
  forEachMultiple(layout, view, width, step, limit, (addr, px) => addrs.push({ addr, px }));
  let labels = addrs.map((t) => binaryLabel(t.addr));
  for (let most = 3; most <= UNITS.length && repeats(labels); most++)
    labels = addrs.map((t) => binaryLabel(t.addr, most));
  const ticks = addrs.map((t, i) => ({ ...t, hex: hex(t.addr), human: labels[i] as string }));
  return { step, ticks };
}

const repeats = (labels: readonly string[]): boolean => labels.some((l, i) => l === labels[i - 1]);
