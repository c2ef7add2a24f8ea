/**
 * Pieces of the e820 and node tables: an input in a cell (its problems are shown on the row's
 * detail line, which describes it), row actions, and the detail line itself.
 */
import type { ReactNode } from 'react';
import type { Problem } from '../../src-core';
import { ToolButton } from '../app/ToolButton';
import { problemsUnder } from './check-draft';
import { fieldId } from './fields';

export function CellInput(p: {
  path: string;
  label: string;
  value: string;
  problems: readonly Problem[];
  rowPath: string;
  onChange: (v: string) => void;
  placeholder?: string;
}) {
  const bad = p.problems.some((x) => x.path === p.path);
  return (
    <input
      id={fieldId(p.path)}
      className="mono"
      aria-label={p.label}
      value={p.value}
      placeholder={p.placeholder}
      spellCheck={false}
      autoComplete="off"
      aria-invalid={bad}
      aria-describedby={`${fieldId(p.rowPath)}-detail`}
      onChange={(e) => p.onChange(e.target.value)}
    />
  );
}

export function RowActions(p: {
  what: string;
  first: boolean;
  last: boolean;
  onMove: (by: -1 | 1) => void;
  onDelete: () => void;
}) {
  return (
    <td className="row-actions">
      <ToolButton label={`Move ${p.what} up`} disabled={p.first} onClick={() => p.onMove(-1)}>
        ↑
      </ToolButton>
      <ToolButton label={`Move ${p.what} down`} disabled={p.last} onClick={() => p.onMove(1)}>
        ↓
      </ToolButton>
      <ToolButton label={`Delete ${p.what}`} onClick={p.onDelete}>
        ✕
      </ToolButton>
    </td>
  );
}

/** The line under a row: what it means in the kernel's words, then its problems and notes. */
export function RowDetail(p: {
  rowPath: string;
  columns: number;
  problems: readonly Problem[];
  meaning: string;
  note?: ReactNode;
}) {
  const msgs = problemsUnder(p.problems, p.rowPath).map((x) => x.message);
  return (
    <tr className="row-detail">
      <td />
      <td colSpan={p.columns - 1} id={`${fieldId(p.rowPath)}-detail`}>
        {p.meaning && <span className="mono small muted">{p.meaning}</span>}
        {p.note && <span className="row-note small"> {p.note}</span>}
        {msgs.length > 0 && (
          <span className="field-error" data-testid="field-error">
            {msgs.join(' · ')}
          </span>
        )}
      </td>
    </tr>
  );
}
