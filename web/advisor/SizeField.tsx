/**
 * The crashkernel size to advise for: the command line's by default, or typed (`128M`,
 * `0x8000000`, `1G`). A valid size is applied after a short pause (or Enter); an invalid one
 * is explained beside the field and never replaces the last valid size, so the bar's lane
 * stays put while the user types.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { humanSize, memArg } from '../../src-core';
import { cmdlineSizeCached } from '../derived/advice-cache';
import { advisorSize, setAdvisorSize, useAdvisor } from '../state/advisor-store';
import { useDoc } from '../state/doc-store';

const PAUSE_MS = 300;

export function SizeField() {
  const scenario = useDoc((s) => s.scenario);
  const sizeText = useAdvisor((s) => s.sizeText);
  const [draft, setDraft] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const id = useId();
  useEffect(() => () => clearTimeout(timer.current), []);

  const fromCmdline = cmdlineSizeCached(scenario);
  const shown = draft ?? sizeText ?? (fromCmdline.ok ? memArg(fromCmdline.value) : '');
  const parsed = advisorSize({ scenario }, draft ?? sizeText);
  const error = parsed.ok ? null : parsed.error;

  const commit = (text: string) => {
    clearTimeout(timer.current);
    if (advisorSize({ scenario }, text).ok) {
      setAdvisorSize(text);
      setDraft(null);
    }
  };

  return (
    <div className="advisor-size">
      <label htmlFor={`${id}-size`}>Crashkernel size</label>
      <input
        id={`${id}-size`}
        className="mono"
        value={shown}
        spellCheck={false}
        autoComplete="off"
        placeholder="128M or 0x8000000"
        aria-invalid={error !== null}
        aria-describedby={`${id}-note`}
        data-testid="advisor-size"
        onChange={(e) => {
          const text = e.target.value;
          setDraft(text);
          clearTimeout(timer.current);
          timer.current = setTimeout(() => commit(text), PAUSE_MS);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit(e.currentTarget.value);
        }}
      />
      <span id={`${id}-note`} className="small" aria-live="polite">
        {error ? (
          <span className="error" data-testid="advisor-size-error">
            {error}
          </span>
        ) : parsed.ok && parsed.fromCmdline ? (
          <span className="muted">{humanSize(parsed.value)}, from the command line</span>
        ) : parsed.ok ? (
          <span className="muted">{humanSize(parsed.value)}</span>
        ) : null}
      </span>
      {(sizeText !== null || draft !== null) && fromCmdline.ok && (
        <button
          type="button"
          className="link-button small"
          onClick={() => {
            clearTimeout(timer.current);
            setDraft(null);
            setAdvisorSize(null);
          }}
        >
          Use the command line’s ({memArg(fromCmdline.value)})
        </button>
      )}
    </div>
  );
}
