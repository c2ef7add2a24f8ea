/**
 * Across generations: what every model does with this machine and its exact command line —
 * where the crashkernel goes (or why it does not), where node 0's bootmem bitmap lands, what
 * goes wrong, and whether the kernel panics. The current model is marked; choosing a row shows
 * that model. Runs are memoised per scenario (simulateCached), so this costs one run per model
 * per scenario edit; a missing run is made in a task of its own, row by row, so a big machine
 * fills the table without freezing the page.
 */
import { useEffect, useState } from 'react';
import { memRange, MODELS, type Simulation } from '../../src-core';
import { peekSimulation, simulateCached } from '../model/simulation-cache';
import { selectModel, useDoc } from '../state/doc-store';

const range = (start: number, end: number) => memRange(start, end, 10);

/** A reserved window's range stays on one line; a failure's message wraps, in red. */
const OUTCOME_CLASS: Record<string, string> = { reserved: 'nowrap', failed: 'error' };

function crashCell(sim: Simulation): string {
  const c = sim.crashkernel;
  if (c.outcome === 'reserved' && c.start !== undefined && c.end !== undefined)
    return `reserved ${range(c.start, c.end)}`;
  return c.outcome === 'failed' ? `failed: ${c.message}` : c.outcome;
}

function findingsCell(sim: Simulation): string {
  if (sim.findings.length === 0) return 'none';
  const kinds = new Map<string, number>();
  for (const f of sim.findings) kinds.set(f.kind, (kinds.get(f.kind) ?? 0) + 1);
  return `${sim.findings.length}: ${[...kinds].map(([k, n]) => (n > 1 ? `${k} ×${n}` : k)).join(', ')}`;
}

export function Generations() {
  const scenario = useDoc((s) => s.scenario);
  const current = useDoc((s) => s.model);
  const [, ran] = useState(0);
  const rows = MODELS.map((m) => ({ model: m, result: peekSimulation(scenario, m.id) }));
  const missing = rows.find((r) => !r.result)?.model.id;
  useEffect(() => {
    if (!missing) return;
    const t = setTimeout(() => {
      simulateCached(scenario, missing);
      ran((n) => n + 1);
    }, 0);
    return () => clearTimeout(t);
  }, [scenario, missing]);
  return (
    <table className="generations" data-testid="generations">
      <caption className="sr-only">What each model does with this command line</caption>
      <thead>
        <tr>
          <th scope="col">Model</th>
          <th scope="col">crashkernel</th>
          <th scope="col">Node 0 bitmap</th>
          <th scope="col">Findings</th>
          <th scope="col">Panic</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(({ model, result }) => {
          const sim = result?.ok ? result.sim : null;
          const bitmap = sim?.bitmaps.find((b) => b.node === 0);
          const isCurrent = model.id === current;
          return (
            <tr
              key={model.id}
              className={isCurrent ? 'current' : undefined}
              aria-current={isCurrent ? 'true' : undefined}
              data-model={model.id}
              onClick={() => selectModel(model.id)}
            >
              <th scope="row">
                <button
                  type="button"
                  className="link-button mono nowrap"
                  title={`${model.title}: show this model`}
                  aria-label={`${model.id}${isCurrent ? ' (shown)' : ''}: show this model`}
                >
                  {model.id}
                </button>
              </th>
              {sim ? (
                <>
                  <td className={`mono ${OUTCOME_CLASS[sim.crashkernel.outcome] ?? ''}`}>
                    {crashCell(sim)}
                  </td>
                  <td className="mono nowrap">
                    {bitmap ? range(bitmap.start, bitmap.end) : 'none'}
                  </td>
                  <td className={sim.findings.length ? 'error' : undefined}>{findingsCell(sim)}</td>
                  <td className={sim.panic ? 'error' : 'muted'}>{sim.panic ?? 'no'}</td>
                </>
              ) : result ? (
                <td colSpan={4} className="error">
                  {result.ok ? '' : result.error}
                </td>
              ) : (
                <td colSpan={4} className="muted">
                  running…
                </td>
              )}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
