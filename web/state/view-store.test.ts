import { describe, expect, it } from 'vitest';
import { DEFAULT_PRESET, preset, simulate } from '../../src-core';
import { indexSimulation } from '../derived/sim-index';
import { IDENTITY_LAYOUT } from '../viewport/layout';
import { layoutFor } from './view-store';

const si = (() => {
  const r = simulate(preset(DEFAULT_PRESET)!);
  if (!r.ok) throw new Error(r.error);
  return indexSimulation(r.sim);
})();

describe('layoutFor', () => {
  it('gives a run the same first collapsed layout each time (made ahead for a big log)', () => {
    const first = layoutFor(si, true, new Set());
    expect(layoutFor(si, true, new Set())).toBe(first);
    expect(first.total).toBeLessThan(IDENTITY_LAYOUT.total);
  });
  it('makes a layout with a gap opened afresh, and none when not collapsing', () => {
    const first = layoutFor(si, true, new Set());
    const gap = first.pieces.find((p) => p.kind === 'gap');
    expect(gap).toBeDefined();
    const opened = layoutFor(si, true, new Set([gap!.start]));
    expect(opened).not.toBe(first);
    expect(opened.total).toBeGreaterThan(first.total);
    expect(layoutFor(si, false, new Set())).toBe(IDENTITY_LAYOUT);
  });
});
