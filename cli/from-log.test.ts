import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from './commands';

const ORACLE = join(__dirname, '../fixtures/oracle');
const read = async (path: string) => readFileSync(path, 'utf8');

describe('simulate --from-log', () => {
  it('builds the scenario from a 6.1 log and prints the JSON document with the 6.1 facts', async () => {
    const file = join(ORACLE, 'm6G-ck512M,high.log');
    const r = await run(
      ['simulate', '--from-log', file, '--model', 'memblock-6.1', '--json'],
      read,
    );
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.model).toBe('memblock-6.1');
    expect(doc.zoneRanges).toEqual([
      { zone: 'DMA', start: '0x1000', end: '0x1000000' },
      { zone: 'DMA32', start: '0x1000000', end: '0x100000000' },
      { zone: 'Normal', start: '0x100000000', end: '0x1c0000000' },
    ]);
    expect(doc.crashkernel).toMatchObject({
      outcome: 'reserved',
      start: '0x19f000000',
      end: '0x1bf000000',
      low: { start: '0xaf000000', end: '0xbf000000' },
    });
    expect(doc.allocations[0]).toEqual({
      fn: 'memblock_phys_alloc_range',
      caller: 'reserve_real_mode',
      size: '0x7000',
      align: '0x1000',
      nid: -1,
      start: '0x98000',
      end: '0x9f000',
    });
    // The model's own default: memblock-6.1 without --model.
    const plain = await run(['simulate', '--from-log', file], read);
    expect(plain.stdout).toMatch(/^model memblock-6\.1 — scenario from-log/);
  });
  it('exits 2 with a message on a missing file, a file that is no log, or two sources', async () => {
    const missing = await run(['simulate', '--from-log', join(ORACLE, 'nope.log')], read);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^bootmap: cannot read .*nope\.log: no such file or directory/);
    const json = await run(['simulate', '--from-log', join(ORACLE, 'manifest.json')], read);
    expect(json).toMatchObject({ code: 2, stdout: '' });
    expect(json.stderr).toMatch(
      /^bootmap: .*manifest\.json: not a boot log: none of its \d+ lines is an early-boot memory message/,
    );
    const both = await run(['simulate', '--from-log', 'a.log', '--preset', 'seed-2.6.23'], read);
    expect(both.stderr).toBe('bootmap: give one of --preset, --scenario and --from-log');
    const noValue = await run(['simulate', '--from-log'], read);
    expect(noValue.stderr).toBe('bootmap: --from-log needs a value');
  });
});
