import { describe, expect, it } from 'vitest';
import { regionsAt } from '../events';
import { MODEL_IDS } from '../models';
import { setSubtract, normalize } from '../range';
import { diffRuns, formatRunDiff } from './run-diff';
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
