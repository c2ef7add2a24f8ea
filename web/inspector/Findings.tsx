/**
 * What has gone wrong up to this step, newest first, with the exact range and its size; the
 * ones this very step caused are marked. Click one to frame it on the bar.
 */
import { humanSize, memRange, type Simulation } from '../../src-core';
import { frameAddr } from '../state/navigate';

/** A finding's kind, as a heading. */
export const FINDING_TITLES: Record<string, string> = {
  'double-reservation': 'Double reservation',
  'freed-while-reserved': 'Freed while reserved',
  'kdump-corruption': 'Corrupted by kexec',
  'kdump-oom': 'Capture kernel out of memory',
};

export function Findings({ sim, step }: { sim: Simulation; step: number }) {
  const found = sim.findings.filter((f) => f.step <= step).reverse();
  if (found.length === 0) return null;
  return (
    <section className="findings" role="alert" aria-label="Conflicts so far" data-testid="findings">
      {found.map((f) => (
        <button
          type="button"
          key={`${f.kind}-${f.step}-${f.start}`}
          className={`finding${f.step === step ? ' new' : ''}`}
          onClick={() => frameAddr(f.start, f.end)}
          title="Frame it on the bar"
        >
          <strong>
            {FINDING_TITLES[f.kind] ?? f.kind}
            {f.step === step ? ' — at this step' : ` — step ${f.step}`}
          </strong>
          <code>{memRange(f.start, f.end)}</code> <span>{humanSize(f.end - f.start)}</span>
          <span className="detail">{f.detail}</span>
        </button>
      ))}
    </section>
  );
}
