/**
 * The state at a step, derived from a simulation. Regions carry their own lifetimes
 * (regionsAt in events.ts); bootmem bits are replayed from the bit operations, which is cheap
 * because there is one operation per reservation, not per page.
 */
import { BitRuns } from './bitruns';
import type { BitOp } from './events';
import type { Range } from './range';

/** Replays bit operations in order; `runs()` gives the set pages of each live bitmap. */
export class BitmapReplay {
  private maps = new Map<number, { base: number; bits: BitRuns }>();
  private next = 0;

  constructor(private readonly ops: readonly BitOp[]) {}

  /** Apply every operation up to and including `step` (steps only move forward). */
  advance(step: number): void {
    for (; this.next < this.ops.length; this.next++) {
      const op = this.ops[this.next] as BitOp;
      if (op.step > step) break;
      if (op.op === 'init') {
        this.maps.set(op.node, {
          base: op.pages.start,
          bits: new BitRuns(op.pages.end - op.pages.start, true),
        });
        continue;
      }
      const m = this.maps.get(op.node);
      if (!m) continue;
      if (op.op === 'retire') this.maps.delete(op.node);
      else if (op.op === 'set') m.bits.set(op.pages.start - m.base, op.pages.end - m.base);
      else m.bits.clear(op.pages.start - m.base, op.pages.end - m.base);
    }
  }

  /** Set page runs per live node, in absolute page frames. */
  runs(): Map<number, Range[]> {
    const out = new Map<number, Range[]>();
    for (const [node, m] of this.maps)
      out.set(
        node,
        m.bits.setRuns().map((r) => ({ start: r.start + m.base, end: r.end + m.base })),
      );
    return out;
  }
}

/**
 * The set (reserved) page runs of each node's bootmem bitmap after `step`, in absolute page
 * frames; a node whose bitmap is retired or not yet created is absent.
 */
export function bitmapBitsAt(ops: readonly BitOp[], step: number): Map<number, Range[]> {
  const r = new BitmapReplay(ops);
  r.advance(step);
  return r.runs();
}
