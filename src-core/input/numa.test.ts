import { describe, expect, it } from 'vitest';
import { GiB } from '../base/addr';
import { byStart, memnodeHash, nodeHolding, nodeOf } from './numa';

const nodes = [
  { node: 1, start: 48 * GiB, end: 96 * GiB },
  { node: 0, start: 0, end: 48 * GiB },
];

describe('NUMA node lookups', () => {
  it('finds the node of an address and of a range', () => {
    expect(nodeOf(nodes, 47 * GiB)).toBe(0);
    expect(nodeOf(nodes, 96 * GiB)).toBe(-1);
    expect(nodeHolding(nodes, { start: 47 * GiB, end: 49 * GiB })).toBe(-1);
    expect(byStart(nodes).map((n) => n.node)).toEqual([0, 1]);
  });
  it('memnode hash (v2.6.23 extract_lsb_from_nodes): nodes at 0 and 48 GiB share bit 34, 7 entries', () => {
    expect(memnodeHash(nodes)).toEqual({ shift: 34, entries: 7 });
  });
  it('a single node uses shift 63 and one entry', () => {
    expect(memnodeHash([{ node: 0, start: 0, end: 4 * GiB }])).toEqual({ shift: 63, entries: 1 });
  });
  it('the corpus 2.6.24 Opteron: node 1 at 0x1a8000000 gives shift 27 and 102 entries', () => {
    expect(
      memnodeHash([
        { node: 0, start: 0, end: 0x1a8000000 },
        { node: 1, start: 0x1a8000000, end: 0x328000000 },
      ]),
    ).toEqual({ shift: 27, entries: 102 });
  });
});
