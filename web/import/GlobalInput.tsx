/**
 * A log can arrive anywhere: Ctrl/Cmd+V when no text field has the focus imports the clipboard,
 * and a file (or text) dropped anywhere on the window is imported. While something is dragged
 * over the page an overlay says what dropping will do.
 */
import { useEffect } from 'react';
import { startImport, useImports } from '../state/import-store';

function typingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.tagName === 'TEXTAREA' || target.tagName === 'INPUT';
}

/** Files or text: what a log can be dropped as (not links or images dragged within the page). */
const carriesLog = (dt: DataTransfer | null): boolean =>
  !!dt && (dt.types.includes('Files') || dt.types.includes('text/plain'));

function importFrom(dt: DataTransfer, what: 'pasted' | 'dropped'): boolean {
  const file = dt.files[0];
  if (file) {
    void startImport(file.name, { kind: 'file', file });
    return true;
  }
  const text = dt.getData('text/plain');
  if (!text.trim()) return false;
  void startImport(`${what} log`, { kind: 'text', text });
  return true;
}

export function GlobalInput() {
  const dragging = useImports((s) => s.dragging);

  useEffect(() => {
    const setDragging = (on: boolean) => {
      if (useImports.getState().dragging !== on) useImports.setState({ dragging: on });
    };
    const onPaste = (e: ClipboardEvent) => {
      if (typingIn(e.target) || !e.clipboardData) return;
      if (importFrom(e.clipboardData, 'pasted')) e.preventDefault();
    };
    const onDragOver = (e: DragEvent) => {
      if (!carriesLog(e.dataTransfer)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
      setDragging(true);
    };
    // relatedTarget is null when the drag leaves the window (or the page under a dialog).
    const onDragLeave = (e: DragEvent) => {
      if (e.relatedTarget === null) setDragging(false);
    };
    const onDrop = (e: DragEvent) => {
      setDragging(false);
      if (!e.dataTransfer || !carriesLog(e.dataTransfer)) return;
      e.preventDefault();
      importFrom(e.dataTransfer, 'dropped');
    };
    document.addEventListener('paste', onPaste);
    window.addEventListener('dragenter', onDragOver);
    window.addEventListener('dragover', onDragOver);
    window.addEventListener('dragleave', onDragLeave);
    window.addEventListener('drop', onDrop);
    return () => {
      document.removeEventListener('paste', onPaste);
      window.removeEventListener('dragenter', onDragOver);
      window.removeEventListener('dragover', onDragOver);
      window.removeEventListener('dragleave', onDragLeave);
      window.removeEventListener('drop', onDrop);
    };
  }, []);

  return dragging ? (
    <div className="drop-overlay" aria-hidden>
      <div>Drop a boot log to import it</div>
    </div>
  ) : null;
}
