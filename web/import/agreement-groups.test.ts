/** The comparison table's sections: order, counts, the differences filter and the limit. */
import { describe, expect, it } from 'vitest';
import type { AgreementRow } from '../../src-core';
import { groupRows, rowRange } from './agreement-groups';
import { AgreementRows, rowKinds } from './agreement-rows';
import { Packer, Unpacker } from './compact';

/** Rows as the page gets them from the worker: packed in chunks of `n`. */
function packedRows(rows: readonly AgreementRow[], n: number): AgreementRows {
  const packer = new Packer();
  const unpacker = new Unpacker();
  const chunks = [];
  for (let i = 0; i < rows.length; i += n) {
    const { packed } = packer.pack(rows.slice(i, i + n));
    unpacker.absorb(packed);
    chunks.push(packed);
  }
  const { topics, statuses } = rowKinds(rows);
  return new AgreementRows(chunks, unpacker, topics, statuses);
}

const row = (
  topic: AgreementRow['topic'],
  status: AgreementRow['status'],
  what = 'x',
): AgreementRow => ({
  topic,
  what,
  status,
  log: { text: 'a', range: { start: 0x1000, end: 0x2000 } },
  model: { text: 'b', range: { start: 0x1800, end: 0x3000 } },
});

describe('groupRows', () => {
  const rows = packedRows(
    [
      row('memblock', 'agree', 'r1'),
      row('zones', 'differ', 'DMA'),
      row('memblock', 'differ', 'r2'),
      row('zones', 'agree', 'DMA32'),
      row('memblock', 'agree', 'r3'),
      row('e820', 'unchecked'),
    ],
    4,
  );
  const all = { onlyDifferences: false, limit: () => 100 };

  it('orders sections as the topics are listed and counts each status', () => {
    const g = groupRows(rows, all);
    expect(g.map((x) => x.topic)).toEqual(['e820', 'zones', 'memblock']);
    expect(g[2]?.counts).toEqual({ agree: 2, differ: 1, unchecked: 0 });
    expect(g[1]?.rows.map((r) => r.what)).toEqual(['DMA', 'DMA32']);
  });

  it('keeps only the differences on request, with the counts of all rows', () => {
    const g = groupRows(rows, { ...all, onlyDifferences: true });
    expect(g.map((x) => x.rows.map((r) => r.what))).toEqual([[], ['DMA'], ['r2']]);
    expect(g[0]?.counts.unchecked).toBe(1);
  });

  it('shows at most the limit and says how many are left', () => {
    const g = groupRows(rows, { ...all, limit: (t) => (t === 'memblock' ? 1 : 100) });
    expect(g[2]?.rows.map((r) => r.what)).toEqual(['r1']);
    expect(g[2]?.hidden).toBe(2);
    expect(g[1]?.hidden).toBe(0);
  });
});

describe('rowRange', () => {
  it('spans both sides, or the one that has a range, or nothing', () => {
    expect(rowRange(row('zones', 'differ'))).toEqual({ start: 0x1000, end: 0x3000 });
    expect(rowRange({ ...row('zones', 'differ'), model: null })).toEqual({
      start: 0x1000,
      end: 0x2000,
    });
    expect(
      rowRange({
        ...row('crashkernel', 'agree'),
        log: { text: 'reserved' },
        model: { text: 'reserved' },
      }),
    ).toBe(null);
  });
});
