/**
 * Model bootmem-2.6.23: x86_64 setup_arch() to mem_init() on v2.6.23, then kexec loading the
 * kdump kernel. The crashkernel is only recorded while parsing the command line and reserved
 * at the end of setup_arch() with no check and no message. Every placement is computed; nothing
 * about the outcome is written in a preset.
 *
 * Where each step lives (bootmem-era/ holds what 2.6.23 to 2.6.34 share):
 * - e820, mem=/memmap=, end of RAM, EBDA: memory-map.ts, usermap-2.6.23.ts;
 * - direct-map page tables (find_e820_area): page-tables.ts, e820-area.ts;
 * - NUMA nodes and memnodemap: nodes.ts, memnodemap.ts;
 * - each node's bootmem bitmap, placed by setup_node_bootmem: bootmem-nodes.ts (the seed's
 *   0xf9b000 bitmap), drawn by nodes.ts placeBitmap; the allocator: allocators/bootmem/;
 * - the kernel's own reservations: bootmem-reserve.ts; crashkernel: crash-unchecked.ts here;
 * - zones, free_all_bootmem (the bitmap's pages freed unconditionally), kexec: retire.ts,
 *   kexec.ts; double reservations and what they corrupt: conflicts.ts.
 * The order is bootmem-setup-arch.ts bootUntilCrashkernel / retireBootmem.
 */
import { hex, humanSize, PAGE_SIZE } from '../base/addr';
import { Recorder } from '../output/events';
import type { Scenario } from '../input/scenario';
import { parseCrashkernel2623, type Crash2623 } from '../input/crashkernel';
import type { Model, RunOptions, Simulation } from '../output/simulation';
import { BootmemBoot, SRC_2623 } from './bootmem-era/bootmem-boot';
import { bootUntilCrashkernel, retireBootmem } from './bootmem-era/bootmem-setup-arch';
import { reserveCrashUnchecked } from './bootmem-era/crash-unchecked';
import { drawCrashWindow, probeCrash } from './bootmem-era/crash-window';
import { nodeSpans } from './bootmem-era/nodes';

const SRC_KEXEC_ARCH = 'v2.6.23:arch/x86_64/kernel/machine_kexec.c';

export const bootmem2623: Model = {
  id: 'bootmem-2.6.23',
  kernel: '2.6.23',
  title: '2.6.23 x86_64: bootmem bitmap, no overlap checks',
  run: (s, o) => runBootmem2623(s, o),
};

export function runBootmem2623(s: Scenario, options: RunOptions = {}): Simulation {
  const boot = new BootmemBoot(new Recorder(), s, 'bootmem-2.6.23', options);
  return boot.run(() => {
    let crash: Crash2623 = {
      window: null,
      text: null,
      note: 'no crashkernel= on the command line',
    };
    bootUntilCrashkernel(boot, (key, value) => {
      if (key !== 'crashkernel') return;
      crash = parseCrashkernel2623([{ value }], crash);
      recordCrashParse(boot, crash, value ?? '');
    });
    probeCrash(boot, {
      spans: nodeSpans(boot),
      checked: false,
      align: PAGE_SIZE,
      automatic: false,
    });
    if (crash.window) reserveCrashUnchecked(boot, crash.window, '', 'generic', SRC_2623.setup);
    else boot.crash = { outcome: 'none', message: '', detail: crash.note };
    retireBootmem(boot);
  });
}

function recordCrashParse(boot: BootmemBoot, crash: Crash2623, value: string): void {
  if (crash.text !== value || !crash.window) {
    boot.ev({
      phase: 'cmdline',
      kind: 'param',
      label: 'crashkernel= ignored',
      owner: 'crashkernel',
      fn: 'setup_crashkernel',
      src: SRC_KEXEC_ARCH,
      explain: `crashkernel=${value} is ignored: 2.6.23 only understands size@offset.`,
    });
    return;
  }
  const w = crash.window;
  boot.ev({
    phase: 'cmdline',
    kind: 'crashkernel-parse',
    ...w,
    label: `crashkernel=${crash.text} recorded`,
    owner: 'crashkernel',
    fn: 'setup_crashkernel',
    src: SRC_KEXEC_ARCH,
    explain: `crashk_res is set to ${hex(w.start)}-${hex(w.end - 1)} (${humanSize(w.end - w.start)} at ${humanSize(w.start)}). Nothing is reserved or checked now; the reservation comes at the end of setup_arch().`,
  });
  drawCrashWindow(boot, w, 'crashk_res (recorded, not reserved)', 'recorded');
}
