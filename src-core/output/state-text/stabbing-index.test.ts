import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StabbingIndex } from './stabbing-index';

describe('StabbingIndex', () => {
  it('answers the worked example', () => {
    const ix = new StabbingIndex([
      { start: 0, end: 10 },
      { start: 5, end: 20 },
      { start: 30, end: 40 },
    ]);
    expect(ix.stab(7).sort()).toEqual([0, 1]);
    expect(ix.stab(25)).toEqual([]);
    expect(ix.stab(30)).toEqual([2]);
    expect(ix.stab(40)).toEqual([]);
  });

  it('finds exactly the ranges a linear scan finds', () => {
    const range = fc
      .tuple(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 60 }))
      .map(([s, n]) => ({ start: s, end: s + n }));
    fc.assert(
      fc.property(
        fc.array(range, { maxLength: 60 }),
        fc.array(fc.integer({ min: -5, max: 270 })),
        (rs, xs) => {
          const ix = new StabbingIndex(rs);
          for (const x of xs) {
            const want = rs.flatMap((r, i) => (r.start <= x && x < r.end ? [i] : []));
            expect(ix.stab(x).sort((a, b) => a - b)).toEqual(want);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
