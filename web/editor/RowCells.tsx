/**
 * Pieces of the e820 and node tables: an input in a cell (its problems are shown on the row's
 * detail line, which describes it), row actions, and the detail line itself.
 */
import type { ReactNode } from 'react';
import type { Problem } from '../../src-core';
import { ToolButton } from '../ui/ToolButton';
import { problemsUnder } from './check-draft';
import { moveRow, removeRow, setRow } from './draft-edits';
import { fieldId } from './fields';
import { edit } from './work';

type Table = 'e820' | 'nodes';
const rowName = (table: Table, index: number) =>
  `${table === 'e820' ? 'e820' : 'node'} row ${index + 1}`;

/** The column headers; the last column holds the row actions. */
export function TableHead({ columns }: { columns: string[] }) {
  return (
    <thead>
      <tr>
        {columns.map((c) => (
          <th key={c} scope="col">
            {c}
          </th>
        ))}
        <th scope="col">
          <span className="sr-only">Actions</span>
        </th>
      </tr>
    </thead>
  );
}

/** One field of a row, typed into: one undo step per field. */
export function CellInput<F extends string>(p: {
  table: Table;
  index: number;
  row: { id: number } & Record<F, string>;
  field: F;
  /** The field's name in the label when it differs from its key. */
  label?: string;
  problems: readonly Problem[];
  placeholder?: string;
}) {
  const rowPath = `machine.${p.table}[${p.index}]`;
  const path = `${rowPath}.${p.field}`;
  const name = `${rowName(p.table, p.index)} ${p.label ?? p.field}`;
  const id = p.row.id;
  return (
    <input
      id={fieldId(path)}
      className="mono"
      aria-label={name}
      value={p.row[p.field]}
      placeholder={p.placeholder}
      spellCheck={false}
      autoComplete="off"
      aria-invalid={p.problems.some((x) => x.path === path)}
      aria-describedby={`${fieldId(rowPath)}-detail`}
      onChange={(e) => {
        const v = e.target.value;
        edit(`edit ${rowName(p.table, p.index)} ${p.field}`, `${p.table}:${id}:${p.field}`, (d) =>
          setRow(d, p.table, id, { [p.field]: v }),
        );
      }}
    />
  );
}

/** Move up, move down and delete: row `index` (0-based) of a table of `count` rows. */
export function RowActions(p: {
  table: 'e820' | 'nodes';
  id: number;
  index: number;
  count: number;
}) {
  const what = `${p.table === 'e820' ? 'e820' : 'node'} row ${p.index + 1}`;
  const move = (by: -1 | 1) => edit(`move ${what}`, null, (d) => moveRow(d, p.table, p.id, by));
  return (
    <td className="row-actions">
      <ToolButton label={`Move ${what} up`} disabled={p.index === 0} onClick={() => move(-1)}>
        ↑
      </ToolButton>
      <ToolButton
        label={`Move ${what} down`}
        disabled={p.index === p.count - 1}
        onClick={() => move(1)}
      >
        ↓
      </ToolButton>
      <ToolButton
        label={`Delete ${what}`}
        onClick={() => edit(`delete ${what}`, null, (d) => removeRow(d, p.table, p.id))}
      >
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
