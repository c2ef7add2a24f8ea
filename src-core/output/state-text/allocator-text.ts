/**
 * The boot-time allocator's own state at a step, as text in the kernel's formats:
 *
 * - memblock (6.1): `memblock_dump_all()` as memblock=debug prints it (v6.1 mm/memblock.c
 *   memblock_dump), from the run's live arrays (RunOptions.allocatorAt);
 * - early_res (2.6.27–2.6.34): the table as early_res_to_bootmem and free_all_memory_core_early
 *   list it, `  #3 [0000200000 - 0000f9a6c8]    TEXT DATA BSS` (v2.6.33 kernel/early_res.c);
 * - bootmem (≤ 2.6.33): each node's bitmap, which the kernel never prints: its span and the
 *   runs of set (reserved) bits, from the run's bit operations (bitmapsAt).
 *
 * The tables need the model's live structure, so the run is made again up to the step asked
 * for: a few milliseconds for a real machine, seconds for the 100,000-region stress machine,
 * which is why the page asks its worker for them (allocatorTableOf) and hands the answer back
 * (rememberAllocatorTable). What was worked out is kept per run and step.
 */
import { hex, memRange, PAGE_SIZE } from '../../base/addr';
import type { Scenario } from '../../input/scenario';
import { modelById } from '../../models';
import type { AllocatorTable, Simulation } from '../simulation';
import { bitmapsAt } from '../bitmap-replay';

export interface AllocatorText {
  /** What the lines are: `memblock_dump_all`, `early_res`, `bootmem bitmaps`. */
  title: string;
  lines: string[];
}

const tables = new WeakMap<Simulation, Map<number, AllocatorTable | null>>();
const KEEP = 64;

/**
 * The allocator table `model` keeps after `step` of its run on `scenario`, or null when it
 * keeps none (or the run has no such step). A whole run: plain data in, plain data out.
 */
export function allocatorTableOf(
  scenario: Scenario,
  model: string,
  step: number,
): AllocatorTable | null {
  let table: AllocatorTable | null = null;
  const m = modelById(model);
  if (m && step >= 0) m.run(scenario, { allocatorAt: { step, take: (t) => (table = t) } });
  return table;
}

function kept(sim: Simulation): Map<number, AllocatorTable | null> {
  let bySim = tables.get(sim);
  if (!bySim) tables.set(sim, (bySim = new Map()));
  return bySim;
}

/** Keep the table of `sim` after `step`, worked out elsewhere (the page's worker). */
export function rememberAllocatorTable(
  sim: Simulation,
  step: number,
  table: AllocatorTable | null,
): void {
  const bySim = kept(sim);
  if (bySim.size >= KEEP) bySim.clear();
  bySim.set(step, table);
}

/** Whether the table of `sim` after `step` is worked out already (allocatorTableAt is then free). */
export const allocatorTableKnown = (sim: Simulation, step: number): boolean =>
  !modelById(sim.model) || step < 0 || step >= sim.events.length || kept(sim).has(step);

/** The allocator table of `sim`'s model after `step`, or null when the model keeps none. */
export function allocatorTableAt(sim: Simulation, step: number): AllocatorTable | null {
  const bySim = kept(sim);
  if (bySim.has(step)) return bySim.get(step) ?? null;
  const table = step < sim.events.length ? allocatorTableOf(sim.scenario, sim.model, step) : null;
  rememberAllocatorTable(sim, step, table);
  return table;
}

/** Each node's bootmem bitmap: the pages it covers and its reserved runs. */
export function bitmapLines(sim: Simulation, step: number): string[] {
  const maps = bitmapsAt(sim.bitOps, step);
  const out: string[] = [];
  for (const [node, b] of [...maps].sort((x, y) => x[0] - y[0])) {
    const pages = b.pages.end - b.pages.start;
    const set = b.set.reduce((t, r) => t + r.end - r.start, 0);
    out.push(
      `node ${node}: bootmem bitmap pfn ${hex(b.pages.start)}-${hex(b.pages.end - 1)} ${memRange(b.pages.start * PAGE_SIZE, b.pages.end * PAGE_SIZE)}, ${set} of ${pages} pages reserved in ${b.set.length} runs`,
    );
    for (const r of b.set)
      out.push(
        `  ${memRange(r.start * PAGE_SIZE, r.end * PAGE_SIZE)} pfn ${hex(r.start)}-${hex(r.end - 1)} (${r.end - r.start} pages)`,
      );
  }
  return out;
}

/** Every table the run's allocator keeps after `step`, in the kernel's words. */
export function allocatorTextAt(sim: Simulation, step: number): AllocatorText[] {
  const out: AllocatorText[] = [];
  const table = allocatorTableAt(sim, step);
  if (table)
    out.push({
      title: table.kind === 'memblock' ? 'memblock_dump_all' : 'early_res',
      lines: table.lines.length ? table.lines : ['(no early reservations)'],
    });
  if (sim.bitOps.length) {
    const lines = bitmapLines(sim, step);
    out.push({
      title: 'bootmem bitmaps',
      lines: lines.length
        ? lines
        : ['(no bootmem bitmap at this step: none made yet, or all retired)'],
    });
  }
  return out;
}

/** The tables as one copyable text, each under a `# title` line. */
export function allocatorText(sim: Simulation, step: number): string[] {
  const parts = allocatorTextAt(sim, step);
  if (!parts.length) return [`# ${sim.model} keeps no allocator table of its own`];
  return parts.flatMap((p) => [`# ${p.title}`, ...p.lines]);
}
