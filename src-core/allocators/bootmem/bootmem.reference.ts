/**
 * The per-page reference for the bootmem allocator: one byte per page and the loops of
 * v2.6.23 mm/bootmem.c written out bit by bit. It is slow (cost grows with RAM) and exists only
 * so property tests and the benchmark can hold the fast engine (bootmem.ts) against it.
 */
import { kernelAlign, PAGE_SIZE, pfnDown } from '../../base/addr';
import {
  commitAlloc,
  freeAllGoesFast,
  freeIndexes,
  KernelBug,
  mapsize,
  planAlloc,
  reserveIndexes,
  type Bootmem2623State,
} from './bootmem';
import type { BootmemCore, FreeAll } from './core';
import { normalize, type Range } from '../../base/range';

export class BootmemReference implements BootmemCore, Bootmem2623State {
  private map: Uint8Array;
  lastSuccess = 0;
  lastPos = 0;
  lastOffset = 0;

  constructor(
    readonly startPfn: number,
    readonly lowPfn: number,
    readonly mapAddr: number,
  ) {
    // init_bootmem_core: memset(map, 0xff, mapsize)
    this.map = new Uint8Array(lowPfn - startPfn).fill(1);
  }

  private runsOf(value: number, from: number, to: number): Range[] {
    const out: Range[] = [];
    for (let i = from; i < to; i++) {
      if (this.map[i] === value) out.push({ start: i + this.startPfn, end: i + 1 + this.startPfn });
    }
    return normalize(out);
  }

  reserve(addr: number, size: number): Range[] {
    const [sidx, eidx] = reserveIndexes(this, addr, size);
    const twice: Range[] = [];
    for (let i = sidx; i < eidx; i++) {
      if (this.map[i]) twice.push({ start: i + this.startPfn, end: i + 1 + this.startPfn });
      this.map[i] = 1;
    }
    return normalize(twice);
  }

  reserveExclusive(addr: number, size: number): Range[] {
    const [sidx, eidx] = reserveIndexes(this, addr, size);
    for (let i = sidx; i < eidx; i++) {
      if (this.map[i]) {
        for (let k = sidx; k < i; k++) this.map[k] = 0;
        return this.runsOf(1, sidx, eidx);
      }
      this.map[i] = 1;
    }
    return [];
  }

  free(addr: number, size: number): void {
    const [sidx, eidx] = freeIndexes(this, addr, size);
    for (let i = sidx; i < eidx; i++) {
      if (!this.map[i])
        throw new KernelBug(
          'free_bootmem_core: freeing a page that is not reserved',
          'free_bootmem_core',
        );
      this.map[i] = 0;
    }
  }

  alloc(size: number, align: number, goal: number, limit: number): number | null {
    const plan = planAlloc(this, size, align, goal, limit);
    if (!plan) return null;
    const { eidx, offset, areasize, incr } = plan;
    let preferred = plan.preferred;
    for (;;) {
      for (let i = preferred; i < eidx; i += incr) {
        while (i < eidx && this.map[i]) i++; // find_next_zero_bit
        i = kernelAlign(i, incr);
        if (i >= eidx) break;
        if (this.map[i]) continue;
        let j = i + 1;
        let ok = true;
        for (; j < i + areasize; ++j) {
          if (j >= eidx || this.map[j]) {
            ok = false;
            break;
          }
        }
        if (ok) {
          const { addr, mark } = commitAlloc(this, i, size, align, areasize);
          for (let k = mark[0]; k < mark[1]; k++) {
            if (this.map[k])
              throw new KernelBug(
                '__alloc_bootmem_core: page already reserved',
                '__alloc_bootmem_core',
              );
            this.map[k] = 1;
          }
          return addr;
        }
        i = kernelAlign(j, incr);
      }
      if (preferred > offset) preferred = offset;
      else return null;
    }
  }

  freeAll(): FreeAll {
    const idx = this.lowPfn - this.startPfn;
    const gofast = freeAllGoesFast(this.startPfn);
    let order6Blocks = 0;
    let singlePages = 0;
    const free: Range[] = [];
    for (let i = 0; i < idx;) {
      const word = Math.floor(i / 64) * 64;
      let allClear = word + 64 <= idx;
      for (let b = word; allClear && b < word + 64; b++) if (this.map[b]) allClear = false;
      if (gofast && allClear) {
        order6Blocks++;
        free.push({ start: this.startPfn + word, end: this.startPfn + word + 64 });
        i = word + 64;
      } else {
        for (; i < word + 64 && i < idx; i++) {
          if (!this.map[i]) {
            singlePages++;
            free.push({ start: this.startPfn + i, end: this.startPfn + i + 1 });
          }
        }
      }
    }
    const mapPfn = pfnDown(this.mapAddr);
    return {
      free: normalize(free),
      order6Blocks,
      singlePages,
      bitmap: { start: mapPfn, end: mapPfn + Math.ceil(mapsize(idx) / PAGE_SIZE) },
    };
  }

  reservedPages(): Range[] {
    return this.runsOf(1, 0, this.lowPfn - this.startPfn);
  }
}
