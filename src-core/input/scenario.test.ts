import { describe, expect, it } from 'vitest';
import { preset } from '../features/presets';
import { formatProblems, parseScenario, scenarioToJson } from './scenario';

/** The seed as plain JSON (JSON.parse's untyped result), for tests that mangle fields freely. */
const seedJson = () => JSON.parse(JSON.stringify(scenarioToJson(preset('seed-2.6.23')!)));

describe('scenario validation', () => {
  it('the seed round-trips through canonical JSON', () => {
    const r = parseScenario(seedJson());
    expect(r.ok && r.scenario).toEqual(preset('seed-2.6.23'));
  });
  it('accepts numbers and memparse strings for addresses', () => {
    const j = seedJson();
    j.kernel.text = 2 * 1024 * 1024;
    j.kernel.pgdatSize = '20K';
    const r = parseScenario(j);
    expect(r.ok && [r.scenario.kernel.text, r.scenario.kernel.pgdatSize]).toEqual([
      0x200000, 0x5000,
    ]);
  });
  it('lists every problem with its path and a sentence', () => {
    const j = seedJson();
    j.machine.e820[3].end = '16Q';
    j.machine.e820[4].type = 'bogus';
    j.kernel.text = -1;
    const r = parseScenario(j);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toEqual([
      {
        path: 'machine.e820[3].end',
        message: 'end "16Q": unknown suffix "Q" at character 3 (use K, M, G, T, P or E)',
      },
      {
        path: 'machine.e820[4].type',
        message: expect.stringContaining('unknown e820 type "bogus"'),
      },
      { path: 'kernel.text', message: '_text must be a whole number from 0 to 2^52, not -1' },
    ]);
  });
  it('checks across fields: overlapping nodes, nodes without RAM, reversed entries', () => {
    const j = seedJson();
    j.machine.nodes[1].start = '0xb00000000';
    j.machine.nodes.push({ node: 2, start: '0x2000000000', end: '0x3000000000' });
    j.machine.e820[0].end = '0x0';
    const r = parseScenario(j);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const text = formatProblems(r.problems);
    expect(text).toContain('machine.e820[0]: entry 0x0-0x0 is empty or reversed');
    expect(text).toContain('node 1 [0xb00000000-0x1800000000) overlaps node 0');
    expect(text).toContain('node 2 [0x2000000000-0x3000000000) holds no usable RAM');
  });
  it('refuses addresses beyond 2^52 and non-objects without throwing', () => {
    const j = seedJson();
    j.machine.e820[10].end = '0x20000000000000';
    expect(parseScenario(j).ok).toBe(false);
    expect(parseScenario(null).ok).toBe(false);
    expect(parseScenario('seed').ok).toBe(false);
    expect(parseScenario({ version: 99 }).ok).toBe(false);
  });
  it('words the shape checks in English too (zod/mini loads no messages by itself)', () => {
    const j = seedJson();
    j.machine.nodes[0].node = 1.5;
    j.machine.nodes[1].node = -1;
    j.cmdline = 7;
    j.kernel.ebda = { addr: '0x9fc00', sizeKiB: 'many' };
    const r = parseScenario(j);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toEqual([
      { path: 'machine.nodes[0].node', message: 'Invalid input: expected int, received number' },
      { path: 'machine.nodes[1].node', message: 'Too small: expected number to be >=0' },
      {
        path: 'kernel.ebda.sizeKiB',
        message: 'Invalid input: expected number, received string',
      },
      { path: 'cmdline', message: 'cmdline must be a string' },
    ]);
  });
});
