/**
 * Editor fields: a labelled input whose problems show right under it (and are its accessible
 * description), with a readout of what the typed text is understood as ("16M" → 0x1000000).
 * Field ids come from the scenario path, so a problem in the summary can focus its field.
 */
import type { ReactNode } from 'react';
import { hex, humanSize, parseSize, type Problem } from '../../src-core';
import { problemsAt } from './check-draft';
import { resolveEnd } from './draft';

/** The DOM id of the field for a scenario path such as `machine.e820[3].end`. */
export const fieldId = (path: string): string => `f-${path.replace(/[^a-zA-Z0-9]+/g, '-')}`;

/** "= 0x1000000 (16 MiB)" when the text is not already the canonical hex. */
export function addrReadout(text: string, start?: string): string {
  const resolved = start === undefined ? text : resolveEnd(start, text, '', []);
  const r = parseSize(resolved);
  if (!r.ok) return '';
  const h = hex(r.value);
  return h === text.trim().toLowerCase() ? humanSize(r.value) : `= ${h} (${humanSize(r.value)})`;
}

export interface FieldProps {
  path: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  problems: readonly Problem[];
  /** What the text means, shown beside it (empty: nothing). */
  readout?: string;
  /** Label only for screen readers (table cells have a column header). */
  hideLabel?: boolean;
  placeholder?: string;
  className?: string;
  /** Extra paths whose problems belong under this field (a row's own problems). */
  alsoPaths?: string[];
}

export function Field(p: FieldProps) {
  const id = fieldId(p.path);
  const msgs = [p.path, ...(p.alsoPaths ?? [])].flatMap((path) => problemsAt(p.problems, path));
  const described = [msgs.length ? `${id}-msg` : '', p.readout ? `${id}-out` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div className={`field ${p.className ?? ''}`}>
      <label htmlFor={id} className={p.hideLabel ? 'sr-only' : 'field-label'}>
        {p.label}
      </label>
      <input
        id={id}
        className="mono"
        value={p.value}
        placeholder={p.placeholder}
        spellCheck={false}
        autoComplete="off"
        aria-invalid={msgs.length > 0}
        aria-describedby={described || undefined}
        onChange={(e) => p.onChange(e.target.value)}
      />
      {p.readout ? (
        <span id={`${id}-out`} className="readout muted small">
          {p.readout}
        </span>
      ) : null}
      {msgs.length > 0 && (
        <span id={`${id}-msg`} className="field-error" data-testid="field-error">
          {msgs.join(' · ')}
        </span>
      )}
    </div>
  );
}

/** A group's own problems (a table, a row) where no single field owns them. */
export function Problems({ problems, path }: { problems: readonly Problem[]; path: string }) {
  const msgs = problemsAt(problems, path);
  if (!msgs.length) return null;
  return (
    <p id={`${fieldId(path)}-msg`} className="field-error" data-testid="field-error">
      {msgs.join(' · ')}
    </p>
  );
}

/** A section of the editor with its heading (focusable, so problems can lead to it). */
export function Section({
  id,
  title,
  children,
}: {
  id: string;
  title: string;
  children: ReactNode;
}) {
  return (
    <section className="editor-section" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`} tabIndex={-1}>
        {title}
      </h3>
      {children}
    </section>
  );
}
