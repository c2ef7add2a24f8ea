/**
 * Importing a boot log: the dialog's state, and the import the page shows. Nothing reaches the
 * document store until the user chooses "Show this log" or "Use as scenario": a failed or
 * abandoned import leaves the scenario they had. The log's text lives only in memory (the
 * last input, to pick another boot of the same file), never in the URL or in storage.
 */
import { create } from 'zustand';
import { OBSERVED_MODEL, type Simulation } from '../../src-core';
import type { Imported, LogInput, ShownImport } from '../import/protocol';
import { laneIndexGradually } from '../derived/lane-index';
import { indexSimulationGradually } from '../derived/sim-index';
import { primeRun } from '../derived/simulation-cache';
import { phaseGroups } from '../timeline/rows';
import { loadScenario, modelFor, useDoc } from './doc-store';
import { nextTask } from './next-task';
import type { Source } from './scenario-source';
import { layoutFor, useView } from './view-store';

export type ImportPhase =
  | { kind: 'input' }
  | {
      kind: 'working';
      name: string;
      detail: string;
      fraction: number | null;
      /** Another boot of this import is being read (`boot`): this one stays on show meanwhile. */
      previous?: Imported;
      boot?: number;
    }
  | { kind: 'failed'; name: string; error: string }
  | { kind: 'ready'; imported: Imported };

export interface ImportState {
  open: boolean;
  phase: ImportPhase;
  /** The import on the page, and the source it was loaded under (the doc store's, by identity). */
  shown: { imported: ShownImport; source: Source } | null;
  /** Something is being dragged over the window (files or text to drop). */
  dragging: boolean;
}

export const useImports = create<ImportState>(() => ({
  open: false,
  phase: { kind: 'input' },
  shown: null,
  dragging: false,
}));

// Once the page moves to another scenario, the import it showed is let go (and its memory).
useDoc.subscribe((s) => {
  const shown = useImports.getState().shown;
  if (shown && s.source !== shown.source) useImports.setState({ shown: null });
});

let lastInput: { name: string; input: LogInput } | null = null;

/** The page's side of the import worker: fetched with the first import, not with the page. */
type Client = typeof import('../import/import-client');
let client: Client | null = null;

/** Counts imports started and stopped: one still waiting for the client is then dropped. */
let ticket = 0;

/** Stop the import under way, or the one waiting for the client. */
function cancel(): void {
  ticket++;
  client?.cancelImport();
}

export const openImport = (): void => useImports.setState({ open: true });

/** Close the dialog: an import under way stops, one not yet shown is dropped. */
export function closeImport(): void {
  cancel();
  lastInput = null;
  useImports.setState({ open: false, phase: { kind: 'input' } });
}

/** Read a log (and a boot of it) in the worker; the dialog shows progress, then the result. */
export async function startImport(
  name: string,
  input: LogInput,
  boot?: number,
  previous?: Imported,
): Promise<void> {
  lastInput = { name, input };
  const keep = previous && boot !== undefined ? { previous, boot } : {};
  useImports.setState({
    open: true,
    phase: { kind: 'working', name, detail: `Reading ${name}…`, fraction: null, ...keep },
  });
  const mine = ++ticket;
  try {
    client ??= await import('../import/import-client');
  } catch (e) {
    if (mine === ticket)
      useImports.setState({
        phase: {
          kind: 'failed',
          name,
          error: `the import could not start: ${(e as Error).message}`,
        },
      });
    return;
  }
  // Stopped, or another import started, while the client loaded.
  if (mine !== ticket) return;
  const outcome = await client.runImport(
    { name, input, ...(boot === undefined ? {} : { boot }) },
    (p) => useImports.setState({ phase: { kind: 'working', name, ...p, ...keep } }),
  );
  if (outcome.ok) useImports.setState({ phase: { kind: 'ready', imported: outcome.imported } });
  else if (!('cancelled' in outcome))
    useImports.setState({ phase: { kind: 'failed', name, error: outcome.error } });
}

/** Read another boot of the same input. */
export function pickBoot(boot: number): void {
  const { phase } = useImports.getState();
  const previous = phase.kind === 'ready' ? phase.imported : undefined;
  if (lastInput) void startImport(lastInput.name, lastInput.input, boot, previous);
}

/** Back to the text box (after a failure, or to paste another log). */
export function backToInput(): void {
  cancel();
  useImports.setState({ phase: { kind: 'input' } });
}

/**
 * Put the import on the page: its observed timeline (`observed`) or the model's run on its
 * scenario (`model`). Both are then a model choice away: the observed run is primed under
 * its own model id. The timeline is unpacked first, a slice at a time, with the dialog's
 * progress bar (and its Cancel) up meanwhile.
 */
export async function showImported(show: 'observed' | 'model'): Promise<void> {
  const { phase } = useImports.getState();
  if (phase.kind !== 'ready') return;
  const { imported } = phase;
  const { view } = imported;
  const mine = ++ticket;
  const preparing = (fraction: number): void =>
    useImports.setState({
      phase: {
        kind: 'working',
        name: view.name,
        detail: `Preparing the timeline (${imported.steps.toLocaleString('en')} steps)…`,
        fraction,
        previous: imported,
        boot: view.selected,
      },
    });
  preparing(0);
  let observed: Simulation | null;
  try {
    observed = await imported.timeline.unpack(preparing, () => mine !== ticket);
  } catch (e) {
    if (mine === ticket)
      useImports.setState({
        phase: {
          kind: 'failed',
          name: view.name,
          error: `its timeline could not be read back: ${(e as Error).message}`,
        },
      });
    return;
  }
  // Cancelled, or the dialog closed, meanwhile.
  if (!observed || mine !== ticket) return;
  // What the page's first draw of the run needs, each part in stages of their own tasks, the
  // page drawing between them: the run's index (which regions each step touches, the lanes'
  // rows), its regions placed on the layout the bar will use, its phase groups.
  preparing(1);
  const pause = async (): Promise<boolean> => {
    await nextTask();
    return mine === ticket;
  };
  const si = await indexSimulationGradually(observed, pause);
  if (!si || !(await pause())) return;
  const layout = layoutFor(si, useView.getState().collapse, new Set());
  if (!(await pause()) || !(await laneIndexGradually(si, layout, pause))) return;
  phaseGroups(observed.events);
  if (!(await pause())) return;
  const boot = view.boots.length > 1 ? ` (boot ${view.selected})` : '';
  const source: Source = { kind: 'file', name: `${view.name}${boot}` };
  const scenario = observed.scenario;
  primeRun(scenario, OBSERVED_MODEL, { ok: true, sim: observed });
  const model =
    show === 'model' && imported.scenario ? modelFor(imported.scenario) : OBSERVED_MODEL;
  loadScenario(source, scenario, model);
  lastInput = null;
  const { timeline: _packed, ...kept } = imported;
  useImports.setState({ shown: { imported: { ...kept, observed }, source } });
  // The dialog closes once the run is drawn behind it, in a task of its own: closing a modal
  // dialog restyles the whole page.
  if (await pause()) useImports.setState({ open: false, phase: { kind: 'input' } });
}

/** The import the page shows now, or null once the user has moved to another scenario. */
export const useShownImport = (): ShownImport | null =>
  useImports((s) => s.shown?.imported ?? null);
