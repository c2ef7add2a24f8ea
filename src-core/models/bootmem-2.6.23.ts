/**
 * Model bootmem-2.6.23: x86_64 setup_arch() to mem_init() on v2.6.23, then kexec loading the
 * kdump kernel. The order and the rules are those of arch/x86_64/kernel/setup.c,
 * arch/x86_64/mm/{numa,init}.c and mm/bootmem.c at v2.6.23 (see the reference notes in each
 * step). Every placement is computed here; nothing about the outcome is written in a preset.
 */
import { hex, humanSize, memparse } from '../addr';
import { parseCmdline } from '../cmdline';
import { formatE820Old, sanitizeE820 } from '../e820';
import type { Range } from '../range';
import { Recorder } from '../events';
import type { Scenario } from '../scenario';
import type { Model, RunOptions, Simulation } from '../simulation';
import { applyUserMap2623, parseMemOptions2623 } from './usermap-2.6.23';
import { X86BootmemBoot } from './x86-bootmem-boot';

const SRC_SETUP = 'v2.6.23:arch/x86_64/kernel/setup.c';
const SRC_E820 = 'v2.6.23:arch/x86_64/kernel/e820.c';
const SRC_KEXEC = 'v2.6.23:arch/x86_64/kernel/machine_kexec.c';

export const bootmem2623: Model = {
  id: 'bootmem-2.6.23',
  kernel: '2.6.23',
  title: '2.6.23 x86_64: bootmem bitmap, no overlap checks',
  run: (s, o) => runBootmem2623(s, o),
};

export function runBootmem2623(s: Scenario, options: RunOptions = {}): Simulation {
  const rec = new Recorder();
  const boot = new X86BootmemBoot(rec, s, 'bootmem-2.6.23', options);
  return boot.run(() => {
    const params = parseCmdline(s.cmdline);
    rec.event({
      phase: 'firmware',
      kind: 'start',
      start: s.kernel.text,
      end: s.kernel.end,
      label: 'setup_arch() starts',
      owner: 'kernel',
      fn: 'setup_arch',
      src: SRC_SETUP,
      dmesg: `Command line: ${s.cmdline}`,
      explain: `The kernel runs from ${hex(s.kernel.text)} to _end ${hex(s.kernel.end)} (${humanSize(s.kernel.end - s.kernel.text)}); the boot loader placed it there. Nothing is reserved yet: there is no allocator.`,
    });
    boot.drawLoaded();

    // 1. setup_memory_region(): sanitize_e820_map + copy_e820_map.
    const firmware = sanitizeE820(s.machine.e820);
    boot.setFirmwareMap(firmware, formatE820Old(firmware), SRC_E820);

    // 2. parse_early_param(): mem=, memmap=, numa=, crashkernel=.
    const mem = parseMemOptions2623(params);
    for (const m of mem.events) {
      rec.event({
        phase: 'cmdline',
        kind: 'param',
        start: m.start,
        end: m.end,
        label: m.label,
        owner: 'firmware',
        fn: m.fn,
        src: SRC_E820,
        explain: m.explain,
      });
    }
    if (params.some((p) => p.key === 'numa' && p.value === 'off')) {
      boot.numaOff = true;
      rec.event({
        phase: 'cmdline',
        kind: 'param',
        start: 0,
        end: 0,
        label: 'numa=off',
        owner: 'numa',
        fn: 'numa_setup',
        src: 'v2.6.23:arch/x86_64/mm/numa.c',
        explain: 'NUMA is turned off: one fake node will span all RAM.',
      });
    }
    const crash = parseCrashkernel2623(params.filter((p) => p.key === 'crashkernel'));
    recordCrashParse(boot, crash);

    // 3. finish_e820_parsing(): only prints the user map (no sanitize in 2.6.23).
    if (mem.userdef) {
      const user = applyUserMap2623(firmware, mem);
      boot.setUserMap(
        user,
        ['user-defined physical RAM map:', ...formatE820Old(user, 'user')],
        SRC_E820,
      );
    }
    boot.endUserPfn = mem.endUserPfn;

    boot.endOfRam();
    boot.discoverEbda();
    boot.initMemoryMapping();
    boot.numaInit();
    boot.reserveEarlyAreas();
    if (crash.window)
      boot.reserveCrashkernelUnchecked(crash.window, '', 'reserve_bootmem_generic', SRC_SETUP);
    else boot.noCrashkernel(crash.note);
    boot.pagingInit();
    boot.memInit();
    boot.kexecLoad();
  });
}

interface Crash2623 {
  window: Range | null;
  text: string | null;
  note: string;
}

/**
 * setup_crashkernel (v2.6.23 arch/x86_64/kernel/machine_kexec.c): memparse the size; if '@'
 * follows, memparse the base and record crashk_res. Anything else is silently ignored. Each
 * occurrence overwrites the previous one that had a base.
 */
export function parseCrashkernel2623(params: readonly { value: string | null }[]): Crash2623 {
  let window: Range | null = null;
  let text: string | null = null;
  let note = 'no crashkernel= on the command line';
  for (const p of params) {
    const v = p.value ?? '';
    const size = memparse(v, 0, 'kmg');
    if (v[size.end] !== '@' || size.value === null) {
      note = `crashkernel=${v} is ignored: 2.6.23 only understands size@offset`;
      continue;
    }
    const base = memparse(v, size.end + 1, 'kmg');
    if (base.value === null) continue;
    window = { start: base.value, end: base.value + size.value };
    text = v;
  }
  return { window, text, note };
}

function recordCrashParse(boot: X86BootmemBoot, crash: Crash2623): void {
  if (!crash.window) {
    if (crash.note.startsWith('crashkernel=')) {
      boot.rec.event({
        phase: 'cmdline',
        kind: 'param',
        start: 0,
        end: 0,
        label: 'crashkernel= ignored',
        owner: 'crashkernel',
        fn: 'setup_crashkernel',
        src: SRC_KEXEC,
        explain: crash.note,
      });
    }
    return;
  }
  const w = crash.window;
  boot.rec.event({
    phase: 'cmdline',
    kind: 'crashkernel-parse',
    start: w.start,
    end: w.end,
    label: `crashkernel=${crash.text} recorded`,
    owner: 'crashkernel',
    fn: 'setup_crashkernel',
    src: SRC_KEXEC,
    explain: `crashk_res is set to ${hex(w.start)}-${hex(w.end - 1)} (${humanSize(w.end - w.start)} at ${humanSize(w.start)}). Nothing is reserved or checked now; the reservation comes at the end of setup_arch().`,
  });
  boot.crashWindow = boot.rec.region({
    lane: 'crashkernel',
    start: w.start,
    end: w.end,
    label: 'crashk_res (recorded, not reserved)',
    owner: 'crashkernel',
  });
}
