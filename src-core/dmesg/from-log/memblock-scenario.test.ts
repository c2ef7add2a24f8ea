import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBoots as readOracleLog } from './from-log-text';
import type { ImportedBoot } from '../types';
import { scenarioFromLogText } from './from-log-text';
import { memblockScenario } from './memblock-scenario';

const log = (name: string) =>
  readFileSync(join(__dirname, '../../../fixtures/oracle', name), 'utf8');
const boot = (name: string) => readOracleLog(log(name))[0] as ImportedBoot;

describe('memblockScenario', () => {
  it('takes the kernel image and the BIOS region from the first dump, minus brk and the MP table', () => {
    const r = memblockScenario(boot('m16G-numa2-ck256M.log'));
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    const k = r.scenario.kernel;
    expect([k.text, k.end, k.pgdatSize]).toEqual([0x1000000, 0x4400000, 0x2b000]);
    expect(k.memblock?.biosStart).toBe(0x9f000);
    expect(k.memblock?.earlyReserves).toEqual([]);
    expect(r.scenario.cmdline).toBe(
      'console=ttyS0 earlyprintk=serial nokaslr memblock=debug loglevel=8 panic=-1 crashkernel=256M',
    );
  });
  it('keeps every SRAT block, and node spans for the older models', () => {
    const r = memblockScenario(boot('m16G-numa2-ck256M.log'));
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.scenario.machine.srat).toHaveLength(4);
    expect(r.scenario.machine.nodes).toEqual([
      { node: 0, start: 0, end: 0x240000000 },
      { node: 1, start: 0x240000000, end: 0x440000000 },
    ]);
  });
  it('says what is missing from a log it cannot use', () => {
    const b = boot('m512M.log');
    const fails = (x: ImportedBoot) => (memblockScenario(x) as { problems: unknown }).problems;
    expect(fails({ ...b, e820: [] })).toEqual([
      { path: 'e820', message: 'the log has no "BIOS-e820:" map' },
    ]);
    expect(fails({ ...b, cmdline: null })).toEqual([
      { path: 'cmdline', message: 'the log has no "Command line:" line' },
    ]);
    expect(fails({ ...b, nodeData: [] })).toEqual([
      {
        path: 'kernel.pgdatSize',
        message: 'the log has no "NODE_DATA(N) allocated" line to size pg_data_t',
      },
    ]);
  });
  it('scenarioFromLogText reports text that is no kernel log', () => {
    const r = scenarioFromLogText('hello\n', 'x');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problems[0]!.message).toMatch(
      /^not a boot log: none of its 1 lines? is an early-boot memory message/,
    );
  });
});
