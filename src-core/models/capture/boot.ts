/**
 * After kexec: the capture kernel boots in the crash window. The crashed kernel's run gives
 * the window; kexec's loader gives the capture kernel's map and where its image and initrd sit
 * (layout.ts); the same model then boots the derived scenario (scenario.ts) with the same
 * version-exact rules as the first kernel, and the result says what its page allocator has once
 * boot is done and what the dump's userspace needs of it (needs.ts).
 */
import { KiB, MiB } from '../../base/addr';
import { E820_RAM } from '../../input/e820';
import { regionsAt } from '../../output/events';
import { setLength, normalize } from '../../base/range';
import type { Scenario } from '../../input/scenario';
import type { EarlyOp } from '../../input/scenario-6.1';
import type { RunOptions, Simulation } from '../../output/simulation';
import {
  captureCmdline,
  kexecLayout,
  type CaptureImage,
  type CaptureLayout,
  type Loader,
} from './layout';
import { userspaceNeeds, type Need } from './needs';
import { captureRam, captureScenario, runWithFrees } from './scenario';

/** What kdump appends to the capture kernel's command line (RHEL's KDUMP_COMMANDLINE_APPEND and
 * Debian's KDUMP_CMDLINE_APPEND share these). */
export const DEFAULT_APPEND = 'irqpoll nr_cpus=1 reset_devices';
/** A kdump initramfs as dracut builds it for a local disk target (RHEL 8/9: 26-35 MiB). */
export const DEFAULT_INITRD = 32 * MiB;
/** Debian 6.1.0-56 amd64 bzImage header: init_size 0x3f98000, kernel_alignment 2 MiB. */
const INIT_SIZE_6_1 = 0x3f98000;
const KERNEL_ALIGN = 2 * MiB;
/** The init sections free_initmem returns to the page allocator after boot (Debian 6.1: 2824K). */
const INIT_SECTIONS_6_1 = 2824 * KiB;

export interface CaptureOptions {
  /** kexec_file_load for generations that have it (3.17+), else kexec_load. */
  loader?: Loader;
  append?: string;
  /** The kdump initramfs file, bytes. */
  initrd?: number;
  /** Its unpacked size, bytes, when known. */
  initrdUnpacked?: number;
  /**
   * Possible CPUs of the crashed kernel (nr_cpu_ids) and per-CPU pages of its first chunk, from
   * a log's `setup_percpu:` and `percpu: Embedded N pages/cpu` lines when the scenario's early
   * requests do not cover them.
   */
  cpus?: number;
  percpuPages?: number;
}

export type Run = (s: Scenario, o?: RunOptions) => Simulation;

export interface CaptureBoot {
  loader: Loader;
  layout: CaptureLayout;
  cmdline: string;
  scenario: Scenario;
  sim: Simulation;
  /** The capture kernel's RAM, bytes. */
  ram: number;
  /** What the page allocator has once boot is done (free pages, init sections, the freed initrd). */
  afterBoot: number;
  needs: Need[];
  /** afterBoot − needs: negative when the dump's userspace runs out. */
  left: number;
  /** The machine's RAM the dump covers (makedumpfile's bitmaps follow it). */
  dumpedRam: number;
}

export type CaptureResult = { ok: true; boot: CaptureBoot } | { ok: false; error: string };

/** The generation's loader when none is asked for: kexec_file_load exists from 3.17 on. */
export const defaultLoader = (model: string): Loader =>
  model === 'memblock-6.1' ? 'kexec_file_load' : 'kexec_load';

/** Memory the page allocator holds at the end of a run, bytes. */
function managedAtEnd(sim: Simulation): number {
  if (sim.memory) return sim.memory.managed;
  const last = sim.events.length - 1;
  return setLength(normalize(regionsAt(sim.regions, last).filter((r) => r.lane === 'buddy')));
}

/**
 * Boot the capture kernel of a finished run. `run` is the model's run function (the same model
 * as the crashed kernel's), `template` the early requests to use when the scenario has none.
 */
export function bootCaptureKernel(
  first: Simulation,
  run: Run,
  template: readonly EarlyOp[],
  options: CaptureOptions = {},
): CaptureResult {
  const c = first.crashkernel;
  if (c.outcome !== 'reserved' || c.start === undefined || c.end === undefined)
    return {
      ok: false,
      error: 'no crash window was reserved, so there is no capture kernel to boot',
    };
  const s = first.scenario;
  const loader = options.loader ?? defaultLoader(first.model);
  const initrd = options.initrd ?? DEFAULT_INITRD;
  const image: CaptureImage = {
    size: s.kernel.end - s.kernel.text,
    initSize: Math.max(INIT_SIZE_6_1, s.kernel.end - s.kernel.text),
    align: KERNEL_ALIGN,
    initrd,
  };
  const firmware = s.machine.e820;
  const lay = kexecLayout({
    loader,
    window: { start: c.start, end: c.end },
    low: c.low ?? null,
    image,
    firmware,
    cpus: options.cpus ?? s.kernel.memblock?.possibleCpus ?? 1,
  });
  if (!lay.ok) return lay;
  const layout = lay.layout;
  const cmdline = captureCmdline(s.cmdline, options.append ?? DEFAULT_APPEND, layout.args);
  const made = captureScenario({
    first,
    template,
    layout,
    cmdline,
    ...(options.cpus ? { cpus: options.cpus } : {}),
    ...(options.percpuPages ? { percpuPages: options.percpuPages } : {}),
  });
  const { scenario, sim } = runWithFrees(made, (x) => run(x, { noCapture: true }));
  const ram = setLength(captureRam(layout));
  const dumpedRam = setLength(normalize(firmware.filter((e) => e.type === E820_RAM)));
  const freedLater = sim.panic ? 0 : INIT_SECTIONS_6_1 + (layout.initrd ? initrd : 0);
  const afterBoot = sim.panic ? 0 : managedAtEnd(sim) + freedLater;
  const needs = userspaceNeeds(dumpedRam, initrd, options.initrdUnpacked);
  const left = afterBoot - needs.reduce((t, n) => t + n.bytes, 0);
  return {
    ok: true,
    boot: { loader, layout, cmdline, scenario, sim, ram, afterBoot, needs, left, dumpedRam },
  };
}
