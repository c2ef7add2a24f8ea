/**
 * Hands a run's allocator table at one step to whoever asked (RunOptions.allocatorAt). The
 * table is the model's own live structure (memblock's arrays, the early_res table), printed
 * when the recorder is about to start the step after the one asked for: exact, and nothing is
 * kept for the steps nobody asks about.
 */
import type { Recorder } from './events';
import type { AllocatorProbe, AllocatorTable } from './simulation';

/**
 * Watch `rec` for `probe.step`; returns what the run calls once it ends, for a step that is the
 * run's last (no event follows it).
 */
export function watchAllocator(
  rec: Recorder,
  probe: AllocatorProbe | undefined,
  table: () => AllocatorTable,
): () => void {
  if (!probe) return () => undefined;
  let taken = false;
  const take = () => {
    if (taken) return;
    taken = true;
    probe.take(table());
  };
  rec.watch = (next) => {
    if (next === probe.step + 1) take();
  };
  return () => {
    rec.watch = null;
    if (rec.events.length > probe.step) take();
  };
}
