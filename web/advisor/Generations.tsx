/**
 * Across generations: what every model does with this machine and its exact command line —
 * where the crashkernel goes (or why it does not), where node 0's bootmem bitmap lands, what
 * goes wrong, and whether the kernel panics. The current model is marked; choosing a row shows
 * that model. A row comes from the page's run of that model when it has one, else from the
 * advisor's worker, row by row (a big machine's run takes seconds the page must not spend);
 * rows are kept per scenario, so this costs one run per model per scenario edit.
 */
import { useEffect, useState } from 'react';
import { MODELS, type Scenario } from '../../src-core';
import { peekSimulation } from '../derived/simulation-cache';
import { selectModel, useDoc } from '../state/doc-store';
import { runAdvisorJob } from './advisor-client';
import { generationRow, type GenerationRow } from './advisor-work';

/** A reserved window's range stays on one line; a failure's message wraps, in red. */
const OUTCOME_CLASS: Record<string, string> = { reserved: 'nowrap', failed: 'error' };

const rowsByScenario = new WeakMap<Scenario, Map<string, GenerationRow>>();

function rowOf(scenario: Scenario, model: string): GenerationRow | undefined {
  const kept = rowsByScenario.get(scenario)?.get(model);
  if (kept) return kept;
  const run = peekSimulation(scenario, model);
  return run && (run.ok ? generationRow(run.sim) : run);
}

function keepRow(scenario: Scenario, model: string, row: GenerationRow): void {
  let rows = rowsByScenario.get(scenario);
  if (!rows) rowsByScenario.set(scenario, (rows = new Map()));
  rows.set(model, row);
}

export function Generations() {
  const scenario = useDoc((s) => s.scenario);
  const current = useDoc((s) => s.model);
  const [, ran] = useState(0);
  const rows = MODELS.map((m) => ({ model: m, result: rowOf(scenario, m.id) }));
  const missing = rows.find((r) => !r.result)?.model.id;
  useEffect(() => {
    if (!missing) return;
    let live = true;
    void runAdvisorJob({ kind: 'generation', scenario, model: missing }).then((a) => {
      if (a.kind === 'generation') keepRow(scenario, missing, a.row);
      if (live) ran((n) => n + 1);
    });
    return () => {
      live = false;
    };
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
          const row = result?.ok ? result : null;
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
              {row ? (
                <>
                  <td className={`mono ${OUTCOME_CLASS[row.outcome] ?? ''}`}>{row.crash}</td>
                  <td className="mono nowrap">{row.bitmap}</td>
                  <td className={row.hasFindings ? 'error' : undefined}>{row.findings}</td>
                  <td className={row.panic ? 'error' : 'muted'}>{row.panic ?? 'no'}</td>
                </>
              ) : result && !result.ok ? (
                <td colSpan={4} className="error">
                  {result.error}
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
