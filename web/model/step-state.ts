/**
 * The per-step facts the bar draws besides regions: each node's live bootmem bitmap. The engine
 * replays bit operations to get them; the last few steps are kept so that stepping back and
 * forth, and every redraw while zooming, reuse them.
 */
import { bitmapsAt, type BitmapState, type Simulation } from '../../src-core';

const KEEP = 8;
const recent: { sim: Simulation; step: number; bits: Map<number, BitmapState> }[] = [];

export function bitmapsAtStep(sim: Simulation, step: number): Map<number, BitmapState> {
  const hit = recent.find((r) => r.sim === sim && r.step === step);
  if (hit) return hit.bits;
  const bits = bitmapsAt(sim.bitOps, step);
  recent.unshift({ sim, step, bits });
  recent.length = Math.min(recent.length, KEEP);
  return bits;
}
