/**
 * Where a log comes in: a large text box to paste into, a file chooser, and the reminder that
 * a file can be dropped anywhere and Ctrl+V works anywhere. While the worker reads, the box
 * stays (greyed) with the progress under it; after a failure it still holds the text.
 */
import { useRef } from 'react';
import { HiddenFileInput } from '../ui/HiddenFileInput';
import { startImport, type ImportPhase } from '../state/import-store';

export function ImportInput({ phase }: { phase: ImportPhase }) {
  const text = useRef<HTMLTextAreaElement>(null);
  const file = useRef<HTMLInputElement>(null);
  const busy = phase.kind === 'working';
  const read = () =>
    void startImport('pasted log', { kind: 'text', text: text.current?.value ?? '' });
  return (
    <div className="import-input">
      <p className="muted">
        dmesg, <code>journalctl -k</code>, a serial-console capture or a mail quoting one. The log
        is read in this tab and never leaves it; links carry the scenario made from it, never the
        log.
      </p>
      <label htmlFor="import-text" className="sr-only">
        Boot log text
      </label>
      <textarea
        id="import-text"
        ref={text}
        className="mono"
        spellCheck={false}
        autoComplete="off"
        wrap="off"
        disabled={busy}
        placeholder="[    0.000000] Linux version 6.1.0 … paste the log here"
        data-testid="import-text"
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            read();
          }
        }}
      />
      <div className="import-actions">
        <button type="button" className="primary" onClick={read} disabled={busy}>
          Read log
        </button>
        <button type="button" onClick={() => file.current?.click()} disabled={busy}>
          Choose file…
        </button>
        <HiddenFileInput
          inputRef={file}
          label="Boot log file"
          testId="import-file"
          onFile={(f) => void startImport(f.name, { kind: 'file', file: f })}
        />
        <span className="muted small">
          Ctrl+Enter reads the box · drop a file anywhere on the window · .gz and UTF-16 files are
          fine
        </span>
      </div>
    </div>
  );
}
