import { describe, expect, it } from 'vitest';
import { GiB, MiB, preset, simulate } from '../../src-core';
import { firstLandmarkFrom, landmarksOf } from './landmarks';

function simOf(name: string) {
  const s = preset(name);
  if (!s) throw new Error(name);
  const r = simulate(s, s.model);
  if (!r.ok) throw new Error(r.error);
  return r.sim;
}

describe('landmarksOf', () => {
  it('marks 16 MiB, 4 GiB, zone starts and node boundaries of the seed, once each', () => {
    const marks = landmarksOf(simOf('seed-2.6.23'));
    const at = (a: number) => marks.find((m) => m.addr === a)?.label;
    expect(at(16 * MiB)).toBe('16 MiB · DMA32');
    expect(at(4 * GiB)).toMatch(/^4 GiB/);
    expect(marks.find((m) => m.addr === 4 * GiB)?.rank).toBe(0);
    expect(at(48 * GiB)).toBe('node 1');
    expect(marks.map((m) => m.addr)).toEqual(
      [...new Set(marks.map((m) => m.addr))].sort((a, b) => a - b),
    );
    expect(marks.some((m) => m.label.includes('node 0 end'))).toBe(false);
  });
  it('marks all eight node starts of the 1 TiB machine', () => {
    const marks = landmarksOf(simOf('server-1t-8node'));
    for (let n = 1; n < 8; n++) expect(marks.some((m) => m.label.includes(`node ${n}`))).toBe(true);
    expect(marks[marks.length - 1]?.label).toBe('node 7 end');
  });
  it('finds the first landmark at or above an address', () => {
    const marks = landmarksOf(simOf('seed-2.6.23'));
    expect(marks[firstLandmarkFrom(marks, 16 * MiB)]?.addr).toBe(16 * MiB);
    expect(marks[firstLandmarkFrom(marks, 16 * MiB + 1)]?.addr).toBe(4 * GiB);
  });
});
