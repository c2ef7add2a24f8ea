import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GiB } from '../base/addr';
import { MODEL_IDS } from '../models';
import { preset, PRESET_NAMES, serverScenario } from '../features/presets';
import { parseScenario } from '../input/scenario';
import { simulate } from '../models/simulate';
import { checkInvariants } from './invariants';
import { randomMachine } from './machines';

const run = (s: Parameters<typeof simulate>[0], model: string) => {
  const r = simulate(s, model);
  if (!r.ok) throw new Error(r.error);
  return r.sim;
};

describe('invariants at every step', () => {
  for (const name of PRESET_NAMES) {
    it(`preset ${name} under every model`, () => {
      for (const model of MODEL_IDS)
        expect(checkInvariants(run(preset(name)!, model)), model).toEqual([]);
    });
  }
  it('a 4 TiB 16-node server under every model', () => {
    for (const model of MODEL_IDS)
      expect(checkInvariants(run(serverScenario(4096, 16), model)), model).toEqual([]);
  });
  it('random machines under every model', () => {
    fc.assert(
      fc.property(fc.constantFrom(...MODEL_IDS), fc.nat(), (model, seed) => {
        const raw = fc.sample(randomMachine(model), { numRuns: 1, seed })[0];
        const parsed = parseScenario(raw);
        if (!parsed.ok) return;
        expect(checkInvariants(run(parsed.scenario, model))).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});

describe('absurd but valid scenarios are handled, not frozen', () => {
  it('addresses at the top of the 2^52 space', () => {
    const s = preset('seed-2.6.23')!;
    const e820 = [...s.machine.e820, { start: 2 ** 52 - 2 * GiB, end: 2 ** 52 - 1, type: 1 }];
    for (const model of MODEL_IDS)
      expect(checkInvariants(run({ ...s, machine: { e820, nodes: [] } }, model))).toEqual([]);
  });
  it('1024 nodes', () => {
    const s = serverScenario(4096, 1024);
    for (const model of MODEL_IDS) expect(checkInvariants(run(s, model))).toEqual([]);
  });
  it('the scenario limits refuse 10^5 e820 entries with a message', () => {
    const s = preset('seed-2.6.23')!;
    const e820 = Array.from({ length: 100_000 }, (_, i) => ({
      start: `0x${(i * 0x2000).toString(16)}`,
      end: `0x${(i * 0x2000 + 0x1000).toString(16)}`,
      type: 'usable',
    }));
    const r = parseScenario({
      ...s,
      machine: { e820, nodes: [] },
      kernel: { ...s.kernel, text: '0x200000', end: '0x300000', pgdatSize: '0x1000' },
    });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problems[0]!.message).toContain('at most 1024 e820 entries');
  });
  it('zero-size regions are refused by name', () => {
    const s = preset('seed-2.6.23')!;
    const r = parseScenario({
      version: 1,
      name: 'z',
      title: '',
      model: s.model,
      machine: {
        e820: [
          { start: '0x0', end: '0x0', type: 'usable' },
          { start: '0x100000', end: '0x10000000', type: 'usable' },
        ],
        nodes: [],
      },
      kernel: { text: '0x200000', end: '0x300000', pgdatSize: '0x1000' },
      cmdline: '',
    });
    expect(!r.ok && r.problems.map((p) => p.message).join()).toContain('empty or reversed');
  });
});
