/**
 * The 2.6.27 crashkernel: reserved after NUMA setup with reserve_bootmem_generic(...,
 * BOOTMEM_EXCLUSIVE) (v2.6.27 arch/x86/kernel/setup.c reserve_crashkernel), which fails cleanly
 * where anything is already reserved; without a base, find_and_reserve_crashkernel tries again
 * 16 MiB further.
 */
import { hex, PAGE_SIZE, pfnDown, pfnUp } from '../../base/addr';
import type { BootmemCore } from '../../allocators/bootmem/core';
import { nodeOf } from '../../input/numa';
import { setScale, type Range } from '../../base/range';
import { describe } from './conflicts';
import { CRASH_ALIGN, crashRequest } from './crash-early-res';
import { crashFailed, crashReserved, probeCrash } from './crash-window';
import type { EarlyResBoot } from './earlyres-boot';
import { bootmemReserve } from './earlyres-nodes';

export function reserveCrashExclusive(boot: EarlyResBoot): void {
  probeCrash(boot, {
    spans: [{ start: 0, end: boot.endPfn * PAGE_SIZE, label: 'RAM' }],
    checked: true,
    align: PAGE_SIZE,
    automatic: true,
  });
  const req = crashRequest(boot);
  if (!req) return;
  const { size, base, ram } = req;
  if (base) {
    const w = { start: base, end: base + size };
    const busy = exclusive(boot, w);
    if (busy === null)
      return crashReserved(
        boot,
        w,
        ram,
        `The whole window was free in the bitmap, so the exclusive reservation succeeded.`,
      );
    return crashFailed(
      boot,
      boot.kernel.rules.crashInUse,
      `BOOTMEM_EXCLUSIVE found ${busy} already reserved in the window, undid its bits and returned -EBUSY.`,
      w,
    );
  }
  // find_and_reserve_crashkernel: find_e820_area knows only early_res; on -EBUSY try 16 MiB further.
  for (let start = 0; ; start += CRASH_ALIGN) {
    const f = boot.early.findArea(boot.e820, start, Number.MAX_SAFE_INTEGER, size, CRASH_ALIGN);
    if (f.addr === null)
      return crashFailed(
        boot,
        'crashkernel reservation failed. No suitable area found.',
        'No 16 MiB-aligned window both free of early_res and of bootmem reservations.',
      );
    const w = { start: f.addr, end: f.addr + size };
    if (exclusive(boot, w) === null)
      return crashReserved(
        boot,
        w,
        ram,
        `find_and_reserve_crashkernel stepped in 16 MiB steps until an exclusive reservation succeeded at ${hex(w.start)}.`,
      );
    start = f.addr;
  }
}

/**
 * reserve_bootmem_generic(..., BOOTMEM_EXCLUSIVE) (v2.6.27 arch/x86/mm/init_64.c): one node's
 * bitmap when the window is inside it, else mark_bootmem across nodes, which undoes the
 * nodes already marked when a later one fails. Null on success, else what was in the way.
 */
function exclusive(boot: EarlyResBoot, w: Range): string | null {
  if (nodeOf(boot.nodes, w.start) < 0 || pfnDown(w.start) >= boot.endPfn)
    return 'memory outside RAM';
  const parts = boot.nodes
    .filter((n) => n.start < w.end && n.end > w.start)
    .map((n) => ({
      node: n.node,
      start: Math.max(w.start, n.start),
      end: Math.min(w.end, n.end),
    }));
  const done: typeof parts = [];
  for (const p of parts) {
    const busy = bootmemReserve(boot, p.node, p, 'crashkernel', 'crashkernel', true);
    if (busy.length === 0) {
      done.push(p);
      continue;
    }
    for (const d of done) {
      (boot.bdata.get(d.node) as BootmemCore).free(d.start, d.end - d.start);
      boot.rec.bits(d.node, 'clear', { start: pfnDown(d.start), end: pfnUp(d.end) });
      boot.claims.pop();
    }
    const taken = boot.claims
      .filter((c) => busy.some((b) => b.start < c.pages.end && b.end > c.pages.start))
      .map((c) => c.label);
    return `${setScale(busy, PAGE_SIZE).map(describe).join(', ')}${taken.length ? ` (${[...new Set(taken)].join(', ')})` : ''}`;
  }
  return null;
}
