/**
 * The per-step facts the bar draws besides regions: each node's live bootmem bitmap. The
 * engine's replay moves forward from where it last stopped, one replay per simulation, and the
 * last result is kept so redraws while zooming reuse it.
 */
import { BitmapReplay, type BitmapState, type Simulation } from '../../src-core';

const replays = new WeakMap<
  Simulation,
  { replay: BitmapReplay; step: number; bits: Map<number, BitmapState> }
>();

export function bitmapsAtStep(sim: Simulation, step: number): Map<number, BitmapState> {
  let r = replays.get(sim);
  if (r && r.step === step) return r.bits;
  const replay = r?.replay ?? new BitmapReplay(sim.bitOps);
  r = { replay, step, bits: replay.at(step) };
  replays.set(sim, r);
  return r.bits;
}
