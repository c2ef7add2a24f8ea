/**
 * What every bootmem node offers, whichever rules (2.6.23 or 2.6.30) and whichever
 * representation (runs or the per-page reference) implement it.
 */
import type { Range } from '../../base/range';

/** What free_all_bootmem_core hands to the page allocator. */
export interface FreeAll {
  /** Pages whose bits were clear, as absolute page-frame runs. */
  free: Range[];
  /** Whole 64-page words freed as one order-6 block. */
  order6Blocks: number;
  /** Pages freed one at a time. */
  singlePages: number;
  /** The bitmap's own pages, freed whatever else covers them (absolute pfns). */
  bitmap: Range;
}

/** The operations both the fast engine and the per-page reference provide. */
export interface BootmemCore {
  readonly startPfn: number;
  readonly lowPfn: number;
  /** Physical address of the bitmap itself (may be unaligned, as find_e820_area returns). */
  readonly mapAddr: number;
  /** reserve_bootmem_core; returns the pages (absolute pfns) that were already reserved. */
  reserve(addr: number, size: number): Range[];
  /**
   * reserve_bootmem_core with BOOTMEM_EXCLUSIVE (v2.6.25+): on the first already-set bit, undo
   * and fail. Returns the conflicting pages, empty on success.
   */
  reserveExclusive(addr: number, size: number): Range[];
  /** free_bootmem_core. */
  free(addr: number, size: number): void;
  /** __alloc_bootmem_core; the address, or null. */
  alloc(size: number, align: number, goal: number, limit: number): number | null;
  /** free_all_bootmem_core. */
  freeAll(): FreeAll;
  /** Set bits as absolute pfn runs. */
  reservedPages(): Range[];
}
