/**
 * With an imported log on the page, the inspector's panel has three tabs: the current step (the
 * inspector itself), the log against the matching model, and what the import found. Without
 * one, it is the inspector alone, as before.
 */
import { Suspense, useState, type ReactNode } from 'react';
import { TabList } from '../ui/TabList';
import { useShownImport } from '../state/import-store';
import type { ShownImport } from './protocol';
import { useImportUi } from './lazy-ui';

const TABS = [
  { id: 'step', title: 'Step' },
  { id: 'compare', title: 'Log vs model' },
  { id: 'log', title: 'Log' },
] as const;
type Tab = (typeof TABS)[number]['id'];

export function ImportTabs({ children }: { children: ReactNode }) {
  const imported = useShownImport();
  const [tab, setTab] = useState<Tab>('step');
  if (!imported) return children;
  const differ = imported.agreement?.counts.differ ?? 0;
  const tabs = TABS.map((t) => ({
    id: t.id,
    title:
      t.id === 'compare' && differ > 0 ? (
        <>
          {t.title}
          <span className="badge" aria-label={`${differ} differences`}>
            {differ}
          </span>
        </>
      ) : (
        t.title
      ),
  }));
  return (
    <div className="import-tabs">
      <TabList
        tabs={tabs}
        current={tab}
        onSelect={setTab}
        idPrefix="import-tab-"
        panelId="import-tabpanel"
        label="Imported log"
      />
      <div
        id="import-tabpanel"
        role="tabpanel"
        aria-labelledby={`import-tab-${tab}`}
        className="import-tabpanel"
      >
        {tab === 'step' && children}
        {tab !== 'step' && (
          <Suspense fallback={null}>
            <LogPanel tab={tab} imported={imported} />
          </Suspense>
        )}
      </div>
    </div>
  );
}

/** The log's tabs (their code comes with the import dialog's, so it is there by now). */
function LogPanel({ tab, imported }: { tab: Exclude<Tab, 'step'>; imported: ShownImport }) {
  const { AgreementTable, LogFacts, LogNotes } = useImportUi();
  if (tab === 'compare')
    return imported.agreement ? (
      <AgreementTable agreement={imported.agreement} observed={imported.observed} />
    ) : (
      <p className="muted pad">No model comparison: {imported.agreementNote}</p>
    );
  return (
    <div className="pad scroll">
      <LogFacts view={imported.view} steps={imported.steps} />
      <LogNotes view={imported.view} />
    </div>
  );
}
