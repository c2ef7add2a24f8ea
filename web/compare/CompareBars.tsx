/**
 * Where the page's bar goes: the bar alone, or, while the compare view is open, the compare
 * view (CompareView.tsx), fetched the first time it opens: the page's first picture never
 * shows it, and it brings the engine's run diff.
 */
import { lazy, Suspense, type ReactNode } from 'react';
import { useCompare } from './compare-store';

const CompareView = lazy(() => import('./CompareView').then((m) => ({ default: m.CompareView })));

/** The compare view's bars while it is open, else `single`. */
export function CompareBars({ single }: { single: ReactNode }) {
  const open = useCompare((s) => s.other !== null);
  if (!open) return single;
  return (
    <Suspense fallback={single}>
      <CompareView single={single} />
    </Suspense>
  );
}
