/**
 * The page: header, the address-space bar with its controls, then timeline and inspector; the
 * scenario editor, when open, in a column on the right.
 */
import { lazy, Suspense } from 'react';
import { AddressBar } from '../bar/AddressBar';
import { CompareBars } from '../compare/CompareBars';
import { BarStatus } from '../bar/BarStatus';
import { Legend } from '../bar/Legend';
import { Overview } from '../bar/Overview';
import { ViewToolbar } from '../bar/ViewToolbar';
import { useEditor } from '../editor/editor-store';
import { EditorSlot } from '../editor/EditorSlot';
import { Inspector } from '../inspector/Inspector';
import { useAdvisor } from '../state/advisor-store';
import { useDoc } from '../state/doc-store';
import { Timeline } from '../timeline/Timeline';
import { Transport } from '../timeline/Transport';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { ErrorBoundary } from '../ui/ErrorBoundary';
import { Header } from './Header';
import { GlobalInput } from '../import/GlobalInput';
import { ImportDialogSlot } from '../import/lazy-ui';
import { ImportTabs } from '../import/ImportTabs';
import { StepTabs } from '../text-state/StepTabs';

// The advisor's panel is fetched the first time it opens, like the editor: the page's first
// picture never shows it.
const AdvisorPanel = lazy(() =>
  import('../advisor/AdvisorPanel').then((m) => ({ default: m.AdvisorPanel })),
);

export function App() {
  const runKey = useDoc((s) => `${s.source.kind}:${s.source.name}:${s.model}`);
  const advising = useAdvisor((s) => s.open);
  const editing = useEditor((s) => s.open);
  return (
    <div className={editing ? 'app with-editor' : 'app'}>
      <Header />
      <section className="bar-panel" aria-label="Physical address space">
        <ErrorBoundary part="the address-space bar">
          <ViewToolbar />
          <div className="overview-row">
            <span className="lane-gutter muted small">overview</span>
            <Overview />
          </div>
          <CompareBars single={<AddressBar describedBy="bar-help" />} />
          <p id="bar-help" className="sr-only">
            Wheel or pinch to zoom, drag to pan, double-click to zoom in, click a region to select
            it. Keys: W and S zoom, A and D pan, 0 resets, F frames the selection.
          </p>
          <BarStatus />
          <Legend />
        </ErrorBoundary>
      </section>
      <div className={advising ? 'lower advising' : 'lower'}>
        <section className="timeline" aria-label="Boot timeline">
          <ErrorBoundary part="the timeline">
            <Transport run={runKey} />
            <Timeline key={runKey} />
          </ErrorBoundary>
        </section>
        {advising ? (
          // The advisor takes the inspector's place: it needs the width, and K brings it back.
          <section className="advisor-panel" aria-label="Crashkernel advisor">
            <ErrorBoundary part="the advisor">
              <Suspense fallback={<p className="muted">Loading the advisor…</p>}>
                <AdvisorPanel />
              </Suspense>
            </ErrorBoundary>
          </section>
        ) : (
          <section className="inspector-panel" aria-label="Current step">
            <ErrorBoundary part="the inspector">
              <StepTabs>
                <ImportTabs>
                  <Inspector />
                </ImportTabs>
              </StepTabs>
            </ErrorBoundary>
          </section>
        )}
      </div>
      <ImportDialogSlot />
      <GlobalInput />
      <EditorSlot />
      <ConfirmDialog />
    </div>
  );
}
