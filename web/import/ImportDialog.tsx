/**
 * The import dialog (a native modal <dialog>: focus stays inside, Esc closes it). Keys pressed
 * in it stay in it, so arrows on its buttons do not step the timeline behind.
 */
import { useEffect, useRef } from 'react';
import { backToInput, closeImport, useImports } from '../state/import-store';
import { ImportInput } from './ImportInput';
import { ImportResult } from './ImportResult';

function Progress({ detail, fraction }: { detail: string; fraction: number | null }) {
  return (
    <div className="import-progress" role="status" data-testid="import-progress">
      <progress max={1} {...(fraction === null ? {} : { value: fraction })} aria-label={detail} />
      <span>{detail}</span>
      <button type="button" onClick={backToInput}>
        Cancel
      </button>
    </div>
  );
}

export function ImportDialog() {
  const open = useImports((s) => s.open);
  const phase = useImports((s) => s.phase);
  const dragging = useImports((s) => s.dragging);
  const ref = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) {
      d.showModal();
      // Into the text box (the dialog alone would focus its first button, Close).
      d.querySelector('textarea')?.focus();
    } else if (!open && d.open) d.close();
  }, [open]);

  // After a failure, back to the text to fix it (the busy buttons lost the focus).
  useEffect(() => {
    if (phase.kind === 'failed') ref.current?.querySelector('textarea')?.focus();
  }, [phase.kind]);

  return (
    <dialog
      ref={ref}
      className={`import-dialog${dragging ? ' dragging' : ''}`}
      aria-labelledby="import-title"
      onClose={closeImport}
      onKeyDown={(e) => e.stopPropagation()}
      data-testid="import-dialog"
    >
      <div className="import-head">
        <h2 id="import-title">Import a boot log</h2>
        <button type="button" onClick={closeImport} aria-label="Close the import">
          ✕
        </button>
      </div>
      {phase.kind === 'ready' ? (
        <ImportResult imported={phase.imported} />
      ) : phase.kind === 'working' && phase.previous ? (
        <ImportResult imported={phase.previous} reading={phase.boot} />
      ) : (
        open && <ImportInput phase={phase} />
      )}
      {phase.kind === 'working' && <Progress detail={phase.detail} fraction={phase.fraction} />}
      {phase.kind === 'failed' && (
        <div className="import-error" role="alert" data-testid="import-error">
          <strong>Could not import {phase.name}:</strong> {phase.error.replace(/\.$/, '')}.
          <div className="muted small">Nothing was loaded: the page still shows what it did.</div>
        </div>
      )}
    </dialog>
  );
}
