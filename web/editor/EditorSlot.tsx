/**
 * Where the editor panel goes, beside the bar (which stays in view). The panel's code is
 * loaded on first open, keeping it out of the first page load.
 */
import { lazy, Suspense } from 'react';
import { ErrorBoundary } from '../ui/ErrorBoundary';
import { useEditor } from './editor-store';

const Editor = lazy(() => import('./Editor').then((m) => ({ default: m.Editor })));

export function EditorSlot() {
  const open = useEditor((s) => s.open);
  if (!open) return null;
  return (
    <aside id="editor" className="editor-panel" aria-label="Scenario editor" data-testid="editor">
      <ErrorBoundary part="the editor">
        <Suspense fallback={<p className="muted editor-loading">Loading the editor…</p>}>
          <Editor />
        </Suspense>
      </ErrorBoundary>
    </aside>
  );
}
