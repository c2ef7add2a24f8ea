/**
 * The inspector's panel with two more views of the same step: the state as text and the
 * address lookup. "Inspector" is the inspector (and, with an imported log, its own tabs).
 */
import { lazy, Suspense, useState, type ReactNode } from 'react';
import { TabList } from '../ui/TabList';
import './text-state.css';

// Both load when first opened: the page's first picture never needs them.
const StateText = lazy(() => import('./StateText').then((m) => ({ default: m.StateText })));
const Lookup = lazy(() => import('../lookup/Lookup').then((m) => ({ default: m.Lookup })));

const TABS = [
  // Not "Step": with an imported log, the inspector has its own "Step" tab inside.
  { id: 'step', title: 'Inspector' },
  { id: 'text', title: 'As text' },
  { id: 'lookup', title: 'Address lookup' },
] as const;
type Tab = (typeof TABS)[number]['id'];

export function StepTabs({ children }: { children: ReactNode }) {
  const [tab, setTab] = useState<Tab>('step');
  // Panels stay mounted once opened, hidden when another tab is shown: an address typed in
  // the lookup is still there after a look at the step.
  const [opened, setOpened] = useState<ReadonlySet<Tab>>(new Set(['step']));
  const show = (t: Tab) => {
    setTab(t);
    if (!opened.has(t)) setOpened(new Set([...opened, t]));
  };
  return (
    <div className="step-tabs">
      <TabList
        tabs={TABS}
        current={tab}
        onSelect={show}
        idPrefix="step-tab-"
        panelId="step-tabpanel"
        label="Current step"
        testIds
      />
      <div
        id="step-tabpanel"
        role="tabpanel"
        aria-labelledby={`step-tab-${tab}`}
        className="step-tabpanel"
      >
        <div className="step-pane" hidden={tab !== 'step'}>
          {children}
        </div>
        <Suspense fallback={<p className="muted pad">Loading…</p>}>
          {opened.has('text') && (
            <div className="step-pane" hidden={tab !== 'text'}>
              <StateText active={tab === 'text'} />
            </div>
          )}
          {opened.has('lookup') && (
            <div className="step-pane" hidden={tab !== 'lookup'}>
              <Lookup />
            </div>
          )}
        </Suspense>
      </div>
    </div>
  );
}
