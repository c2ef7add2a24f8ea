/**
 * Moving the view: zoom, pan, frame a range, collapse or expand gaps, the locus box. All view
 * changes go through here so the window is always clamped and exact (viewport.ts).
 */
import { humanSize, type Range } from '../../src-core';
import { indexSimulation, type SimIndex } from '../derived/sim-index';
import { gapsIn, rangeShown, toU } from '../viewport/layout';
import { formatLocus, parseLocus } from '../viewport/locus';
import {
  clampView,
  frameU,
  MIN_BPP,
  maxBpp,
  panBy,
  sameView,
  zoomAt,
  visibleU,
  type Extent,
  type View,
} from '../viewport/viewport';
import { simOf, useDoc } from './doc-store';
import { layoutFor, notify, useView } from './view-store';

export function currentIndex(): SimIndex | null {
  const sim = simOf(useDoc.getState());
  return sim ? indexSimulation(sim) : null;
}

function extent(width = useView.getState().width): Extent {
  return { total: useView.getState().layout.total, width: Math.max(1, width) };
}

function setView(view: View, homed = false): void {
  const next = clampView(view, extent());
  if (!sameView(next, useView.getState().view) || homed !== useView.getState().homed)
    useView.setState({ view: next, homed });
}

/** The whole machine: [0, top of the e820 map), collapsed or not (never the empty 2^52). */
function homeView(width: number): View {
  const v = useView.getState();
  const si = currentIndex();
  const end = si ? toU(v.layout, Math.max(si.top, 4096)) : v.layout.total;
  return frameU(0, end, extent(width));
}

export function home(): void {
  setView(homeView(useView.getState().width), true);
}

/**
 * The bar was measured: keep the addresses shown (rescaled to the new width), or the whole
 * machine if that is what was shown.
 */
export function setWidth(width: number): void {
  const v = useView.getState();
  const homed = v.width === 0 || v.homed;
  const shown = visibleU(v.view, v.width);
  const view = homed ? homeView(width) : frameU(shown.start, shown.end, extent(width));
  useView.setState({ width, view, homed });
}

/** Zoom by a factor (> 1 in) around pixel px (the centre by default). */
export function zoomBy(factor: number, px?: number): void {
  const { view, width } = useView.getState();
  const e = extent();
  if (factor > 1 && view.bpp <= MIN_BPP)
    notify('Deepest zoom: 1 byte per pixel, a page is 4096 px wide');
  else if (factor < 1 && view.bpp >= maxBpp(e))
    notify('Zoomed out fully: the whole address space is shown');
  setView(zoomAt(view, px ?? width / 2, factor, e));
}

export function panPx(dx: number): void {
  setView(panBy(useView.getState().view, dx, extent()));
}

/** Apply a view computed elsewhere (the overview brush), clamped. */
export const applyView = (view: View): void => setView(view);

/** The addresses shown, from the first to the last visible byte (a gap edge gives its bound). */
export function visibleRange(): Range {
  const { view, width, layout } = useView.getState();
  return rangeShown(view, width, layout);
}

export const visibleLocus = (): string => {
  const r = visibleRange();
  return formatLocus(r.start, r.end);
};

/** Rebuild the layout (keeping the visible addresses in view unless told to go home). */
function relayout(collapse: boolean, expanded: ReadonlySet<number>, keep: Range | null): void {
  const si = currentIndex();
  if (!si) return;
  useView.setState({ collapse, expanded, layout: layoutFor(si, collapse, expanded) });
  if (keep) frameAddr(keep.start, keep.end, 0);
  else home();
}

/**
 * Show [start, end); pad is a fraction of the width. A collapsed gap that hides an end of the
 * range is opened (a range across gaps is shown with them collapsed).
 */
export function frameAddr(start: number, end: number, pad = 0.05): void {
  const v = useView.getState();
  const hides = (g: Range, a: number) => a > g.start && a < g.end;
  const gaps = gapsIn(v.layout, { start, end }).filter((g) => hides(g, start) || hides(g, end));
  if (gaps.length > 0) {
    const expanded = new Set(v.expanded);
    for (const g of gaps) expanded.add(g.start);
    const si = currentIndex();
    if (si) useView.setState({ expanded, layout: layoutFor(si, v.collapse, expanded) });
  }
  const { layout } = useView.getState();
  const e = extent();
  const u0 = toU(layout, start);
  const u1 = toU(layout, end);
  if ((u1 - u0) / Math.max(1, e.width * (1 - 2 * pad)) < MIN_BPP)
    notify(
      `${humanSize(end - start)} is narrower than the deepest zoom: centred at 1 byte per pixel`,
    );
  setView(frameU(u0, u1, e, pad));
}

/** The locus box: returns an error message, or null when the view moved. */
export function applyLocus(text: string): string | null {
  const l = parseLocus(text);
  if (!l.ok) return l.error;
  if (l.kind === 'range') frameAddr(l.start, l.end, 0);
  else {
    const { view, width, layout } = useView.getState();
    const half = (width * view.bpp) / 2;
    const u = toU(layout, l.addr);
    setView({ origin: Math.floor(u - half), frac: 0, bpp: view.bpp });
  }
  return null;
}

export function setCollapse(on: boolean): void {
  relayout(on, new Set(), useView.getState().homed ? null : visibleRange());
}

/** The gap settings a link carries: collapsing on or off, and the gaps opened by hand. */
export function setGaps(collapse: boolean, open: readonly number[]): void {
  const v = useView.getState();
  const same =
    v.collapse === collapse &&
    v.expanded.size === open.length &&
    open.every((a) => v.expanded.has(a));
  if (!same) relayout(collapse, new Set(open), null);
}

/** Open one collapsed gap (clicked on the bar). */
export function expandGap(start: number): void {
  const v = useView.getState();
  const expanded = new Set(v.expanded).add(start);
  relayout(v.collapse, expanded, visibleRange());
}

/** `f`: frame the selected region, else the current step's range. */
export function frameSelection(): void {
  const si = currentIndex();
  if (!si) return;
  const sel = useView.getState().selection;
  const r = sel === null ? undefined : si.regionById.get(sel);
  const ev = si.sim.events[useDoc.getState().step];
  const target = r ?? (ev && ev.end > ev.start ? ev : undefined);
  if (target) frameAddr(target.start, target.end);
  else notify('Nothing to frame: select a region on the bar first');
}

/**
 * Keep the view consistent with the durable state: a new scenario starts at the whole machine;
 * a new model, or an edit of the machine zoomed in on, keeps the same addresses in view; with
 * "follow", each step frames its range.
 */
export function wireView(): () => void {
  return useDoc.subscribe((s, prev) => {
    if (s.result !== prev.result) {
      // The same machine (another model, an edited command line, or an edit while zoomed in)
      // keeps its addresses in view.
      const v = useView.getState();
      const same =
        prev.scenario === s.scenario ||
        prev.scenario.machine === s.scenario.machine ||
        (s.edited && !v.homed);
      const keep = same && v.width > 0 ? visibleRange() : null;
      useView.setState({ selection: null, hover: null, hoverStep: null });
      relayout(useView.getState().collapse, new Set(), keep);
    } else if (s.step !== prev.step && useView.getState().follow) {
      const ev = simOf(s)?.events[s.step];
      if (ev && ev.end > ev.start) frameAddr(ev.start, ev.end);
    }
  });
}

/** Build the first layout for the initial simulation (before the bar is measured). */
export function initView(): void {
  relayout(useView.getState().collapse, new Set(), null);
}
