/**
 * Words for what the bar highlights, for screen readers (a polite live region): the regions of
 * the hovered timeline event, else the selected region.
 */
import { memRange, type Region } from '../../src-core';
import { indexSimulation } from '../derived/sim-index';
import { simOf, useDoc } from '../state/doc-store';
import { useView } from '../state/view-store';

const describe = (r: Region): string => `${r.label} ${memRange(r.start, r.end)}`;

export function BarStatus() {
  const sim = useDoc((s) => simOf(s));
  const hoverStep = useView((s) => s.hoverStep);
  const selection = useView((s) => s.selection);
  let text = '';
  if (sim) {
    const si = indexSimulation(sim);
    const regions = (ids: readonly number[]) =>
      ids.map((id) => si.regionById.get(id)).filter((r): r is Region => r !== undefined);
    if (hoverStep !== null) {
      const linked = regions(si.regionsByStep.get(hoverStep) ?? []);
      text = linked.length
        ? `Step ${hoverStep} highlights: ${linked.map(describe).join('; ')}`
        : `Step ${hoverStep} has no region of its own`;
    } else if (selection !== null)
      text = `Selected: ${regions([selection]).map(describe).join('')}`;
  }
  return (
    <p className="sr-only" aria-live="polite" data-testid="bar-status">
      {text}
    </p>
  );
}
