/**
 * Model bootmem-2.6.24 (2.6.24 to 2.6.26): the 2.6.23 allocator and sequence, with the new
 * reserve_crashkernel() of v2.6.24 arch/x86/kernel/setup_64.c just before paging_init():
 * parse_crashkernel (ranges allowed), then reserve_bootmem(base, size) on node 0's bitmap.
 * 2.6.24 prints "Reserving ..." first and checks nothing; from 2.6.25 (rule crashReserve) the
 * reservation is BOOTMEM_EXCLUSIVE and fails with "memory is in use", and "Reserving ..."
 * follows success. Without a base: "you have to specify a base address".
 */
import { hex, humanSize, PAGE_SIZE, pfnDown, pfnUp } from '../base/addr';
import { KernelBug } from '../allocators/bootmem/bootmem';
import type { Range } from '../base/range';
import { parseCmdline } from '../input/cmdline';
import { findCrashkernel, kexecDialect, resolveCrashkernel } from '../input/crashkernel';
import { Recorder } from '../output/events';
import type { Scenario } from '../input/scenario';
import type { Model, RunOptions, Simulation } from '../output/simulation';
import { BootmemBoot } from './bootmem-era/bootmem-boot';
import { bootUntilCrashkernel, retireBootmem } from './bootmem-era/bootmem-setup-arch';
import { reserveCrashUnchecked } from './bootmem-era/crash-unchecked';
import { claim } from './bootmem-era/conflicts';
import {
  crashFailed,
  crashNotUnderstood,
  crashReserved,
  probeCrash,
  reservingMessage,
} from './bootmem-era/crash-window';
import { nodeSpans } from './bootmem-era/nodes';

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
      checked: boot.kernel.rules.crashReserve === 'exclusive',
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
  const dialect = kexecDialect(boot.kernel.rules);
  const opt = findCrashkernel(parseCmdline(boot.s.cmdline), dialect).main;
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
  const r = resolveCrashkernel(opt.parse.spec, ram, dialect);
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
  if (boot.kernel.rules.crashReserve === 'exclusive') return reserveExclusive2625(boot, w, ram);
  const message = reservingMessage(r.size, r.base, ram);
  reserveCrashUnchecked(boot, w, message, 'node0', SRC);
  const ev = boot.rec.events[boot.rec.events.length - 1];
  if (ev)
    ev.explain = `The message is printed before reserve_bootmem(${hex(w.start)}, ${humanSize(r.size)}) marks node 0's bitmap; ${ev.explain}`;
}

/**
 * reserve_bootmem(base, size, BOOTMEM_EXCLUSIVE) (commits 72a7fe39, 18a01a3b, v2.6.25
 * mm/bootmem.c and arch/x86/kernel/setup_64.c): node 0's bitmap; the first page already set
 * undoes this call's bits and fails the reservation, with no period after "in use".
 */
function reserveExclusive2625(boot: BootmemBoot, w: Range, ram: number): void {
  const node = boot.nodes[0]?.node ?? 0;
  const core = boot.bdata.get(node);
  const nodeEnd = (core?.lowPfn ?? 0) * PAGE_SIZE;
  if (!core || w.end > nodeEnd)
    throw new KernelBug(
      `reserve_bootmem: [${hex(w.start)}, ${hex(w.end)}) leaves node ${node}'s bitmap`,
      'reserve_bootmem_core',
    );
  const busy = core.reserveExclusive(w.start, w.end - w.start);
  if (busy.length) {
    const taken = boot.claims
      .filter((c) => busy.some((b) => b.start < c.pages.end && b.end > c.pages.start))
      .map((c) => c.label);
    return crashFailed(
      boot,
      boot.kernel.rules.crashInUse,
      `BOOTMEM_EXCLUSIVE found pages ${busy.map((b) => `${hex(b.start)}-${hex(b.end - 1)}`).join(', ')} already reserved${taken.length ? ` (${[...new Set(taken)].join(', ')})` : ''}, undid its bits and returned -EBUSY: the boot goes on without a crash kernel.`,
      w,
    );
  }
  boot.rec.bits(node, 'set', { start: pfnDown(w.start), end: pfnUp(w.end) });
  claim(boot, { start: pfnDown(w.start), end: pfnUp(w.end) }, 'crashkernel', 'crashkernel');
  crashReserved(
    boot,
    w,
    ram,
    `Every page of the window was free in node ${node}'s bitmap, so the exclusive reservation succeeded; "Reserving …" is printed after it.`,
  );
}
