/**
 * The allocator table of a run at a step, worked out by the tables' worker and kept by the
 * engine (rememberAllocatorTable), so that the text is then made without a run on the page.
 */
import { useEffect, useState } from 'react';
import { allocatorTableKnown, rememberAllocatorTable, type Simulation } from '../../src-core';
import { jobWorker } from '../ui/job-worker';
import { latestOnly } from '../ui/latest-only';
import { allocatorWork, type AllocatorJob, type AllocatorAnswer } from './allocator-work';

const runJob: (job: AllocatorJob) => Promise<AllocatorAnswer> = jobWorker(
  'allocator tables',
  () => new Worker(new URL('./allocator.worker.ts', import.meta.url), { type: 'module' }),
  allocatorWork,
);

export type TableState =
  { kind: 'known' } | { kind: 'working' } | { kind: 'failed'; error: string };

/**
 * Where the table of `sim` after `step` stands; `wanted` false asks nothing. Each caller has
 * its own queue, in which only its newest question waits (latestOnly).
 */
export function useAllocatorTable(
  sim: Simulation | null,
  step: number,
  wanted: boolean,
): TableState {
  const [ask] = useState(() => latestOnly(runJob));
  const [failed, setFailed] = useState<{ sim: Simulation; step: number; error: string } | null>(
    null,
  );
  const [, answered] = useState(0);
  const known = !wanted || !sim || allocatorTableKnown(sim, step);
  const error = failed && failed.sim === sim && failed.step === step ? failed.error : null;
  useEffect(() => {
    if (known || error !== null || !sim) return;
    let current = true;
    void ask({ scenario: sim.scenario, model: sim.model, step }).then((a) => {
      if (!a) return;
      // Kept even when the page has moved on: the step may be asked again.
      if ('table' in a) rememberAllocatorTable(sim, step, a.table);
      if (!current) return;
      if ('error' in a) setFailed({ sim, step, error: a.error });
      else answered((n) => n + 1);
    });
    return () => {
      current = false;
    };
  }, [ask, known, error, sim, step]);
  if (error !== null) return { kind: 'failed', error };
  return known ? { kind: 'known' } : { kind: 'working' };
}
