import { describe, expect, it } from 'vitest';
import { DEFAULT_PRESET, preset, scenarioToJson } from '../../src-core';
import { scenarioByName, scenarioFromText } from './scenario-source';

describe('scenarioByName', () => {
  it('finds presets and the benchmark machine, and refuses others with the choices', () => {
    expect(scenarioByName(DEFAULT_PRESET)).toMatchObject({ ok: true, source: { kind: 'preset' } });
    expect(scenarioByName('stress-100')).toMatchObject({ ok: true, source: { kind: 'stress' } });
    expect(scenarioByName('stress-999999')).toMatchObject({ ok: false });
    const r = scenarioByName('nope');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain(DEFAULT_PRESET);
  });
});

describe('scenarioFromText', () => {
  it('reads a scenario the CLI would read', () => {
    const text = JSON.stringify(scenarioToJson(preset(DEFAULT_PRESET)!));
    expect(scenarioFromText('m.json', text)).toMatchObject({ ok: true });
  });
  it('says where a file stops being JSON', () => {
    const r = scenarioFromText('m.json', '{\n  "version": 1,\n  oops\n}');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/m\.json is not valid JSON at line 3, column 3/);
  });
  it('lists every problem with its JSON path', () => {
    const json = scenarioToJson(preset(DEFAULT_PRESET)!) as { machine: { e820: unknown[] } };
    json.machine.e820 = [{ start: '0x1000', end: '0x0', type: 'usable' }];
    const r = scenarioFromText('m.json', JSON.stringify(json));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/machine\.e820\[0\]: entry 0x1000-0x0 is empty or reversed/);
  });
});
