import { describe, expect, it } from 'vitest';
import { parseScenario, scenarioToJson } from './scenario';

const base = {
  version: 1,
  name: 'm',
  model: 'memblock-6.1',
  machine: {
    e820: [
      { start: '0', end: '0x9fc00', type: 'usable' },
      { start: '1M', end: '2G', type: 'usable' },
    ],
    nodes: [],
    srat: [{ node: 0, start: '0', end: '2G', hotplug: false }],
  },
  kernel: { text: '16M', end: '68M', pgdatSize: '0x2b000' },
  cmdline: 'crashkernel=256M',
};

const withOps = (ops: unknown[]) => ({
  ...base,
  kernel: { ...base.kernel, memblock: { ops, realModeSize: '28K', possibleCpus: 2 } },
});

describe('memblock inputs in a scenario', () => {
  it('accept requests and fixed ranges in memparse syntax and write them back as hex', () => {
    const r = parseScenario(
      withOps([
        {
          stage: 'late',
          op: 'alloc',
          fn: 'memblock_alloc_try_nid',
          caller: 'pcpu_fc_alloc',
          size: '2M',
          align: '2M',
          nid: 0,
          from: '16M',
          max: 0,
        },
        {
          stage: 'setup',
          op: 'reserve',
          fn: 'memblock_reserve',
          caller: 'acpi_reserve_initial_tables',
          start: '0x7ffe0000',
          end: '0x7ffe0040',
        },
      ]),
    );
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.scenario.kernel.memblock?.ops[0]).toMatchObject({
      size: 0x200000,
      from: 0x1000000,
      max: 0,
    });
    const json = scenarioToJson(r.scenario) as {
      kernel: { memblock: { ops: unknown[]; realModeSize: string } };
    };
    expect(json.kernel.memblock.realModeSize).toBe('0x7000');
    expect(json.kernel.memblock.ops[1]).toMatchObject({ start: '0x7ffe0000', end: '0x7ffe0040' });
    expect(parseScenario(JSON.parse(JSON.stringify(scenarioToJson(r.scenario))))).toEqual(r);
  });
  it('say what is wrong and where', () => {
    const r = parseScenario(
      withOps([
        {
          stage: 'later',
          op: 'alloc',
          fn: 'memblock_alloc_try_nid',
          caller: 'x',
          size: '0',
          align: '3',
          nid: 0,
          from: 0,
          max: 0,
        },
        {
          stage: 'setup',
          op: 'free',
          fn: 'memblock_phys_free',
          caller: 'x',
          start: '2M',
          end: '1M',
        },
      ]),
    );
    expect(r.ok).toBe(false);
    const problems = r.ok ? [] : r.problems.map((p) => `${p.path}: ${p.message}`);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^kernel\.memblock\.ops\[0\]\.stage: stage must be one of early, setup/,
        ),
        'kernel.memblock.ops[0].size: size must not be 0',
        'kernel.memblock.ops[0].align: align must be a power of two (or 0 for SMP_CACHE_BYTES)',
        'kernel.memblock.ops[1].end: end must be above start',
      ]),
    );
  });
});
