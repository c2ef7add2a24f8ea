import { describe, expect, it } from 'vitest';
import { GiB, MiB, preset, scenarioToJson } from '../../src-core';
import { buildMachine, machineMap, ramTop, SEED_SPEC, splitEvenly } from './builders';

const seedJson = () =>
  scenarioToJson(preset('seed-2.6.23')!) as {
    machine: { e820: unknown[]; nodes: { node: number; start: string; end: string }[] };
  };
const strip = <T extends { id: number }>(rows: T[]) => rows.map(({ id: _id, ...r }) => r);

describe('the quick builder', () => {
  it("builds exactly the seed's map and nodes from 96G, 2 nodes, a 1G hole at 3G", () => {
    const r = buildMachine(SEED_SPEC);
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(strip(r.e820)).toEqual(seedJson().machine.e820);
    expect(strip(r.nodes)).toEqual(
      seedJson().machine.nodes.map((n) => ({ ...n, node: String(n.node) })),
    );
  });
  it('puts the ACPI tables under a hole above the RAM of a small machine', () => {
    const map = machineMap(2 * GiB, 3 * GiB, GiB);
    expect(map.filter((e) => e.type === 1).at(-1)).toEqual({
      start: 0x100000,
      end: 2 * GiB - 0x90000,
      type: 1,
    });
    expect(map.some((e) => e.start >= 4 * GiB)).toBe(false);
  });
  it('names each bad field and what to type', () => {
    const r = buildMachine({ top: '96Q', nodes: '0', holeStart: '1M', holeSize: '1G' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.top).toContain('unknown suffix "Q"');
    expect(r.problems.holeStart).toContain('64M or above');
    const n = buildMachine({ ...SEED_SPEC, nodes: '100' });
    expect(!n.ok && n.problems.nodes).toContain('from 1 to 64');
  });
});

describe('split evenly', () => {
  it('splits on 128 MiB boundaries and gives the rest to the last node', () => {
    expect(splitEvenly(1000 * MiB, 3)).toEqual([
      { node: 0, start: 0, end: 256 * MiB },
      { node: 1, start: 256 * MiB, end: 512 * MiB },
      { node: 2, start: 512 * MiB, end: 1000 * MiB },
    ]);
    expect(splitEvenly(200 * MiB, 4)).toContain('512 MiB');
  });
  it('reads the top of RAM from the rows that parse, ends written +size included', () => {
    const rows = [
      { id: 1, start: '0', end: '640K', type: 'usable' },
      { id: 2, start: '4G', end: '+92G', type: 'usable' },
      { id: 3, start: '200G', end: '201G', type: 'reserved' },
      { id: 4, start: 'oops', end: '1T', type: 'usable' },
    ];
    expect(ramTop(rows)).toBe(96 * GiB);
    expect(ramTop([])).toBeNull();
  });
});
