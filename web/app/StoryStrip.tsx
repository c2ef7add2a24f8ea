/**
 * Every finding of the run, in boot order, under "What happens": one click (or N) moves to its
 * step with its range framed. The one at the current step is marked; later ones are dimmed
 * until the boot gets there, so the story reads in order without hiding what comes first.
 */
import { memRange } from '../../src-core';
import { FINDING_TITLES } from '../inspector/Findings';
import { simOf, useDoc } from '../state/doc-store';
import { showFinding } from '../state/story';

export function StoryStrip() {
  const sim = useDoc((s) => simOf(s));
  const step = useDoc((s) => s.step);
  if (!sim || sim.findings.length === 0) return null;
  return (
    <ol className="story" aria-label="Findings of this boot (N: next)" data-testid="story">
      {sim.findings.map((f, i) => (
        <li key={`${f.kind}-${f.step}-${f.start}`}>
          <button
            type="button"
            className={f.step === step ? 'current' : f.step > step ? 'ahead' : undefined}
            aria-current={f.step === step ? 'step' : undefined}
            title={`${f.detail} — go to step ${f.step} and frame it (N: next finding)`}
            onClick={() => showFinding(i)}
          >
            <span className="story-step">step {f.step}</span> {FINDING_TITLES[f.kind] ?? f.kind}{' '}
            <code>{memRange(f.start, f.end, 0)}</code>
          </button>
        </li>
      ))}
    </ol>
  );
}
