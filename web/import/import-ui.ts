/**
 * The import's panels, loaded on the first import (see lazy-ui.tsx): the dialog with its input
 * and result, and what the inspector's tabs show of an imported log.
 */
export { AgreementTable } from './AgreementTable';
export { ImportDialog } from './ImportDialog';
export { LogFacts, LogNotes } from './LogFacts';
