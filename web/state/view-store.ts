/**
 * Ephemeral view state: the visible window, the collapsed layout, hover, selection, playback.
 * None of it changes what the boot did; the bar subscribes to this store outside React and
 * redraws on every change without re-rendering components.
 */
import { create } from 'zustand';
import type { SimIndex } from '../derived/sim-index';
import { buildLayout, IDENTITY_LAYOUT, type Layout } from '../viewport/layout';
import type { View } from '../viewport/viewport';

/** What the pointer is over on the bar (or the timeline row under it). */
export type Hover =
  | { kind: 'region'; id: number; addr: number; x: number; y: number }
  | { kind: 'bits'; node: number; pfn: number; set: boolean; x: number; y: number }
  | { kind: 'page'; pfn: number; x: number; y: number }
  | { kind: 'gap'; start: number; end: number; x: number; y: number }
  /** The advisor lane: interval `index` of the advice, at address `addr`. */
  | { kind: 'advice'; index: number; addr: number; x: number; y: number };

export interface ViewState {
  /** Bar width in CSS pixels (0 until measured). */
  width: number;
  view: View;
  /** Empty stretches collapsed: off by default, so the scale is linear unless asked. */
  collapse: boolean;
  /** Gaps (by start address) the user opened. */
  expanded: ReadonlySet<number>;
  layout: Layout;
  hover: Hover | null;
  /** Step of the timeline event under the pointer. */
  hoverStep: number | null;
  /** Selected region id. */
  selection: number | null;
  /** Frame each step's range while stepping. */
  follow: boolean;
  playing: boolean;
  /** Steps per second while playing. */
  speed: number;
  /** A short message about the view (zoom limits, a widened range). */
  notice: string | null;
  /** True while the view is the whole-machine default (links then leave the range out). */
  homed: boolean;
}

export const useView = create<ViewState>(() => ({
  width: 0,
  view: { origin: 0, frac: 0, bpp: 1 },
  collapse: false,
  expanded: new Set(),
  layout: IDENTITY_LAYOUT,
  hover: null,
  hoverStep: null,
  selection: null,
  follow: false,
  playing: false,
  speed: 2,
  notice: null,
  homed: true,
}));

/** Each simulation's collapsed layout with no gap opened: what a new run first shows. */
const collapsedLayouts = new WeakMap<SimIndex, Layout>();

/**
 * The layout for a simulation under the collapse settings. The same object each time for a
 * run's first collapsed layout, so that what is cached per layout (the lanes' regions placed
 * on it) can be made before the run is shown.
 */
export function layoutFor(si: SimIndex, collapse: boolean, expanded: ReadonlySet<number>): Layout {
  if (!collapse) return IDENTITY_LAYOUT;
  const first = expanded.size === 0;
  const hit = first ? collapsedLayouts.get(si) : undefined;
  if (hit) return hit;
  const layout = buildLayout({
    boundaries: si.boundaries,
    keep: si.keep,
    expanded,
    splits: [si.top, ...si.landmarks.map((m) => m.addr)],
  });
  if (first) collapsedLayouts.set(si, layout);
  return layout;
}

let noticeTimer: ReturnType<typeof setTimeout> | undefined;

/** Show a view message for a few seconds. */
export function notify(text: string): void {
  clearTimeout(noticeTimer);
  useView.setState({ notice: text });
  noticeTimer = setTimeout(() => useView.setState({ notice: null }), 4000);
}
