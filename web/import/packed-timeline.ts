/**
 * The observed run's long lists as they came from the worker, packed (compact.ts) until the
 * log is shown. A 100,000-line log's timeline is 150,000 objects and 200,000 strings once
 * unpacked; made while the import arrived, collecting them froze the tab for 100-250 ms at a
 * time on a loaded machine, for a dialog that shows only their number. They are unpacked
 * when the user asks to see the log, a few milliseconds at a time between which the page
 * draws its progress bar and takes input.
 */
import type { BitOp, BootEvent, Region, Simulation } from '../../src-core';
import { nextTask } from '../state/next-task';
import type { Packed, Unpacker } from './compact';

/** The observed run without its three long lists. */
export type SimulationShell = Omit<Simulation, 'events' | 'regions' | 'bitOps'>;

export type TimelinePart = 'events' | 'regions' | 'bitOps';

/**
 * Work done between two yields to the page while unpacking: short, as a garbage collection of
 * what was unpacked so far (30 ms or more) can land in any slice.
 */
const SLICE_MS = 4;

export class PackedTimeline {
  /** `unpacker` has absorbed every chunk of the import, in order. */
  constructor(
    private readonly shell: SimulationShell,
    private readonly chunks: Readonly<Record<TimelinePart, readonly Packed[]>>,
    private readonly unpacker: Unpacker,
  ) {}

  private count(part: TimelinePart): number {
    return this.chunks[part].reduce((n, c) => n + c.count, 0);
  }

  /** The observed run's steps. */
  get steps(): number {
    return this.count('events');
  }

  /**
   * The observed run, unpacked a slice at a time; `onProgress` hears the share done. Resolves
   * null if `stopped()` says so before a slice (it is asked at least once).
   */
  async unpack(
    onProgress: (fraction: number) => void,
    stopped: () => boolean,
  ): Promise<Simulation | null> {
    const lists = { events: [] as BootEvent[], regions: [] as Region[], bitOps: [] as BitOp[] };
    const total = this.steps + this.count('regions') + this.count('bitOps');
    let done = 0;
    // Yield before the first slice too: the progress bar is drawn before any work.
    let sliceStart = -Infinity;
    for (const part of ['events', 'regions', 'bitOps'] as const) {
      // The worker packed items of `part`'s type.
      const into = lists[part] as unknown[];
      for (const c of this.chunks[part]) {
        if (performance.now() - sliceStart > SLICE_MS) {
          onProgress(total ? done / total : 1);
          await nextTask();
          if (stopped()) return null;
          sliceStart = performance.now();
        }
        // Appended, never copied; a loop, not push(...items), which can overflow the stack.
        for (const x of this.unpacker.unpack(c)) into.push(x);
        done += c.count;
      }
    }
    return { ...this.shell, ...lists };
  }
}
