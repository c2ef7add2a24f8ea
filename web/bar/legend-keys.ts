/**
 * The legend keys the bar's last frame drew, published for the legend under the bar. Set only
 * when the set changes (a zoom that shows the same kinds re-renders nothing), and only once the
 * picture has held still for a moment: during a zoom or pan the kinds in view change many times
 * a second, and re-rendering and laying out the legend each time would cost every frame.
 */
import { create } from 'zustand';

export const useLegendKeys = create<{ keys: ReadonlySet<string> | null }>(() => ({ keys: null }));

/** How long the picture must hold still before the legend follows it. */
export const LEGEND_SETTLE_MS = 120;

let pending: ReadonlySet<string> | null = null;
let timer: ReturnType<typeof setTimeout> | undefined;
/** The run whose picture the legend last followed. */
let shown: object | null = null;

function flush(): void {
  timer = undefined;
  const seen = pending;
  pending = null;
  if (!seen) return;
  const now = useLegendKeys.getState().keys;
  if (now && now.size === seen.size && [...seen].every((k) => now.has(k))) return;
  useLegendKeys.setState({ keys: new Set(seen) });
}

/** What a frame of `run` (the simulation drawn) shows. */
export function publishLegendKeys(seen: ReadonlySet<string>, run: object): void {
  pending = seen;
  clearTimeout(timer);
  // The first picture of a run has its legend with it: a legend that came 120 ms after a new
  // run moved everything under the bar by a line, under the pointer of someone about to click.
  if (run !== shown) {
    shown = run;
    flush();
  } else timer = setTimeout(flush, LEGEND_SETTLE_MS);
}
