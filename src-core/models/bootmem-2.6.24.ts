/**
 * Model bootmem-2.6.24: the 2.6.23 allocator and sequence, with the new reserve_crashkernel()
 * of v2.6.24 arch/x86/kernel/setup_64.c just before paging_init(): parse_crashkernel (ranges
 * allowed), print "Reserving ..." first, then reserve_bootmem(base, size) on node 0's bitmap
 * with no check. Without a base: "you have to specify a base address".
 */
import { hex, humanSize, PAGE_SIZE } from '../addr';
import { parseCmdline } from '../cmdline';
import { DIALECT_2_6_24, findCrashkernel, resolveCrashkernel } from '../crashkernel';
import { Recorder } from '../events';
import type { Scenario } from '../scenario';
import type { Model, RunOptions, Simulation } from '../simulation';
import { BootmemBoot } from './x86/bootmem-boot';
import { bootUntilCrashkernel, retireBootmem } from './x86/bootmem-setup-arch';
import { reserveCrashUnchecked } from './x86/crash-unchecked';
import { crashNotUnderstood, probeCrash, reservingMessage } from './x86/crash-window';
import { nodeSpans } from './x86/nodes';

const SRC = 'v2.6.24:arch/x86/kernel/setup_64.c';
const SRC_PARSE = 'v2.6.24:kernel/kexec.c';

export const bootmem2624: Model = {
  id: 'bootmem-2.6.24',
  kernel: '2.6.24–2.6.26',
  title: '2.6.24 x86_64: a "Reserving" message, still no check',
  run: (s, o) => runBootmem2624(s, o),
};

export function runBootmem2624(s: Scenario, options: RunOptions = {}): Simulation {
  const boot = new BootmemBoot(new Recorder(), s, 'bootmem-2.6.24', options);
  return boot.run(() => {
    bootUntilCrashkernel(boot);
    // reserve_bootmem() marks node 0's bitmap only: a window outside node 0 hits a BUG.
    probeCrash(boot, {
      spans: nodeSpans(boot).slice(0, 1),
      checked: false,
      align: PAGE_SIZE,
      automatic: false,
    });
    reserveCrashkernel2624(boot);
    retireBootmem(boot);
  });
}

function reserveCrashkernel2624(boot: BootmemBoot): void {
  // free_mem = (max_low_pfn - min_low_pfn) << PAGE_SHIFT; on x86_64 max_low_pfn = end_pfn.
  const ram = boot.endPfn * PAGE_SIZE;
  const opt = findCrashkernel(parseCmdline(boot.s.cmdline), DIALECT_2_6_24).main;
  if (!opt) return;
  const fail = (message: string, dmesg: string) => {
    boot.ev({
      phase: 'crashkernel',
      kind: 'crashkernel',
      label: 'crashkernel reservation failed',
      owner: 'crashkernel',
      fn: 'reserve_crashkernel',
      src: SRC,
      explain: message,
      dmesg,
    });
    boot.crash = { outcome: 'failed', message: dmesg, detail: message };
  };
  if (!opt.parse.ok) {
    crashNotUnderstood(
      boot,
      SRC_PARSE,
      `crashkernel=${opt.param.value}: ${opt.parse.error.message}; nothing is reserved.`,
      opt.parse.error.message,
    );
    boot.crash = {
      outcome: 'none',
      message: opt.parse.error.message,
      detail: 'the option could not be parsed',
    };
    return;
  }
  const r = resolveCrashkernel(opt.parse.spec, ram, DIALECT_2_6_24);
  if (!r.ok) {
    boot.crash = {
      outcome: 'none',
      message: r.message,
      detail: 'parse_crashkernel refused the size',
    };
    return;
  }
  if (r.size === 0) return;
  if (r.base === 0)
    return fail(
      '2.6.24 cannot place the crashkernel by itself: the option needs @offset.',
      'crashkernel reservation failed - you have to specify a base address',
    );
  const w = { start: r.base, end: r.base + r.size };
  const message = reservingMessage(r.size, r.base, ram);
  reserveCrashUnchecked(boot, w, message, 'node0', SRC);
  const ev = boot.rec.events[boot.rec.events.length - 1];
  if (ev)
    ev.explain = `The message is printed before reserve_bootmem(${hex(w.start)}, ${humanSize(r.size)}) marks node 0's bitmap; ${ev.explain}`;
}
