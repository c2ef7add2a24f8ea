/**
 * Page boundaries in view, for the page grid and the bits lane's cells: only when pages are
 * wide enough to tell apart, and only in open pieces of the layout.
 */
import { PAGE_SIZE } from '../../src-core';
import type { Layout } from '../viewport/layout';
import { forEachMultiple } from '../viewport/ticks';
import type { View } from '../viewport/viewport';

/** Page zoom: pages at least this wide can be told apart (the scale readout says so). */
export const PAGE_MIN_PX = 2;

/**
 * Lines between pages (the grid, the bits lane's cells) need pages this wide: narrower, a line
 * every 2 or 3 px beats against the pixel grid and reads as moiré, not as pages.
 */
export const PAGE_LINE_PX = 6;

export const pagePx = (view: View): number => PAGE_SIZE / view.bpp;

/** Calls fn(x, pfn) for each page boundary in view; nothing when pages are too narrow for lines. */
export function forEachPageEdge(
  layout: Layout,
  view: View,
  width: number,
  fn: (x: number, pfn: number) => void,
): void {
  if (pagePx(view) < PAGE_LINE_PX) return;
  forEachMultiple(layout, view, width + 1, PAGE_SIZE, Infinity, (addr, x) =>
    fn(x, addr / PAGE_SIZE),
  );
}
