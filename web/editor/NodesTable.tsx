/**
 * NUMA node spans as SRAT gives them: add, edit, delete, move, or split RAM evenly. A 6.1
 * scenario imported from a log may carry SRAT blocks, which 6.1 reads instead: say so, and
 * offer to use the spans.
 */
import { useState } from 'react';
import { humanSize, memRange, parseSize, type Problem } from '../../src-core';
import { addNode, moveRow, removeRow, setRow, splitNodes } from './draft-edits';
import { resolveEnd, type Draft, type NodeRow } from './draft';
import { edit } from './work';
import { Problems, Section } from './fields';
import { CellInput, RowActions, RowDetail } from './RowCells';

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
  const change = (r: NodeRow, i: number, field: 'node' | 'start' | 'end', value: string) =>
    edit(`edit node row ${i + 1} ${field}`, `node:${r.id}:${field}`, (d) =>
      setRow(d, 'nodes', r.id, { [field]: value }),
    );
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
          <thead>
            <tr>
              <th scope="col">Node</th>
              <th scope="col">Start</th>
              <th scope="col">End</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          {rows.map((r, i) => {
            const rowPath = `machine.nodes[${i}]`;
            const cell = (field: 'node' | 'start' | 'end', label: string) => (
              <CellInput
                path={`${rowPath}.${field}`}
                rowPath={rowPath}
                label={`node row ${i + 1} ${label}`}
                value={r[field]}
                problems={problems}
                onChange={(v) => change(r, i, field, v)}
              />
            );
            return (
              <tbody key={r.id} data-testid="node-row">
                <tr>
                  <td className="node-no">{cell('node', 'node number')}</td>
                  <td>{cell('start', 'start')}</td>
                  <td>{cell('end', 'end')}</td>
                  <RowActions
                    what={`node row ${i + 1}`}
                    first={i === 0}
                    last={i === rows.length - 1}
                    onMove={(by) =>
                      edit(`move node row ${i + 1}`, null, (d) => moveRow(d, 'nodes', r.id, by))
                    }
                    onDelete={() =>
                      edit(`delete node row ${i + 1}`, null, (d) => removeRow(d, 'nodes', r.id))
                    }
                  />
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
