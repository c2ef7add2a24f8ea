/**
 * The legend keys the bar's last frame drew, published for the legend under the bar. Set only
 * when the set changes (a zoom that shows the same kinds re-renders nothing).
 */
import { create } from 'zustand';

export const useLegendKeys = create<{ keys: ReadonlySet<string> | null }>(() => ({ keys: null }));

export function publishLegendKeys(seen: ReadonlySet<string>): void {
  const now = useLegendKeys.getState().keys;
  if (now && now.size === seen.size && [...seen].every((k) => now.has(k))) return;
  useLegendKeys.setState({ keys: new Set(seen) });
}
