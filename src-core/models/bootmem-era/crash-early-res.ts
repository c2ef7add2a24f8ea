/**
 * The crashkernel from 2.6.27 on: parse_crashkernel against max_low_pfn, and the 2.6.33/2.6.34
 * reserve_crashkernel, which places the window by find_e820_area and records it in early_res
 * before NUMA setup (commit 44280733), so what is placed later steps around it.
 */
import { hex, humanSize, MiB, PAGE_SIZE, pfnDown } from '../../base/addr';
import { bootmapPages } from '../../allocators/bootmem/bootmem';
import { parseCmdline } from '../../input/cmdline';
import { findCrashkernel, kexecDialect, resolveCrashkernel } from '../../input/crashkernel';
import type { Range } from '../../base/range';
import { MAX_DMA_PFN } from '../../input/zones';
import { describe } from './conflicts';
import { crashFailed, crashNotUnderstood, crashReserved, probeCrash } from './crash-window';
import { ownerOf, type EarlyResBoot } from './earlyres-boot';
import { bootmemStart, plannedNodes } from './nodes';

export const CRASH_ALIGN = 16 * MiB;

/**
 * parse_crashkernel on "System RAM": 2.6.27 sets max_low_pfn = max_pfn on 64-bit before
 * get_total_mem(), and 2.6.33's get_total_mem() is max_pfn - min_low_pfn: all RAM up to
 * the end of RAM either way (rule crashSystemRam), not just RAM below 4 GiB.
 */
export function crashRequest(
  boot: EarlyResBoot,
): { size: number; base: number; ram: number } | null {
  const ram = boot.endPfn * PAGE_SIZE;
  const dialect = kexecDialect(boot.kernel.rules);
  const opt = findCrashkernel(parseCmdline(boot.s.cmdline), dialect).main;
  if (!opt) return null;
  const fail = (message: string) => {
    crashNotUnderstood(
      boot,
      boot.src.kexec,
      `crashkernel=${opt.param.value}: ${message}.`,
      message,
    );
    return null;
  };
  if (!opt.parse.ok) return fail(opt.parse.error.message);
  const r = resolveCrashkernel(opt.parse.spec, ram, dialect);
  if (!r.ok) return fail(r.message);
  return r.size > 0 ? { size: r.size, base: r.base, ram } : null;
}

/** What setup_node_bootmem will still need in each node after an early crashkernel reservation. */
function laterNeeds(
  boot: EarlyResBoot,
): { span: Range; size: number; align: number; label: string }[] {
  return plannedNodes(boot).flatMap((n) => {
    // NO_BOOTMEM's early_node_mem falls back to all of [16 MiB, end of the direct map).
    const span = boot.kernel.rules.noBootmem
      ? { start: MAX_DMA_PFN * PAGE_SIZE, end: boot.endPfn * PAGE_SIZE }
      : { start: bootmemStart(n.start), end: n.end };
    const needs = [
      {
        span,
        size: boot.s.kernel.pgdatSize,
        align: boot.kernel.rules.l1CacheBytes,
        label: `node ${n.node}'s NODE_DATA`,
      },
    ];
    const pages = bootmapPages(pfnDown(span.end) - pfnDown(span.start)) * PAGE_SIZE;
    if (!boot.kernel.rules.noBootmem)
      needs.push({
        span,
        size: pages,
        align: PAGE_SIZE,
        label: `node ${n.node}'s bootmem bitmap`,
      });
    return needs;
  });
}

/** 2.6.33/2.6.34 reserve_crashkernel: find_e820_area + reserve_early("CRASH KERNEL"), before NUMA. */
export function reserveCrashEarly(boot: EarlyResBoot): void {
  const early = boot.early.entries.map((e) => ({
    start: e.start,
    end: e.end,
    label: e.name,
    owner: ownerOf(e.name),
  }));
  probeCrash(
    boot,
    {
      spans: [{ start: 0, end: boot.endPfn * PAGE_SIZE, label: 'RAM' }],
      checked: true,
      align: MiB,
      automatic: true,
      later: laterNeeds(boot),
    },
    early,
  );
  const req = crashRequest(boot);
  if (!req) return;
  const { size, base, ram } = req;
  if (!base) {
    const f = boot.early.findArea(
      boot.e820,
      CRASH_ALIGN,
      Number.MAX_SAFE_INTEGER,
      size,
      CRASH_ALIGN,
    );
    if (f.addr === null)
      return crashFailed(
        boot,
        'crashkernel reservation failed - No suitable area found.',
        `No 16 MiB-aligned ${humanSize(size)} is free of early reservations.`,
      );
    boot.early.reserve(f.addr, f.addr + size, 'CRASH KERNEL');
    return crashReserved(
      boot,
      { start: f.addr, end: f.addr + size },
      ram,
      `The lowest 16 MiB-aligned free range: ${f.trace.join('; ')}. It joins early_res before NUMA setup, so nothing placed later can land in it.`,
    );
  }
  const w = { start: base, end: base + size };
  const f = boot.early.findArea(boot.e820, base, Number.MAX_SAFE_INTEGER, size, MiB);
  if (f.addr !== base) {
    const who = boot.early.overlapped(w.start, w.end);
    return crashFailed(
      boot,
      boot.kernel.rules.crashInUse,
      `find_e820_area from ${hex(base)} did not return ${hex(base)}${who ? `: ${who.name} ${describe(who)} is there` : ''}.`,
      w,
    );
  }
  boot.early.reserve(w.start, w.end, 'CRASH KERNEL');
  crashReserved(
    boot,
    w,
    ram,
    `${describe(w)} is free of early reservations; it joins early_res before NUMA setup, so the bitmaps placed later step around it.`,
  );
}
