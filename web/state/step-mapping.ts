/**
 * Carry the current step to another simulation (another model, or the same scenario re-run)
 * so the user stays at the same point of the boot: the same kind of event in the same phase
 * if there is one, else the same position within the phase, else the next phase that exists.
 */
import { PHASES, type BootEvent, type Simulation } from '../../src-core';

export function mapStep(from: Simulation, step: number, to: Simulation): number {
  const last = to.events.length - 1;
  const ev = from.events[step];
  if (!ev || last < 0) return Math.max(0, Math.min(step, last));
  const ofPhase = (e: BootEvent) => e.phase === ev.phase;
  const before = from.events.filter((e) => ofPhase(e) && e.step < ev.step);
  const same = to.events.filter(ofPhase);
  if (same.length > 0) {
    const nth = (list: BootEvent[], pick: (e: BootEvent) => boolean, k: number) =>
      list.filter(pick)[k];
    const exact = (e: BootEvent) => e.kind === ev.kind && e.label === ev.label;
    const kind = (e: BootEvent) => e.kind === ev.kind;
    const hit =
      nth(same, exact, before.filter(exact).length) ??
      nth(same, kind, before.filter(kind).length) ??
      same[Math.min(before.length, same.length - 1)];
    return (hit as BootEvent).step;
  }
  const rank = PHASES.indexOf(ev.phase);
  const later = to.events.find((e) => PHASES.indexOf(e.phase) >= rank);
  return later ? later.step : last;
}
