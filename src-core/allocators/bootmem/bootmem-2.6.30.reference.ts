/**
 * Per-page reference for the 2.6.30 bootmem rules (bootmem-2.6.30.ts): one byte per page and the
 * loops of v2.6.30 mm/bootmem.c written out. For property tests and the benchmark only.
 */
import { pfnDown } from '../../base/addr';
import { bootmapPages, KernelBug } from './bootmem';
import type { BootmemCore, FreeAll } from './core';
import {
  alignIdx,
  commit2630,
  freeRange2630,
  plan2630,
  reserveRange2630,
  wordAligned,
  type Bootmem2630State,
} from './bootmem-2.6.30';
import { normalize, type Range } from '../../base/range';

export class Bootmem2630Reference implements BootmemCore, Bootmem2630State {
  private map: Uint8Array;
  hintIdx = 0;
  lastEndOff = 0;

  constructor(
    readonly startPfn: number,
    readonly lowPfn: number,
    readonly mapAddr: number,
  ) {
    this.map = new Uint8Array(lowPfn - startPfn).fill(1);
  }

  private pages(value: number, from: number, to: number): Range[] {
    const out: Range[] = [];
    for (let i = from; i < to; i++)
      if (this.map[i] === value) out.push({ start: this.startPfn + i, end: this.startPfn + i + 1 });
    return normalize(out);
  }

  reserve(addr: number, size: number): Range[] {
    const [s, e] = reserveRange2630(this, addr, size);
    const twice: Range[] = [];
    for (let i = s; i < e; i++) {
      if (this.map[i]) twice.push({ start: this.startPfn + i, end: this.startPfn + i + 1 });
      this.map[i] = 1;
    }
    return normalize(twice);
  }

  reserveExclusive(addr: number, size: number): Range[] {
    const [s, e] = reserveRange2630(this, addr, size);
    for (let i = s; i < e; i++) {
      if (this.map[i]) {
        for (let k = s; k < i; k++) this.map[k] = 0; // __free(bdata, sidx, idx)
        return this.pages(1, s, e);
      }
      this.map[i] = 1;
    }
    return [];
  }

  free(addr: number, size: number): void {
    const [s, e] = freeRange2630(this, addr, size);
    for (let i = s; i < e; i++) {
      if (!this.map[i])
        throw new KernelBug('__free: freeing a page that is not reserved', '__free');
      this.map[i] = 0;
    }
  }

  alloc(size: number, align: number, goal: number, limit: number): number | null {
    const p = plan2630(this, size, align, goal, limit);
    if (!p) return null;
    let { sidx, fallback } = p;
    for (;;) {
      while (sidx < p.midx && this.map[sidx]) sidx++; // find_next_zero_bit
      sidx = alignIdx(this.startPfn, sidx, p.step);
      const eidx = sidx + p.areasize;
      if (sidx >= p.midx || eidx > p.midx) {
        if (!fallback) return null;
        sidx = alignIdx(this.startPfn, fallback - 1, p.step);
        fallback = 0;
        continue;
      }
      let hit = -1;
      for (let i = sidx; i < eidx; i++) {
        if (this.map[i]) {
          hit = i;
          break;
        }
      }
      if (hit >= 0) {
        sidx = alignIdx(this.startPfn, hit, p.step);
        if (sidx === hit) sidx += p.step;
        continue;
      }
      const { addr, mark } = commit2630(this, sidx, size, align);
      for (let k = mark[0]; k < mark[1]; k++) {
        if (this.map[k])
          throw new KernelBug('alloc_bootmem_core: page already reserved', '__reserve');
        this.map[k] = 1;
      }
      return addr;
    }
  }

  freeAll(): FreeAll {
    const n = this.lowPfn - this.startPfn;
    const aligned = wordAligned(this.startPfn);
    let order6Blocks = 0;
    let singlePages = 0;
    const free: Range[] = [];
    for (let idx = 0; idx < n; idx += 64) {
      let all = idx + 64 <= n;
      for (let b = idx; all && b < idx + 64; b++) if (this.map[b]) all = false;
      if (aligned && all && idx + 64 < n) {
        order6Blocks++;
        free.push({ start: this.startPfn + idx, end: this.startPfn + idx + 64 });
      } else {
        for (let b = idx; b < idx + 64 && b < n; b++) {
          if (!this.map[b]) {
            singlePages++;
            free.push({ start: this.startPfn + b, end: this.startPfn + b + 1 });
          }
        }
      }
    }
    const mapPfn = pfnDown(this.mapAddr);
    return {
      free: normalize(free),
      order6Blocks,
      singlePages,
      bitmap: { start: mapPfn, end: mapPfn + bootmapPages(n) },
    };
  }

  reservedPages(): Range[] {
    return this.pages(1, 0, this.lowPfn - this.startPfn);
  }
}
