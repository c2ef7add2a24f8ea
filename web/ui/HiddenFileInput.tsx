/**
 * A file input kept out of sight and opened by a visible button. Its value is cleared after
 * each choice, so choosing the same file again still reads it.
 */
import type { RefObject } from 'react';

export function HiddenFileInput({
  inputRef,
  label,
  testId,
  accept,
  onFile,
}: {
  inputRef: RefObject<HTMLInputElement | null>;
  label: string;
  testId: string;
  accept?: string;
  onFile: (file: File) => void;
}) {
  return (
    <input
      ref={inputRef}
      type="file"
      accept={accept}
      className="sr-only"
      tabIndex={-1}
      aria-label={label}
      data-testid={testId}
      onChange={(e) => {
        const f = e.target.files?.[0];
        if (f) onFile(f);
        e.target.value = '';
      }}
    />
  );
}
