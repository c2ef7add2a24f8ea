/**
 * The modal for askConfirm(): a native <dialog> shown with showModal, so focus stays inside,
 * Esc cancels and the page behind is inert. The safe answer (cancel) has the focus.
 */
import { useEffect, useRef } from 'react';
import { useConfirm } from './confirm';
import './ui.css';

export function ConfirmDialog() {
  const request = useConfirm((s) => s.request);
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (request && !d.open) d.showModal();
    if (!request && d.open) d.close();
  }, [request]);

  return (
    <dialog
      ref={dialog}
      className="confirm"
      aria-labelledby="confirm-title"
      aria-describedby="confirm-body"
      data-testid="confirm"
      onCancel={(e) => {
        e.preventDefault();
        request?.answer(false);
      }}
    >
      {request && (
        <>
          <h2 id="confirm-title">{request.title}</h2>
          <p id="confirm-body">{request.body}</p>
          <div className="confirm-buttons">
            <button type="button" autoFocus onClick={() => request.answer(false)}>
              {request.cancel}
            </button>
            <button type="button" className="primary" onClick={() => request.answer(true)}>
              {request.confirm}
            </button>
          </div>
        </>
      )}
    </dialog>
  );
}
