/**
 * The import's panels stay out of the first page load: they are fetched when a log is first
 * imported (the dialog opens), and every later render has them at once. The dialog's styles
 * are not: they are in the page's stylesheet from the start, in the same place as before.
 */
import { Suspense, use, useState } from 'react';
import { useImports } from '../state/import-store';
import './import.css';

type Ui = typeof import('./import-ui');

let ui: Ui | null = null;
let loading: Promise<Ui> | null = null;

const loadUi = (): Promise<Ui> =>
  (loading ??= import('./import-ui').then((m) => {
    ui = m;
    return m;
  }));

/** The import's panels; suspends only until they have loaded the first time. */
export const useImportUi = (): Ui => ui ?? use(loadUi());

function Dialog() {
  const { ImportDialog } = useImportUi();
  return <ImportDialog />;
}

/**
 * The import dialog, from the first time it opens on: it then stays, closed, as before (so
 * closing it hands the focus back the way a native dialog does).
 */
export function ImportDialogSlot() {
  const open = useImports((s) => s.open);
  const [wanted, setWanted] = useState(open);
  if (open && !wanted) setWanted(true);
  return wanted ? (
    <Suspense fallback={null}>
      <Dialog />
    </Suspense>
  ) : null;
}
