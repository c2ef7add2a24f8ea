import { describe, expect, it } from 'vitest';
import { parseScenario, preset, PRESET_NAMES, scenarioToJson } from '../../src-core';
import { draftSchema, draftToJson, renumber, sameDraft, toDraft } from './draft';

describe('drafts', () => {
  it.each(PRESET_NAMES)('%s survives draft and back unchanged', (name) => {
    const s = preset(name)!;
    const { json, problems } = draftToJson(toDraft(s));
    expect(problems).toEqual([]);
    const r = parseScenario(json);
    expect(r.ok && scenarioToJson(r.scenario)).toEqual(scenarioToJson(s));
  });
  it('keeps what an import gives that nobody types: the version, e820 edits and brk', () => {
    const s = preset('seed-2.6.23')!;
    const imported = {
      ...s,
      machine: { ...s.machine, e820Edits: [{ start: 0, end: 0x10000, to: 2 }] },
      kernel: {
        ...s.kernel,
        version: '2.6.32-21-generic',
        brk: { start: 0x1000000, end: 0x1001000 },
      },
    };
    const back = parseScenario(draftToJson(toDraft(imported)).json);
    expect(back.ok && back.scenario).toEqual(imported);
    // A draft stored before versions existed still reads.
    const old = JSON.parse(JSON.stringify(toDraft(s))) as { kernel: Record<string, unknown> };
    delete old.kernel.version;
    expect(draftSchema.safeParse(old).success).toBe(true);
  });

  it('reads an end written +size as start + size, and says when it cannot', () => {
    const d = toDraft(preset('seed-2.6.23')!);
    d.e820[10] = { ...d.e820[10]!, start: '4G', end: '+92G' };
    d.kernel.initrd = { start: '900M', end: '+16Q' };
    const { json, problems } = draftToJson(d);
    expect((json as { machine: { e820: { end: string }[] } }).machine.e820[10]!.end).toBe(
      '0x1800000000',
    );
    expect(problems).toEqual([
      {
        path: 'kernel.initrd.end',
        message: expect.stringContaining('unknown suffix "Q"'),
      },
    ]);
  });
  it('names whole-number fields that are not whole numbers', () => {
    const d = toDraft(preset('seed-2.6.23')!);
    d.nodes[1] = { ...d.nodes[1]!, node: 'one' };
    d.kernel.ebda = { addr: '0x9fc00', sizeKiB: '1.5' };
    expect(draftToJson(d).problems.map((p) => p.path)).toEqual([
      'machine.nodes[1].node',
      'kernel.ebda.sizeKiB',
    ]);
  });
  it('compares content, not row ids, and checks the shape of stored drafts', () => {
    const d = toDraft(preset('laptop-4g')!);
    expect(sameDraft(d, renumber(d))).toBe(true);
    expect(sameDraft(d, { ...d, cmdline: 'x' })).toBe(false);
    expect(draftSchema.safeParse(JSON.parse(JSON.stringify(d))).success).toBe(true);
    expect(draftSchema.safeParse({ ...d, e820: 'garbage' }).success).toBe(false);
    expect(draftSchema.safeParse(null).success).toBe(false);
  });
});
