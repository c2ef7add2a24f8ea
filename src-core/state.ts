/**
 * The state at a step, derived from a simulation. Regions carry their own lifetimes
 * (regionsAt in events.ts); bootmem bits are replayed from the bit operations, which is cheap
 * because there is one operation per reservation, not per page.
 */
import { BitRuns } from './bitruns';
import type { BitOp } from './events';
import type { Range } from './range';

/** One node's live bootmem bitmap: the pages it covers and the runs it marks reserved. */
export interface BitmapState {
  /** Page frames the bitmap has a bit for (the node's span from init_bootmem_node), half-open. */
  pages: Range;
  /** Set (reserved) runs, absolute page frames, sorted. */
  set: Range[];
}

/**
 * Each node's bootmem bitmap after `step`: what it covers and which pages it marks reserved; a
 * node whose bitmap is retired or not yet created is absent.
 */
export function bitmapsAt(ops: readonly BitOp[], step: number): Map<number, BitmapState> {
  const maps = new Map<number, { pages: Range; bits: BitRuns }>();
  for (const op of ops) {
    if (op.step > step) break;
    if (op.op === 'init') {
      maps.set(op.node, {
        pages: { ...op.pages },
        bits: new BitRuns(op.pages.end - op.pages.start, true),
      });
      continue;
    }
    const m = maps.get(op.node);
    if (!m) continue;
    const base = m.pages.start;
    if (op.op === 'retire') maps.delete(op.node);
    else if (op.op === 'set') m.bits.set(op.pages.start - base, op.pages.end - base);
    else m.bits.clear(op.pages.start - base, op.pages.end - base);
  }
  const out = new Map<number, BitmapState>();
  for (const [node, m] of maps)
    out.set(node, {
      pages: m.pages,
      set: m.bits
        .setRuns()
        .map((r) => ({ start: r.start + m.pages.start, end: r.end + m.pages.start })),
    });
  return out;
}

/**
 * The set (reserved) page runs of each node's bootmem bitmap after `step`, in absolute page
 * frames; a node whose bitmap is retired or not yet created is absent.
 */
export function bitmapBitsAt(ops: readonly BitOp[], step: number): Map<number, Range[]> {
  const out = new Map<number, Range[]>();
  for (const [node, b] of bitmapsAt(ops, step)) out.set(node, b.set);
  return out;
}
