import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_PRESET, preset } from '../../src-core';
import { useConfirm } from '../ui/confirm';
import { loadScenario, useDoc } from '../state/doc-store';
import { scenarioByName } from '../state/scenario-source';
import { toDraft } from './draft';
import { setRow } from './draft-edits';
import { useEditor } from './editor-store';
import {
  confirmReplace,
  draftOf,
  edit,
  initWork,
  isDirty,
  redoEdit,
  undoEdit,
  useWork,
} from './work';

const reset = () => {
  const r = scenarioByName(DEFAULT_PRESET);
  if (r.ok) loadScenario(r.source, r.scenario);
  initWork(null);
};
afterEach(reset);

const setCmdline = (cmdline: string) =>
  edit('edit the command line', 'cmdline', (d) => ({ ...d, cmdline }));

describe('the working scenario', () => {
  it('applies a valid edit and holds back an invalid one, keeping the last valid scenario', () => {
    reset();
    setCmdline('crashkernel=128M@256M');
    const valid = useDoc.getState().scenario;
    expect(valid.cmdline).toBe('crashkernel=128M@256M');
    expect(useDoc.getState().source).toEqual({ kind: 'custom', name: 'seed-2.6.23 (edited)' });
    const row = draftOf(useWork.getState()).e820[3]!;
    edit('edit e820 row 4 end', `e820:${row.id}:end`, (d) =>
      setRow(d, 'e820', row.id, { end: '3Q' }),
    );
    expect(useDoc.getState().scenario).toBe(valid);
    expect(useWork.getState().check.scenario).toBeNull();
    expect(useEditor.getState().blocked).toBe(true);
    edit('edit e820 row 4 end', `e820:${row.id}:end`, (d) =>
      setRow(d, 'e820', row.id, { end: '3G' }),
    );
    expect(useDoc.getState().scenario).not.toBe(valid);
    expect(useEditor.getState().blocked).toBe(false);
  });
  it('undoes and redoes edits, applying each valid state', () => {
    reset();
    setCmdline('crashkernel=64M@16M');
    setCmdline('crashkernel=64M@32M'); // the same field, at once: one undo step
    expect(undoEdit()).toBe(true);
    expect(useDoc.getState().scenario.cmdline).toBe(preset(DEFAULT_PRESET)!.cmdline);
    expect(undoEdit()).toBe(false);
    expect(redoEdit()).toBe(true);
    expect(useDoc.getState().scenario.cmdline).toBe('crashkernel=64M@32M');
  });
  it('takes a load from elsewhere as the new draft, with the edits one undo step back', () => {
    reset();
    setCmdline('crashkernel=64M@16M');
    expect(isDirty()).toBe(true);
    const r = scenarioByName('laptop-4g');
    if (r.ok) loadScenario(r.source, r.scenario);
    expect(draftOf(useWork.getState()).name).toBe('laptop-4g');
    expect(isDirty()).toBe(false);
    expect(undoEdit()).toBe(true);
    expect(useDoc.getState().scenario.cmdline).toBe('crashkernel=64M@16M');
  });
  it('asks before a load replaces unsaved edits, and not otherwise', async () => {
    reset();
    expect(await confirmReplace('x', 'Load')).toBe(true);
    setCmdline('crashkernel=64M@16M');
    const answer = confirmReplace('the preset “y”', 'Load the preset');
    const request = useConfirm.getState().request;
    expect(request?.title).toBe('Replace your edits?');
    request?.answer(false);
    expect(await answer).toBe(false);
  });
  it('restores a saved draft that belongs to the scenario shown, problems and all', () => {
    reset();
    const scenario = preset(DEFAULT_PRESET)!;
    const draft = { ...draftOf(useWork.getState()), cmdline: 'crashkernel=1Q' };
    initWork({ scenario, model: scenario.model, draft, base: draftOf(useWork.getState()) });
    expect(draftOf(useWork.getState()).cmdline).toBe('crashkernel=1Q');
    expect(useEditor.getState().open).toBe(true);
    expect(isDirty()).toBe(true);
    initWork({ scenario, model: scenario.model, draft: { garbage: true }, base: null });
    expect(draftOf(useWork.getState()).cmdline).toBe(scenario.cmdline);
  });
  it('shows a generated machine over the limits as loaded, not as held back', () => {
    reset();
    useEditor.setState({ open: false });
    // 1,024 nodes and 2,582 e820 entries: past the 1,024 entries a scenario file may hold.
    const r = scenarioByName('stress-10000');
    if (r.ok) loadScenario(r.source, r.scenario);
    initWork(null);
    expect(useWork.getState().check.scenario).toBeNull();
    expect(useEditor.getState()).toMatchObject({ open: false, blocked: false });
  });
  it('keeps saved edits of another scenario one undo step back when a link opens', () => {
    reset();
    const laptop = preset('laptop-4g')!;
    const base = toDraft(laptop);
    initWork({
      scenario: laptop,
      model: laptop.model,
      draft: { ...base, cmdline: 'quiet crashkernel=384M' },
      base,
    });
    expect(draftOf(useWork.getState()).name).toBe(DEFAULT_PRESET);
    expect(undoEdit()).toBe(true);
    expect(useDoc.getState().scenario.cmdline).toBe('quiet crashkernel=384M');
  });
});
