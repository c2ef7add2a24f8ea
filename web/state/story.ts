/**
 * The story of a run: its findings in order, and moving to one (its step, its range framed with
 * room around it). The page opens on the first finding when no link says otherwise, so a
 * newcomer sees the incident at once; the steps before it stay one key (Home) away.
 */
import type { Finding } from '../../src-core';
import { setStep, simOf, useDoc } from './doc-store';
import { frameAddr } from './navigate';
import { useView } from './view-store';

/** A finding fills the middle half of the bar: what it collides with shows around it. */
const FINDING_PAD = 0.25;

/** Findings of the run shown now (empty when the engine refused the run). */
export const currentFindings = (): readonly Finding[] => simOf(useDoc.getState())?.findings ?? [];

/** The finding last moved to, and the run it belongs to. */
let shown: { findings: readonly Finding[]; index: number } | null = null;

/** Run `apply` once the bar has a width (frames need it; the first render measures it). */
export function whenMeasured(apply: () => void): void {
  if (useView.getState().width > 0) return apply();
  const off = useView.subscribe((s) => {
    if (s.width <= 0) return;
    off();
    apply();
  });
}

/** Move to finding `index`: its step, and its range framed. */
export function showFinding(index: number): void {
  const findings = currentFindings();
  const f = findings[index];
  if (!f) return;
  shown = { findings, index };
  setStep(f.step);
  whenMeasured(() => frameAddr(f.start, f.end, FINDING_PAD));
}

/**
 * The finding after the one shown (or after the current step), wrapping to the first: `n`.
 * Example: at step 0 of the seed it is the double reservation at step 31.
 */
export function nextFinding(): void {
  const findings = currentFindings();
  if (findings.length === 0) return;
  const step = useDoc.getState().step;
  // Several findings at one step are visited in turn once one of them was shown.
  const last =
    shown?.findings === findings && findings[shown.index]?.step === step ? shown.index : null;
  const i = findings.findIndex(
    (f, k) => f.step > step || (last !== null && f.step === step && k > last),
  );
  showFinding(i < 0 ? 0 : i);
}

/** The page opened without a link: go to the run's first finding, if it has one. */
export function openOnStory(): void {
  if (currentFindings().length > 0) showFinding(0);
}
