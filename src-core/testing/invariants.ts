/**
 * Invariants every simulation must keep at every step, asserted by the tests:
 * - every range lies in [0, 2^52] with start <= end, and regions end after they begin;
 * - at every step, each node's bootmem bitmap splits its span into reserved pages, free pages
 *   and holes with nothing left over, and a free page is always RAM;
 * - pages handed to the page allocator are RAM.
 */
import { MAX_PHYS, PAGE_SIZE } from '../base/addr';
import { e820RamPages } from '../input/e820';
import { setIntersect, setLength, setSubtract, type Range } from '../base/range';
import type { Simulation } from '../output/simulation';
import { BitmapReplay } from '../output/bitmap-replay';

export function checkInvariants(sim: Simulation): string[] {
  const bad: string[] = [];
  const inSpace = (r: { start: number; end: number }, what: string) => {
    if (!(r.start >= 0 && r.start <= r.end && r.end <= MAX_PHYS))
      bad.push(`${what} [${r.start}, ${r.end}) is outside [0, 2^52]`);
  };
  for (const e of sim.events) inSpace(e, `event ${e.step}`);
  for (const r of sim.regions) {
    inSpace(r, `region ${r.id} (${r.label})`);
    if (r.died !== undefined && r.died < r.born) bad.push(`region ${r.id} ends before it begins`);
  }
  const ramPages = e820RamPages(sim.scenario.machine.e820);
  const spans = new Map<number, Range>();
  for (const op of sim.bitOps) if (op.op === 'init') spans.set(op.node, op.pages);
  // One replay, checked after each step that changes a bitmap, for the nodes it touched.
  const replay = new BitmapReplay(sim.bitOps);
  for (let i = 0; i < sim.bitOps.length;) {
    const step = (sim.bitOps[i] as { step: number }).step;
    const touched = new Set<number>();
    for (; i < sim.bitOps.length && (sim.bitOps[i] as { step: number }).step === step; i++)
      touched.add((sim.bitOps[i] as { node: number }).node);
    for (const [node, state] of replay.at(step)) {
      const set = state.set;
      if (!touched.has(node)) continue;
      const span = spans.get(node) as Range;
      const clear = setSubtract([span], set);
      const reserved = setIntersect(set, ramPages);
      const holes = setSubtract(set, ramPages);
      if (setLength(reserved) + setLength(clear) + setLength(holes) !== span.end - span.start)
        bad.push(`step ${step} node ${node}: reserved + free + holes != span`);
      if (set.some((r) => r.start < span.start || r.end > span.end))
        bad.push(`step ${step} node ${node}: bits outside the node`);
      const freeHoles = setSubtract(clear, ramPages);
      if (freeHoles.length)
        bad.push(
          `step ${step} node ${node}: ${setLength(freeHoles)} free page(s) that are not RAM`,
        );
    }
  }
  const buddy = sim.regions
    .filter((r) => r.lane === 'buddy')
    .map((r) => ({ start: Math.floor(r.start / PAGE_SIZE), end: Math.ceil(r.end / PAGE_SIZE) }));
  const notRam = buddy.flatMap((b) => setSubtract([b], ramPages));
  if (notRam.length)
    bad.push(`${setLength(notRam)} page(s) handed to the page allocator are not RAM`);
  return bad;
}
