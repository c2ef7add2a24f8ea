/**
 * What the advisor works out, as plain data that crosses to and from its worker: the advice for
 * a size, and one row of the generations table (what a model does with the machine). Pure
 * functions of the engine, run in the worker, or in the page where there are no workers.
 */
import {
  advise,
  memRange,
  simulate,
  type AdviceResult,
  type Scenario,
  type Simulation,
} from '../../src-core';

export type AdvisorJob =
  | { kind: 'advise'; scenario: Scenario; model: string; size: number }
  | { kind: 'generation'; scenario: Scenario; model: string };

/** A row of the generations table: the cells, or why the model could not run. */
export type GenerationRow =
  | {
      ok: true;
      outcome: string;
      crash: string;
      bitmap: string;
      findings: string;
      hasFindings: boolean;
      panic: string | null;
    }
  | { ok: false; error: string };

export type AdvisorAnswer =
  { kind: 'advise'; result: AdviceResult } | { kind: 'generation'; row: GenerationRow };

const range = (start: number, end: number) => memRange(start, end, 10);

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

/** The generations table's row for a run. */
export function generationRow(sim: Simulation): GenerationRow {
  const bitmap = sim.bitmaps.find((b) => b.node === 0);
  return {
    ok: true,
    outcome: sim.crashkernel.outcome,
    crash: crashCell(sim),
    bitmap: bitmap ? range(bitmap.start, bitmap.end) : 'none',
    findings: findingsCell(sim),
    hasFindings: sim.findings.length > 0,
    panic: sim.panic,
  };
}

/** Do one job. A model bug becomes an answer saying so, never an exception. */
export function work(job: AdvisorJob): AdvisorAnswer {
  if (job.kind === 'advise') {
    try {
      return { kind: 'advise', result: advise(job.scenario, job.model, job.size) };
    } catch (e) {
      const error = `the advisor failed under ${job.model}: ${(e as Error).message}`;
      return { kind: 'advise', result: { ok: false, error } };
    }
  }
  try {
    const r = simulate(job.scenario, job.model);
    return { kind: 'generation', row: r.ok ? generationRow(r.sim) : r };
  } catch (e) {
    const error = `the ${job.model} model failed: ${(e as Error).message}`;
    return { kind: 'generation', row: { ok: false, error } };
  }
}
