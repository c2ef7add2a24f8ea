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

function flush(): void {
  timer = undefined;
  const seen = pending;
  pending = null;
  if (!seen) return;
  const now = useLegendKeys.getState().keys;
  if (now && now.size === seen.size && [...seen].every((k) => now.has(k))) return;
  useLegendKeys.setState({ keys: new Set(seen) });
}

export function publishLegendKeys(seen: ReadonlySet<string>): void {
  pending = seen;
  clearTimeout(timer);
  // The first picture's legend comes with it.
  if (useLegendKeys.getState().keys === null) flush();
  else timer = setTimeout(flush, LEGEND_SETTLE_MS);
}
