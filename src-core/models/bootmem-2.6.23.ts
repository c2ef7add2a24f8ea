/**
 * Model bootmem-2.6.23: x86_64 setup_arch() to mem_init() on v2.6.23, then kexec loading the
 * kdump kernel. The crashkernel is only recorded while parsing the command line and reserved
 * at the end of setup_arch() with no check and no message. Every placement is computed; nothing
 * about the outcome is written in a preset.
 */
import { hex, humanSize, memparse, PAGE_SIZE } from '../addr';
import { hasParam, parseCmdline } from '../cmdline';
import { formatE820Old, sanitizeE820 } from '../e820';
import { Recorder } from '../events';
import type { Range } from '../range';
import type { Scenario } from '../scenario';
import type { Model, RunOptions, Simulation } from '../simulation';
import { BootmemBoot, MAXMEM_PFN, SRC_2623 } from './x86/bootmem-boot';
import { applyUserMap2623, parseMemOptions2623 } from './x86/usermap-2.6.23';

const SRC_KEXEC_ARCH = 'v2.6.23:arch/x86_64/kernel/machine_kexec.c';

export const bootmem2623: Model = {
  id: 'bootmem-2.6.23',
  kernel: '2.6.23',
  title: '2.6.23 x86_64: bootmem bitmap, no overlap checks',
  run: (s, o) => runBootmem2623(s, o),
};

/**
 * The part of setup_arch() up to the crashkernel that 2.6.23 and 2.6.24 share: map, early
 * parameters, end of RAM, EBDA, page tables, NUMA with per-node bootmem, and the reservations.
 */
export function bootUntilCrashkernel(
  boot: BootmemBoot,
  onParam?: (key: string, value: string | null) => void,
): void {
  const s = boot.s;
  const params = parseCmdline(s.cmdline);
  boot.start();
  const firmware = sanitizeE820(s.machine.e820);
  boot.setFirmwareMap(firmware, formatE820Old(firmware));
  const mem = parseMemOptions2623(params);
  for (const m of mem.events)
    boot.ev({
      phase: 'cmdline',
      kind: 'param',
      start: m.start,
      end: m.end,
      label: m.label,
      owner: 'firmware',
      fn: m.fn,
      src: SRC_2623.e820,
      explain: m.explain,
    });
  if (hasParam(params, 'numa', 'off')) {
    boot.numaOff = true;
    boot.ev({
      phase: 'cmdline',
      kind: 'param',
      label: 'numa=off',
      owner: 'numa',
      fn: 'numa_setup',
      src: SRC_2623.numa,
      explain: 'NUMA is turned off: one fake node will span all RAM.',
    });
  }
  for (const p of params) onParam?.(p.key, p.value);
  // finish_e820_parsing(): only prints the user map (no sanitize in 2.6.23).
  if (mem.userdef) {
    const user = applyUserMap2623(firmware, mem);
    boot.setUserMap(user, ['user-defined physical RAM map:', ...formatE820Old(user, 'user')]);
  }
  boot.endUserPfn = mem.endUserPfn;
  boot.endOfRam(MAXMEM_PFN, (_end, map) => `end_pfn_map = ${map}`);
  boot.discoverEbda();
  boot.initMemoryMapping();
  boot.numaInit();
  boot.reserveEarlyAreas();
}

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
    boot.probeCrash({
      spans: boot.nodeSpans(),
      checked: false,
      align: PAGE_SIZE,
      automatic: false,
    });
    if (crash.window) boot.reserveCrashUnchecked(crash.window, '', 'generic', SRC_2623.setup);
    else boot.crash = { outcome: 'none', message: '', detail: crash.note };
    boot.zonesInit();
    boot.memInit();
    boot.kexecLoad();
  });
}

export interface Crash2623 {
  window: Range | null;
  text: string | null;
  note: string;
}

/**
 * setup_crashkernel (v2.6.23 arch/x86_64/kernel/machine_kexec.c): memparse the size; if '@'
 * follows, memparse the base and record crashk_res. Anything else is silently ignored; each
 * occurrence with a base overwrites the previous one.
 */
export function parseCrashkernel2623(
  params: readonly { value: string | null }[],
  prev?: Crash2623,
): Crash2623 {
  let out: Crash2623 = prev ?? {
    window: null,
    text: null,
    note: 'no crashkernel= on the command line',
  };
  for (const p of params) {
    const v = p.value ?? '';
    const size = memparse(v, 0, 'kmg');
    const base = v[size.end] === '@' ? memparse(v, size.end + 1, 'kmg') : null;
    if (size.value === null || !base?.digits || base.value === null) {
      out = {
        ...out,
        note: out.window
          ? out.note
          : `crashkernel=${v} is ignored: 2.6.23 only understands size@offset`,
      };
      continue;
    }
    out = { window: { start: base.value, end: base.value + size.value }, text: v, note: '' };
  }
  return out;
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
  if (boot.crashWindow) boot.rec.end(boot.crashWindow);
  boot.crashWindow = boot.rec.region({
    lane: 'crashkernel',
    ...w,
    label: 'crashk_res (recorded, not reserved)',
    owner: 'crashkernel',
  });
}
