import { describe, expect, it } from 'vitest';
import { preset, PRESET_NAMES } from '../../src-core';
import { checkDraft, problemsAt, problemsUnder } from './check-draft';
import { toDraft } from './draft';

const seed = () => toDraft(preset('seed-2.6.23')!);

describe('checking a draft', () => {
  it.each(PRESET_NAMES)('finds nothing wrong with the preset %s', (name) => {
    expect(checkDraft(toDraft(preset(name)!)).problems).toEqual([]);
  });
  it('gives the scenario of a valid draft', () => {
    const r = checkDraft(seed());
    expect(r.problems).toEqual([]);
    expect(r.scenario?.name).toBe('seed-2.6.23');
  });
  it('holds back a draft with a bad field and says where', () => {
    const d = seed();
    d.e820[3] = { ...d.e820[3]!, end: '3Q' };
    const r = checkDraft(d);
    expect(r.scenario).toBeNull();
    expect(problemsAt(r.problems, 'machine.e820[3].end')[0]).toContain('unknown suffix "Q"');
    expect(problemsUnder(r.problems, 'machine.e820')).toHaveLength(1);
    expect(problemsUnder(r.problems, 'machine.nodes')).toHaveLength(0);
  });
  it('holds back a command line the kernel refuses, with the character', () => {
    const d = { ...seed(), cmdline: 'ro crashkernel=128M@16Q' };
    const r = checkDraft(d);
    expect(r.scenario).toBeNull();
    expect(problemsAt(r.problems, 'cmdline')[0]).toMatch(/crashkernel=128M@16Q: .*character 23/);
  });
  it('reports the rules across fields once every field reads', () => {
    const d = seed();
    d.e820 = d.e820.slice(0, 1);
    d.nodes = [];
    const r = checkDraft(d);
    expect(problemsAt(r.problems, 'machine.e820')[0]).toBe(
      'the kernel needs at least two e820 entries ("Cannot find a valid memory map"): add rows, or build the map with the quick builder',
    );
  });
});
