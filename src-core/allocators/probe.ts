/**
 * Hands a run's allocator table at one step to whoever asked (RunOptions.allocatorAt). The
 * table is the model's own live structure (memblock's arrays, the early_res table), printed
 * when the recorder is about to start the step after the one asked for: exact, and nothing is
 * kept for the steps nobody asks about.
 */
import type { Recorder } from '../output/events';
import type { AllocatorProbe, AllocatorTable } from '../output/simulation';

/** What a run wires to its allocator and calls when it ends. */
export interface AllocatorWatch {
  /**
   * Call before each change to the allocator: models change it first and record the step
   * after, so the state after step s is the one just before the first change made once
   * step s is recorded.
   */
  changing: () => void;
  /** Call when the run ends: the step asked for may be the run's last. */
  finished: () => void;
}

/** Watch `rec` for `probe.step`. */
export function watchAllocator(
  rec: Recorder,
  probe: AllocatorProbe | undefined,
  table: () => AllocatorTable,
): AllocatorWatch {
  if (!probe) return { changing: () => undefined, finished: () => undefined };
  let taken = false;
  const take = () => {
    if (taken) return;
    taken = true;
    probe.take(table());
  };
  rec.watch = (next) => {
    if (next === probe.step + 1) take();
  };
  return {
    changing: () => {
      if (rec.events.length === probe.step + 1) take();
    },
    finished: () => {
      rec.watch = null;
      if (rec.events.length > probe.step) take();
    },
  };
}
