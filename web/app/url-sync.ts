/**
 * Keep the link in the address bar up to date (replaceState, so Back is not flooded), and
 * restore scenario, model, step and range from it at start. Bad fields become notes.
 */
import { DEFAULT_PRESET, MODELS } from '../../src-core';
import { loadScenario, modelFor, setStep, useDoc } from '../state/doc-store';
import { applyLocus, visibleLocus } from '../state/navigate';
import { scenarioByName } from '../state/scenario-source';
import { formatHash, parseHash } from '../state/url-hash';
import { useView } from '../state/view-store';

/** Apply the link's scenario, model and step; returns notes about what could not be used. */
export function restoreFromHash(hash: string): { notes: string[]; locus?: string } {
  const { link, problems } = parseHash(hash);
  const notes = [...problems];
  if (link.scenario && link.scenario !== DEFAULT_PRESET) {
    const r = scenarioByName(link.scenario);
    if (r.ok) loadScenario(r.source, r.scenario);
    else notes.push(r.error);
  }
  if (link.model) {
    if (MODELS.some((m) => m.id === link.model)) {
      const { source, scenario } = useDoc.getState();
      loadScenario(source, scenario, link.model);
    } else
      notes.push(
        `model "${link.model}" is not one this app has; showing ${useDoc.getState().model}`,
      );
  }
  if (link.step !== undefined) {
    setStep(link.step);
    const now = useDoc.getState().step;
    if (now !== link.step)
      notes.push(`step ${link.step} is past the last step; showing step ${now}`);
  }
  return { notes, ...(link.locus ? { locus: link.locus } : {}) };
}

/** Apply a link's range once the bar has a width. */
export function restoreLocus(locus: string): string | null {
  const problem = applyLocus(locus);
  return problem ? `range "${locus}" in the link: ${problem}` : null;
}

/** Write the link as the state changes (coalesced: panning changes the range every frame). */
export function syncHash(): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const write = () => {
    const d = useDoc.getState();
    // A file's content, or an edit, does not belong in a name-only link: drop the link rather
    // than keep a wrong one.
    if (d.source.kind === 'file' || d.source.kind === 'edited') {
      if (location.hash) history.replaceState(null, '', location.pathname + location.search);
      return;
    }
    const hash = formatHash(
      {
        scenario: d.source.name,
        model: d.model,
        step: d.step,
        ...(useView.getState().homed ? {} : { locus: visibleLocus() }),
      },
      { scenario: DEFAULT_PRESET, model: modelFor(d.scenario), step: 0 },
    );
    if (hash !== location.hash)
      history.replaceState(null, '', hash || location.pathname + location.search);
  };
  const soon = () => {
    clearTimeout(timer);
    timer = setTimeout(write, 250);
  };
  const offDoc = useDoc.subscribe(soon);
  const offView = useView.subscribe((s, p) => {
    if (s.view !== p.view || s.layout !== p.layout) soon();
  });
  return () => {
    clearTimeout(timer);
    offDoc();
    offView();
  };
}
