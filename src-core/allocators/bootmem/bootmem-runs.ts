/**
 * What the run-based bootmem nodes of both generations (bootmem.ts for 2.6.23, bootmem-2.6.30.ts for
 * the 2.6.30 rules) share: the node's bitmap kept as runs (BitRuns) and indexed from the node
 * start, and the reserve, exclusive reserve, free and free-all plumbing around it. Each
 * generation brings its own index checks, allocation scan and order-6 rule.
 */
import { pfnDown } from '../../base/addr';
import { BitRuns } from './bitruns';
import type { BootmemCore, FreeAll } from './core';
import type { Range } from '../../base/range';

export const BITS_PER_LONG = 64;

export abstract class BootmemRuns implements BootmemCore {
  protected readonly bits: BitRuns;

  /** init_bootmem_core: every page reserved until setup_arch frees RAM. */
  constructor(
    readonly startPfn: number,
    readonly lowPfn: number,
    readonly mapAddr: number,
  ) {
    this.bits = new BitRuns(lowPfn - startPfn, true);
  }

  /** The bit indexes [s, e) of a reservation, after the generation's checks. */
  protected abstract reserveBits(addr: number, size: number): [number, number];
  /** The bit indexes [s, e) of a free, after the generation's checks and hint update. */
  protected abstract freeBits(addr: number, size: number): [number, number];
  /** The BUG a free hits on a page that is not reserved. */
  protected abstract notReserved(): Error;
  abstract alloc(size: number, align: number, goal: number, limit: number): number | null;
  abstract freeAll(): FreeAll;

  protected abs = (r: Range): Range => ({
    start: r.start + this.startPfn,
    end: r.end + this.startPfn,
  });

  reserve(addr: number, size: number): Range[] {
    const [s, e] = this.reserveBits(addr, size);
    return this.bits.set(s, e).map(this.abs);
  }

  reserveExclusive(addr: number, size: number): Range[] {
    const [s, e] = this.reserveBits(addr, size);
    const busy = this.bits.setWithin(s, e);
    if (busy.length === 0) this.bits.set(s, e);
    return busy.map(this.abs);
  }

  free(addr: number, size: number): void {
    const [s, e] = this.freeBits(addr, size);
    // The kernel clears bit by bit and BUG()s at the first clear one; bits before it stay cleared.
    const firstClear = this.bits.clearWithin(s, e)[0];
    this.bits.clear(s, firstClear ? firstClear.start : e);
    if (firstClear) throw this.notReserved();
  }

  /**
   * free_all_bootmem_core over the clear runs: `wholeWords` says how many order-6 blocks a run
   * gives, the rest of its pages go one by one; then the bitmap's own `mapPages`.
   */
  protected freeRuns(wholeWords: (r: Range) => number, mapPages: number): FreeAll {
    const free = this.bits.clearWithin(0, this.lowPfn - this.startPfn);
    let order6Blocks = 0;
    let singlePages = 0;
    for (const r of free) {
      const words = wholeWords(r);
      order6Blocks += words;
      singlePages += r.end - r.start - words * BITS_PER_LONG;
    }
    const mapPfn = pfnDown(this.mapAddr);
    return {
      free: free.map(this.abs),
      order6Blocks,
      singlePages,
      bitmap: { start: mapPfn, end: mapPfn + mapPages },
    };
  }

  reservedPages(): Range[] {
    return this.bits.setRuns().map(this.abs);
  }
}
