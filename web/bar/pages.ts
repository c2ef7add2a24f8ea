/**
 * Page boundaries in view, for the page grid and the bits lane's cells: only when pages are
 * wide enough to tell apart, and only in open pieces of the layout.
 */
import { PAGE_SIZE } from '../../src-core';
import { pieceAtU, type Layout, type Piece } from '../view/layout';
import { pxToU, uToPx, type View } from '../view/viewport';

/** Pages must be at least this wide for single pages to be drawn. */
export const PAGE_MIN_PX = 2;

export const pagePx = (view: View): number => PAGE_SIZE / view.bpp;

/** Calls fn(x, pfn) for each page boundary in view; nothing when pages are too narrow. */
export function forEachPageEdge(
  layout: Layout,
  view: View,
  width: number,
  fn: (x: number, pfn: number) => void,
): void {
  if (pagePx(view) < PAGE_MIN_PX) return;
  const u0 = pxToU(view, 0);
  const u1 = pxToU(view, width) + 1;
  for (let i = pieceAtU(layout, u0); i < layout.pieces.length; i++) {
    const p = layout.pieces[i] as Piece;
    if (p.u > u1) break;
    if (p.kind !== 'open') continue;
    const a0 = p.start + Math.max(0, u0 - p.u);
    const a1 = Math.min(p.end, p.start + (u1 - p.u));
    for (let a = Math.ceil(a0 / PAGE_SIZE) * PAGE_SIZE; a <= a1; a += PAGE_SIZE)
      fn(uToPx(view, p.u + (a - p.start)), a / PAGE_SIZE);
  }
}
