import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { benchDocument, CONTRACT_ROWS, UNITS } from './contract';
import { baselineScan, lineReadersAlone } from './import-bench';
import { syntheticMemblockLog } from '../src-core/dmesg/synthetic-log';
import { targetRow, type BenchRow } from './table';

const contractRows = (): BenchRow[] =>
  CONTRACT_ROWS.map((name, i) => targetRow('g', name, i + 0.5, 'ms', 4));

describe('the bench JSON document', () => {
  it('has machine, load and rows of group, name, value, unit, target and pass', () => {
    const doc = benchDocument('2 × cpu', 3.04, [
      ...contractRows(),
      { group: 'engine', name: 'informative', value: 1.23456, unit: 'MiB' },
      targetRow('engine', 'a minimum', 2000, '×', 1000, true),
    ]);
    expect(Object.keys(doc)).toEqual(['machine', 'load', 'rows']);
    expect(doc.machine).toBe('2 × cpu');
    expect(doc.load).toBe(3.04);
    for (const r of doc.rows) {
      expect(Object.keys(r)).toEqual(['group', 'name', 'value', 'unit', 'target', 'pass']);
      expect(UNITS).toContain(r.unit);
    }
    expect(doc.rows.map((r) => r.name)).toEqual([...CONTRACT_ROWS, 'informative', 'a minimum']);
    expect(doc.rows[0]).toEqual({
      group: 'g',
      name: 'import vs baseline scan',
      value: 0.5,
      unit: 'ms',
      target: '≤ 4',
      pass: true,
    });
    expect(doc.rows.at(-2)).toMatchObject({ value: 1.235, target: null, pass: null });
    expect(doc.rows.at(-1)).toMatchObject({ target: '≥ 1000', pass: true });
    expect(doc.rows.find((r) => r.name === 'first render (seed)')?.pass).toBe(false);
    // It is JSON: numbers and strings only, read back the same.
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
  });

  it('refuses a run that lacks a contract row, or a unit outside the contract', () => {
    const rows = contractRows().filter((r) => r.name !== 'first render (seed)');
    expect(() => benchDocument('m', 0, rows)).toThrow('bench rows missing: first render (seed)');
    expect(() =>
      benchDocument('m', 0, [...contractRows(), { group: 'g', name: 'x', value: 1, unit: 's' }]),
    ).toThrow('unit s');
  });

  it('names every contract row, exactly, in the code that measures it', () => {
    const dir = new URL('./', import.meta.url);
    const sources = readdirSync(dir)
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'contract.ts')
      .map((f) => readFileSync(new URL(f, dir), 'utf8'))
      .join('\n');
    for (const name of CONTRACT_ROWS) expect(sources).toContain(`'${name}'`);
  });
});

describe('the baseline scan', () => {
  it('reads every line and matches the timestamped ones', () => {
    expect(baselineScan('[    0.000000] Linux version 6.1\nplain\n[ 1.5] x y\n')).toBe(2);
  });
});

describe('the line readers alone', () => {
  it('keep a fact for every memblock=debug line and nothing for the others', () => {
    const log = [
      '[    0.000000] Linux version 6.1.0',
      '[    0.000000] memblock_reserve: [0x0000000001000000-0x0000000001ffffff] setup_arch+0x1/0x2',
      '[    0.000000] memblock_alloc_try_nid: 64 bytes align=0x40 nid=0 from=0x0000000000000000 max_addr=0x0000000000000000 f+0x1/0x2',
      'plain text',
    ].join('\n');
    expect(lineReadersAlone(log)).toBe(2);
  });

  it('read every line of the generated log the import row uses after its 8 header lines', () => {
    // Version, command line and e820 map, then only memblock=debug lines and MEMBLOCK dumps.
    expect(lineReadersAlone(syntheticMemblockLog(1000))).toBe(992);
  });
});
