/**
 * The editor's working state: the draft with its undo history, the draft as last loaded
 * (edits since then are "unsaved"), and the check of the draft. Every change of the draft is
 * checked; only a valid draft is applied to the document, so an invalid edit never replaces
 * what the bar shows. Loads from elsewhere (a preset, a file, a link, Back) become the new
 * draft and are themselves undoable, so nothing typed is lost. Saved locally as it changes.
 */
import { create } from 'zustand';
import { preset, type Scenario } from '../../src-core';
import { askConfirm } from '../ui/confirm';
import { addLinkNote, showLinkNotes, useLinkNotes } from '../app/link-notes';
import { applyEdit, loadScenario, useDoc } from '../state/doc-store';
import { sameScenario, scenarioByName } from '../state/scenario-source';
import { checkDraft, type DraftCheck } from './check-draft';
import { draftSchema, renumber, sameDraft, toDraft, type Draft } from './draft';
import { useEditor } from './editor-store';
import { record, redo, startHistory, undo, type History } from './history';
import { browserStorage, saveWork, type Work } from './work-storage';

export interface WorkState {
  history: History<Draft>;
  /** The draft as last loaded or linked. */
  base: Draft;
  check: DraftCheck;
  /** Why the working scenario could not be saved in this browser, or null. */
  storageProblem: string | null;
}

function begin(draft: Draft, base = draft, past: Draft[] = []): Omit<WorkState, 'storageProblem'> {
  const history = startHistory(draft, 'open');
  return {
    history: { ...history, past: past.map((value) => ({ value, label: 'open' })) },
    base,
    check: checkDraft(draft),
  };
}

export const draftOf = (s: WorkState): Draft => s.history.present.value;

export const useWork = create<WorkState>(() => ({
  storageProblem: null,
  ...begin(toDraft(useDoc.getState().scenario)),
}));

/**
 * The draft is held back: it has problems and is not simply what was loaded (a generated
 * machine over the editor's limits is shown as loaded, not held back).
 */
const heldBack = (s: WorkState): boolean => s.check.scenario === null && draftOf(s) !== s.base;

// The page's own small store says whether the draft is held back (the Edit button's dot).
useWork.subscribe((s) => {
  const blocked = heldBack(s);
  if (useEditor.getState().blocked !== blocked) useEditor.setState({ blocked });
});

/** The draft has edits a load would replace. */
export const isDirty = (s: WorkState = useWork.getState()): boolean =>
  !sameDraft(draftOf(s), s.base);

/** The scenario the editor applied last: any other change of the document's is a load. */
let applied: Scenario = useDoc.getState().scenario;

function commit(history: History<Draft>): void {
  const check = checkDraft(history.present.value);
  useWork.setState({ history, check });
  const doc = useDoc.getState();
  if (check.scenario && !sameScenario(check.scenario, doc.scenario)) {
    applied = check.scenario;
    applyEdit(check.scenario);
  }
  saveSoon();
}

/** Change the draft. `key` names the field typed into, so a word typed is one undo step. */
export function edit(label: string, key: string | null, change: (d: Draft) => Draft): void {
  const s = useWork.getState();
  commit(record(s.history, change(draftOf(s)), label, key));
}

/** Undo the last edit; false when there is none. */
export function undoEdit(): boolean {
  const h = undo(useWork.getState().history);
  if (h) commit(h);
  return h !== null;
}

export function redoEdit(): boolean {
  const h = redo(useWork.getState().history);
  if (h) commit(h);
  return h !== null;
}

export function markShared(): void {
  const s = useWork.getState();
  if (s.check.scenario) useWork.setState({ base: draftOf(s) });
}

/** A draft read from storage, or null when it does not have a draft's shape. */
function restored(raw: unknown): Draft | null {
  const r = draftSchema.safeParse(raw);
  return r.success ? renumber(r.data) : null;
}

/**
 * Start from what the page opened on, with the draft saved in this browser when it belongs to
 * that scenario; otherwise a saved draft with edits stays one undo step back.
 */
export function initWork(saved: Work<unknown> | null): void {
  const doc = useDoc.getState().scenario;
  applied = doc;
  const draft = saved && restored(saved.draft);
  const base = saved && restored(saved.base);
  if (saved && !draft) {
    const note =
      'the edits saved in this browser could not be read; their last valid scenario is shown';
    if (useLinkNotes.getState().notes.length) addLinkNote(note);
    else showLinkNotes('Your saved work', [note], false);
  }
  const own = saved !== null && draft !== null && sameScenario(saved.scenario, doc);
  const edited = draft !== null && base !== null && !sameDraft(draft, base);
  const next = own
    ? begin(draft, base ?? draft)
    : begin(toDraft(doc), undefined, edited ? [draft] : []);
  useWork.setState(next);
  // Edits saved with problems: show them, with what is wrong.
  if (heldBack(useWork.getState())) useEditor.setState({ open: true });
}

// A load from elsewhere becomes the draft; the draft it replaces stays one undo step back.
useDoc.subscribe((s, prev) => {
  if (s.scenario === prev.scenario || s.scenario === applied) return;
  applied = s.scenario;
  const draft = toDraft(s.scenario);
  const w = useWork.getState();
  useWork.setState({
    history: record(w.history, draft, `load ${s.source.name}`),
    base: draft,
    check: checkDraft(draft),
  });
  saveSoon();
});

/** Ask before loading `what` ("the preset “…”") over unsaved edits; `action` is the button. */
export async function confirmReplace(what: string, action: string): Promise<boolean> {
  if (!isDirty()) return true;
  return askConfirm({
    title: 'Replace your edits?',
    body: `The working scenario has edits that are in no preset, file or copied link. Loading ${what} replaces it; Undo (Ctrl+Z) brings your edits back.`,
    confirm: action,
    cancel: 'Keep editing',
  });
}

export async function requestPreset(name: string): Promise<void> {
  const r = scenarioByName(name);
  if (!r.ok) return;
  if (await confirmReplace(`the preset “${preset(name)?.title ?? name}”`, 'Load the preset'))
    loadScenario(r.source, r.scenario);
}

let saveTimer: ReturnType<typeof setTimeout> | undefined;

function saveNow(): void {
  clearTimeout(saveTimer);
  saveTimer = undefined;
  const doc = useDoc.getState();
  // The benchmark machine is generated by name and too large for storage.
  if (doc.source.kind === 'stress') return;
  const w = useWork.getState();
  const problem = saveWork(browserStorage(), {
    scenario: doc.scenario,
    model: doc.model,
    draft: draftOf(w),
    base: w.base,
  });
  if (problem !== w.storageProblem) useWork.setState({ storageProblem: problem });
}

function saveSoon(): void {
  clearTimeout(saveTimer);
  saveTimer = setTimeout(saveNow, 300);
}

// A model picked in the header is part of the working scenario too.
useDoc.subscribe((s, prev) => {
  if (s.model !== prev.model) saveSoon();
});
// Before the page goes away (no window when the logic runs under unit tests).
globalThis.addEventListener?.('pagehide', () => {
  if (saveTimer !== undefined) saveNow();
});
