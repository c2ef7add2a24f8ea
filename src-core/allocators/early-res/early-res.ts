/**
 * early_res: the x86 table of early reservations (v2.6.25 arch/x86/kernel/e820_64.c, moved to
 * kernel/early_res.c in v2.6.34), and find_e820_area, which steps over it.
 *
 * reserve_early() refuses overlaps: after dropping the parts of entries marked overlap_ok, any
 * overlap panics with "Overlapping early reservations". find_e820_area() searches the e820 RAM
 * entries in order for the lowest aligned address whose range touches no entry (bad_addr jumps
 * to the end of an overlapped entry, rounded up to the alignment).
 */
import { alignUp, hexPad } from '../../base/addr';
import { KernelBug } from '../bootmem/bootmem';
import { searchE820Ram, type AreaSearch, type E820Entry } from '../../input/e820';
import { rangeSubtract, rangesOverlap, type Range } from '../../base/range';

export interface EarlyRes {
  start: number;
  end: number;
  name: string;
  overlapOk: boolean;
}

/** How the kernel lists an entry: `  #3 [0000200000 - 0000f9a6c8]    TEXT DATA BSS`. */
export const earlyResLine = (e: EarlyRes, i: number): string =>
  `  #${i} [${hexPad(e.start, 10)} - ${hexPad(e.end, 10)}] ${e.name.padStart(16)}`;

export class EarlyResTable {
  readonly entries: EarlyRes[] = [];
  /** Called before every change (the text view's snapshot, allocators/probe.ts). */
  beforeChange: (() => void) | null = null;

  /** find_overlapped_early: an entry sharing a byte with [start, end). */
  overlapped(start: number, end: number): EarlyRes | undefined {
    return this.entries.find((r) => end > r.start && start < r.end);
  }

  /**
   * reserve_early / reserve_early_overlap_ok: empty ranges are ignored; overlap_ok entries give
   * way; any other overlap panics with the kernel's message.
   */
  reserve(start: number, end: number, name: string, overlapOk = false): void {
    if (start >= end) return;
    this.beforeChange?.();
    for (const r of [...this.entries]) {
      if (!r.overlapOk || !rangesOverlap(r, { start, end })) continue;
      this.entries.splice(
        this.entries.indexOf(r),
        1,
        ...rangeSubtract(r, { start, end }).map((p) => ({ ...r, ...p })),
      );
    }
    const hit = this.overlapped(start, end);
    if (hit) {
      throw new KernelBug(
        `Overlapping early reservations ${start.toString(16)}-${(end - 1).toString(16)} ${name} to ${hit.start.toString(16)}-${(hit.end - 1).toString(16)} ${hit.name}`,
        'reserve_early',
      );
    }
    this.entries.push({ start, end, name, overlapOk });
  }

  /** Entries sorted by address, for printing (early_res_to_bootmem lists them in table order). */
  sorted(): EarlyRes[] {
    return [...this.entries].sort((a, b) => a.start - b.start);
  }

  /**
   * find_e820_area(start, end, size, align) over find_early_area: for each RAM entry, the first
   * address from max(round_up(entry start), round_up(start)) that bad_addr leaves alone.
   */
  findArea(
    map: readonly E820Entry[],
    start: number,
    end: number,
    size: number,
    align: number,
  ): AreaSearch {
    const a = align || 1;
    return searchE820Ram(
      map,
      size,
      (e) => {
        const addr = alignUp(e.start, a);
        const from = addr < start ? alignUp(start, a) : addr;
        return from >= e.end ? null : from;
      },
      (addr) => {
        const r = this.overlapped(addr, addr + size);
        return r ? { to: alignUp(r.end, a), why: r.name } : null;
      },
      (addr, e) => addr + size <= e.end && addr + size <= end,
    );
  }

  /** Free ranges of `ram` (page frames) left by the table, for NO_BOOTMEM's final hand-over. */
  subtractFrom(ram: readonly Range[]): Range[] {
    let out = ram.map((r) => ({ ...r }));
    for (const r of this.entries) out = out.flatMap((x) => rangeSubtract(x, r));
    return out.sort((a, b) => a.start - b.start);
  }
}
