import { describe, expect, it } from 'vitest';
import { buildLayout, collapseThreshold, fromU, gapsIn, IDENTITY_LAYOUT, toU } from './layout';

const GiB = 2 ** 30;
const MiB = 2 ** 20;

/** The seed's shape: low memory busy to 144 MiB, a 2.9 GiB quiet stretch, node 1 at 48 GiB. */
const seedLike = buildLayout({
  boundaries: [
    0,
    0xf9b000,
    0x111b000,
    0x9000000,
    3 * GiB,
    4 * GiB,
    48 * GiB,
    48 * GiB + 0x185000,
    96 * GiB,
  ],
  keep: [
    { start: 0, end: 0x9000000 },
    { start: 48 * GiB, end: 48 * GiB + 0x185000 },
  ],
});

describe('buildLayout: collapsing empty stretches', () => {
  it('collapses long stretches that hold nothing to keep, merging neighbours', () => {
    const gaps = seedLike.pieces.filter((p) => p.kind === 'gap');
    expect(gaps.map((g) => [g.start, g.end])).toEqual([
      [0x9000000, 48 * GiB],
      [48 * GiB + 0x185000, 2 ** 52],
    ]);
  });
  it('never merges gaps across a split: the top of the machine and the axis landmarks', () => {
    const split = buildLayout({
      boundaries: [0, 0x9000000, 48 * GiB, 48 * GiB + 0x185000, 96 * GiB],
      keep: [
        { start: 0, end: 0x9000000 },
        { start: 48 * GiB, end: 48 * GiB + 0x185000 },
      ],
      splits: [4 * GiB, 96 * GiB],
    });
    const gaps = split.pieces.filter((p) => p.kind === 'gap');
    expect(gaps.map((g) => [g.start, g.end])).toEqual([
      [0x9000000, 4 * GiB],
      [4 * GiB, 48 * GiB],
      [48 * GiB + 0x185000, 96 * GiB],
      [96 * GiB, 2 ** 52],
    ]);
  });
  it('keeps the pieces contiguous, in order, covering all of [0, 2^52)', () => {
    let u = 0;
    let addr = 0;
    for (const p of seedLike.pieces) {
      expect(p.u).toBe(u);
      expect(p.start).toBe(addr);
      u += p.len;
      addr = p.end;
    }
    expect(addr).toBe(2 ** 52);
    expect(seedLike.total).toBe(u);
  });
  it('makes a 1.5 MiB bitmap at least half a percent of the layout', () => {
    expect((1.5 * MiB) / seedLike.total).toBeGreaterThan(0.005);
  });
  it('maps open addresses exactly and back', () => {
    for (const a of [0, 0xf9b000, 0x111afff, 48 * GiB, 48 * GiB + 0x184fff]) {
      const u = toU(seedLike, a);
      expect(fromU(seedLike, u)).toEqual({ addr: a, gap: null });
    }
  });
  it('reports the gap under a position inside it', () => {
    const u = toU(seedLike, 10 * GiB);
    expect(fromU(seedLike, u).gap?.start).toBe(0x9000000);
  });
  it('leaves a gap open when the user expanded it', () => {
    const l = buildLayout({
      boundaries: [0, 0x9000000, 48 * GiB],
      keep: [{ start: 0, end: 0x9000000 }],
      expanded: new Set([0x9000000]),
    });
    expect(gapsIn(l, { start: 0, end: 48 * GiB })).toEqual([]);
  });
  it('never collapses short stretches', () => {
    const l = buildLayout({ boundaries: [0, 8 * MiB, 16 * MiB], keep: [] });
    expect(gapsIn(l, { start: 0, end: 16 * MiB })).toEqual([]);
  });
  it('scales the threshold with the machine', () => {
    expect(collapseThreshold(96 * GiB)).toBe(16 * MiB);
    expect(collapseThreshold(4 * 2 ** 40)).toBe(GiB);
  });
});

describe('IDENTITY_LAYOUT', () => {
  it('is the address itself', () => {
    expect(toU(IDENTITY_LAYOUT, 2 ** 52 - 1)).toBe(2 ** 52 - 1);
    expect(fromU(IDENTITY_LAYOUT, 0x1000000)).toEqual({ addr: 0x1000000, gap: null });
  });
});
