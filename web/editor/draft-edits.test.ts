import { describe, expect, it } from 'vitest';
import { preset } from '../../src-core';
import { checkDraft } from './check-draft';
import {
  addE820Row,
  addNode,
  blankDraft,
  moveRow,
  removeRow,
  setOptional,
  sortE820,
  splitNodes,
} from './draft-edits';
import { toDraft } from './draft';

const starts = (d: { e820: { start: string }[] }) => d.e820.map((r) => r.start);

describe('draft edits', () => {
  it('adds a row after the last, moves, deletes and sorts rows', () => {
    let d = blankDraft('bootmem-2.6.23');
    expect(d.e820).toEqual([]);
    d = addE820Row(d);
    expect(d.e820[0]).toMatchObject({ start: '0x0', end: '', type: 'usable' });
    d = { ...d, e820: [{ ...d.e820[0]!, end: '+640K' }] };
    d = addE820Row(d);
    expect(d.e820[1]!.start).toBe('0xa0000');
    const [a, b] = d.e820;
    expect(starts(moveRow(d, 'e820', b!.id, -1))).toEqual(['0xa0000', '0x0']);
    expect(moveRow(d, 'e820', a!.id, -1)).toBe(d);
    expect(starts(sortE820(moveRow(d, 'e820', b!.id, -1)))).toEqual(['0x0', '0xa0000']);
    expect(starts(removeRow(d, 'e820', a!.id))).toEqual(['0xa0000']);
  });
  it('numbers a new node after the highest and splits RAM evenly', () => {
    const d = toDraft(preset('seed-2.6.23')!);
    expect(addNode(d).nodes.at(-1)).toMatchObject({ node: '2', start: '0x1800000000' });
    const four = splitNodes(d, 4);
    if (typeof four === 'string') throw new Error(four);
    expect(four.nodes.map((n) => [n.node, n.start, n.end])).toEqual([
      ['0', '0x0', '0x600000000'],
      ['1', '0x600000000', '0xc00000000'],
      ['2', '0xc00000000', '0x1200000000'],
      ['3', '0x1200000000', '0x1800000000'],
    ]);
    expect(splitNodes(blankDraft('bootmem-2.6.23'), 2)).toContain('add usable RAM');
  });
  it('switches an optional input off and on', () => {
    const d = toDraft(preset('seed-2.6.23')!);
    expect(setOptional(d, 'initrd', null).kernel.initrd).toBeNull();
    expect(setOptional(d, 'mptable', 'on').kernel.mptable).toEqual({ mpf: '', physptr: '' });
  });
  it('starts from nothing with the kernel of the seed under the same generation', () => {
    const d = blankDraft('memblock-6.1');
    expect(d).toMatchObject({ name: 'custom', model: 'memblock-6.1', cmdline: '', nodes: [] });
    expect(d.kernel.text).toBe('0x1000000');
    const r = checkDraft(d);
    expect(r.scenario).toBeNull();
    expect(r.problems.map((p) => p.path)).toContain('machine.e820');
  });
});
