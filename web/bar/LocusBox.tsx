/**
 * The locus box: shows the visible range and takes one typed in (`0x1000000-0x111afff`,
 * `16M+128M`, `[mem ...]` pasted from dmesg, or one address). It follows the view
 * imperatively, outside React, and never overwrites what the user is typing; a bad entry is
 * kept in the box with a message saying what is wrong and where.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { applyLocus, visibleLocus } from '../state/navigate';
import { useView } from '../state/view-store';

export function LocusBox() {
  const input = useRef<HTMLInputElement>(null);
  const editing = useRef(false);
  const [error, setError] = useState<string | null>(null);
  const errorId = useId();

  useEffect(() => {
    const show = () => {
      if (input.current && !editing.current) input.current.value = visibleLocus();
    };
    show();
    return useView.subscribe((s, p) => {
      if (s.view !== p.view || s.layout !== p.layout) show();
    });
  }, []);

  const submit = () => {
    const el = input.current;
    if (!el) return;
    const problem = applyLocus(el.value);
    setError(problem);
    if (!problem) {
      editing.current = false;
      el.value = visibleLocus();
    }
  };

  return (
    <div className="locus">
      <label htmlFor="locus-input">Range</label>
      <input
        id="locus-input"
        ref={input}
        className="mono"
        spellCheck={false}
        autoComplete="off"
        data-testid="locus"
        aria-invalid={error !== null}
        aria-describedby={error ? errorId : undefined}
        title="0x1000000-0x111afff (inclusive, as the kernel prints), 16M-18M, 16M+128M, [mem …] or one address"
        onFocus={() => (editing.current = true)}
        onBlur={() => {
          if (error === null) {
            editing.current = false;
            if (input.current) input.current.value = visibleLocus();
          }
        }}
        onChange={() => {
          editing.current = true;
          if (error) setError(null);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') submit();
          if (e.key === 'Escape') {
            editing.current = false;
            setError(null);
            e.currentTarget.value = visibleLocus();
            e.currentTarget.blur();
          }
        }}
      />
      {error && (
        <div id={errorId} className="locus-error" role="alert" data-testid="locus-error">
          {error}
        </div>
      )}
    </div>
  );
}
