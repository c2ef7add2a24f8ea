/**
 * Page boundaries in view, for the page grid and the bits lane's cells: only when pages are
 * wide enough to tell apart, and only in open pieces of the layout.
 */
import { PAGE_SIZE } from '../../src-core';
import type { Layout } from '../view/layout';
import { forEachMultiple } from '../view/ticks';
import type { View } from '../view/viewport';

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
  forEachMultiple(layout, view, width + 1, PAGE_SIZE, Infinity, (addr, x) =>
    fn(x, addr / PAGE_SIZE),
  );
}
