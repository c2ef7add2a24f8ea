import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { regionsAt } from '../events';
import { MODEL_IDS } from '../../models';
import { setSubtract, normalize } from '../../base/range';
import { diffRuns, diffRunsState, formatRunDiff } from './run-diff';
import { run } from './test-runs';

describe('diffRuns', () => {
  it('finds nothing between a run and itself', () => {
    const sim = run('seed-2.6.23');
    for (let s = 0; s < sim.events.length; s++) expect(diffRuns(sim, s, sim, s)).toEqual([]);
  });

  it("shows what 2.6.33's early_res changes in the seed: no double reservation, no corruption", () => {
    const a = run('seed-2.6.23');
    const b = run('seed-2.6.23', 'early-res-2.6.33');
    const diffs = diffRuns(a, a.events.length - 1, b, b.events.length - 1);
    const kinds = diffs.filter((d) => d.lane === 'conflict').map((d) => d.what);
    expect(kinds).toEqual(['double-reservation', 'freed-while-reserved', 'kdump-corruption']);
    const text = formatRunDiff(diffs, { a: 'bootmem-2.6.23', b: 'early-res-2.6.33' }).join('\n');
    expect(text).toContain(
      'double-reservation:\n  only in bootmem-2.6.23: [mem 0x0000000001000000-0x000000000111afff]\n  only in early-res-2.6.33: —',
    );
    // Mid-boot, the bitmap of node 0 is where the two differ.
    const bitmap = diffRuns(a, 20, b, 15).find(
      (d) => d.lane === 'bitmap' && d.what.includes('node 0'),
    );
    expect(bitmap?.onlyA).toEqual([{ start: 0xf9b000, end: 0x111b000 }]);
    expect(bitmap?.onlyB).toEqual([{ start: 0x9000000, end: 0x9180000 }]);
  });

  it('is symmetric, and each difference is exactly the bytes one side has alone', () => {
    const sims = MODEL_IDS.map((m) => run('seed-2.6.23', m));
    for (const a of sims)
      for (const b of sims) {
        const sa = a.events.length - 1;
        const sb = b.events.length - 1;
        const ab = diffRuns(a, sa, b, sb);
        const ba = diffRuns(b, sb, a, sa);
        expect(ba.map((d) => [d.key, d.onlyA, d.onlyB])).toEqual(
          ab.map((d) => [d.key, d.onlyB, d.onlyA]),
        );
        for (const d of ab) {
          expect(d.onlyA.length + d.onlyB.length).toBeGreaterThan(0);
          expect(d.onlyA).toEqual(setSubtract(d.a, d.b));
          const ids = new Set(d.aIds);
          const outlined = normalize(regionsAt(a.regions, sa).filter((r) => ids.has(r.id)));
          // Every byte only run a has lies in a region the view outlines.
          expect(setSubtract(d.onlyA, outlined)).toEqual([]);
        }
      }
  });
});

describe('diffRunsState', () => {
  it('stepping from an earlier state gives what a fresh diff gives', () => {
    const pairs = [
      [run('seed-2.6.23'), run('seed-2.6.23', 'early-res-2.6.33')],
      [run('seed-2.6.23'), run('seed-2.6.23', 'memblock-6.1')],
      [run('server-1t-8node'), run('server-1t-8node', 'memblock-6.1')],
    ] as const;
    for (const [a, b] of pairs) {
      const walk = fc.array(fc.tuple(fc.nat(a.events.length - 1), fc.nat(b.events.length - 1)), {
        minLength: 1,
        maxLength: 12,
      });
      fc.assert(
        fc.property(walk, (steps) => {
          let state = diffRunsState(a, 0, b, 0);
          for (const [sa, sb] of steps) {
            state = diffRunsState(a, sa, b, sb, state);
            expect(state.diffs).toEqual(diffRuns(a, sa, b, sb));
          }
        }),
        { numRuns: 25 },
      );
    }
  });
});
