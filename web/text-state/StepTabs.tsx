/**
 * The inspector's panel with two more views of the same step: the state as text and the
 * address lookup. "Inspector" is the inspector (and, with an imported log, its own tabs).
 */
import { lazy, Suspense, useState, type KeyboardEvent, type ReactNode } from 'react';
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
  const onKeyDown = (e: KeyboardEvent) => {
    const d = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (!d || !(e.target instanceof HTMLElement) || e.target.getAttribute('role') !== 'tab') return;
    e.preventDefault();
    e.stopPropagation();
    const i = TABS.findIndex((t) => t.id === tab);
    const next = TABS[(i + d + TABS.length) % TABS.length] as (typeof TABS)[number];
    show(next.id);
    document.getElementById(`step-tab-${next.id}`)?.focus();
  };
  return (
    <div className="step-tabs">
      <div role="tablist" aria-label="Current step" onKeyDown={onKeyDown}>
        {TABS.map((t) => (
          <button
            key={t.id}
            id={`step-tab-${t.id}`}
            type="button"
            role="tab"
            aria-selected={tab === t.id}
            aria-controls="step-tabpanel"
            tabIndex={tab === t.id ? 0 : -1}
            onClick={() => show(t.id)}
            data-testid={`step-tab-${t.id}`}
          >
            {t.title}
          </button>
        ))}
      </div>
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
              <StateText />
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
