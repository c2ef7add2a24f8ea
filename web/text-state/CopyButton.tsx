/** Copies a text to the clipboard and says so (or says the browser refused). */
import { useState } from 'react';

export function CopyButton({ text, what, testId }: { text: string; what: string; testId: string }) {
  const [status, setStatus] = useState('');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setStatus(`Copied ${what} (${text.split('\n').length} lines)`);
    } catch {
      setStatus('The browser refused the clipboard: select the text and copy it by hand');
    }
  };
  return (
    <span className="copy-button">
      <button type="button" onClick={() => void copy()} data-testid={testId} disabled={!text}>
        Copy
      </button>
      <span className="muted small" role="status">
        {status}
      </span>
    </span>
  );
}
