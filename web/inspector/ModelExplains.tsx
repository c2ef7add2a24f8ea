/**
 * On an observed (imported) crashkernel step: a link to the matching model's crashkernel step,
 * where the rule that put the window there is explained. The log says where; the model says why.
 */
import { OBSERVED_MODEL, type BootEvent, type Simulation } from '../../src-core';
import { simulateCached } from '../derived/simulation-cache';
import { modelFor, selectModel, setStep, useDoc } from '../state/doc-store';

/** The model run's last crashkernel step that names a window (or says why there is none). */
function explainingStep(sim: Simulation): BootEvent | undefined {
  const steps = sim.events.filter((e) => e.phase === 'crashkernel' && e.owner === 'crashkernel');
  return steps.filter((e) => e.end > e.start).pop() ?? steps.pop();
}

export function ModelExplains({ event }: { event: BootEvent }) {
  const scenario = useDoc((s) => s.scenario);
  const model = useDoc((s) => s.model);
  if (model !== OBSERVED_MODEL || event.phase !== 'crashkernel') return null;
  const id = modelFor(scenario);
  const run = simulateCached(scenario, id);
  const target = run.ok ? explainingStep(run.sim) : undefined;
  if (!target) return null;
  return (
    <p className="model-explains">
      <button
        type="button"
        onClick={() => {
          selectModel(id);
          setStep(target.step);
        }}
        data-testid="model-explains"
      >
        How the kernel chooses: {id}, step {target.step} — {target.label}
      </button>
    </p>
  );
}
