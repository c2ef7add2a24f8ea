/**
 * NUMA node spans as SRAT gives them: add, edit, delete, move, or split RAM evenly. A 6.1
 * scenario imported from a log may carry SRAT blocks, which 6.1 reads instead: say so, and
 * offer to use the spans.
 */
import { useState } from 'react';
import { humanSize, memRange, parseSize, type Problem } from '../../src-core';
import { addNode, splitNodes } from './draft-edits';
import { resolveEnd, type Draft, type NodeRow } from './draft';
import { edit } from './work';
import { Problems, Section } from './fields';
import { CellInput, RowActions, RowDetail, TableHead } from './RowCells';

function meaning(n: NodeRow): string {
  const s = parseSize(n.start);
  const e = parseSize(resolveEnd(n.start, n.end, '', []));
  return s.ok && e.ok && e.value > s.value
    ? `node ${n.node} ${memRange(s.value, e.value)} · ${humanSize(e.value - s.value)}`
    : '';
}

export function NodesTable({ draft, problems }: { draft: Draft; problems: readonly Problem[] }) {
  const rows = draft.nodes;
  const [count, setCount] = useState(String(Math.max(2, rows.length)));
  const [splitError, setSplitError] = useState<string | null>(null);
  const split = () => {
    const n = /^\d{1,3}$/.test(count.trim()) ? Number(count) : NaN;
    const next = splitNodes(draft, n);
    if (typeof next === 'string') return setSplitError(next);
    setSplitError(null);
    edit(`split RAM into ${n} nodes`, null, () => next);
  };
  return (
    <Section id="nodes" title="NUMA nodes">
      {rows.length === 0 && (
        <p className="hint muted small">No nodes: the kernel makes one node of all RAM.</p>
      )}
      {rows.length > 0 && (
        <table className="rows node-rows" data-testid="node-table">
          <TableHead columns={['Node', 'Start', 'End']} />
          {rows.map((r, i) => {
            const rowPath = `machine.nodes[${i}]`;
            const cell = (field: 'node' | 'start' | 'end', label?: string) => (
              <CellInput
                table="nodes"
                index={i}
                row={r}
                field={field}
                label={label}
                problems={problems}
              />
            );
            return (
              <tbody key={r.id} data-testid="node-row">
                <tr>
                  <td className="node-no">{cell('node', 'node number')}</td>
                  <td>{cell('start')}</td>
                  <td>{cell('end')}</td>
                  <RowActions table="nodes" id={r.id} index={i} count={rows.length} />
                </tr>
                <RowDetail rowPath={rowPath} columns={4} problems={problems} meaning={meaning(r)} />
              </tbody>
            );
          })}
        </table>
      )}
      <Problems problems={problems} path="machine.nodes" />
      <div className="table-actions">
        <button type="button" onClick={() => edit('add a node', null, addNode)}>
          Add node
        </button>
        <span className="split">
          <button type="button" onClick={split} data-testid="split-nodes">
            Split RAM evenly into
          </button>
          <input
            className="mono count"
            aria-label="Number of nodes to split RAM into"
            value={count}
            inputMode="numeric"
            aria-invalid={splitError !== null}
            aria-describedby={splitError ? 'split-error' : undefined}
            onChange={(e) => setCount(e.target.value)}
          />
          <span aria-hidden="true">nodes</span>
        </span>
      </div>
      {splitError && (
        <p id="split-error" className="field-error">
          {splitError}
        </p>
      )}
      {draft.kept.srat && (
        <p className="srat-note small">
          This scenario also holds {draft.kept.srat.length} SRAT blocks from a boot log; 6.1 reads
          those instead of the spans above.{' '}
          <button
            type="button"
            onClick={() =>
              edit('use the node spans instead of the SRAT', null, (d) => ({
                ...d,
                kept: { ...d.kept, srat: null },
              }))
            }
          >
            Use the spans instead
          </button>
        </p>
      )}
    </Section>
  );
}
