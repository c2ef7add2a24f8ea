/**
 * A capture (kdump) kernel's boot in a log, and how it failed.
 *
 * It is recognised by what kexec gives it: `elfcorehdr=` on the command line (every loader
 * passes it, v6.1 kernel/crash_dump.c setup_elfcorehdr), or a `memmap=exactmap` user map. Its
 * RAM is the user map when printed, else the firmware map kexec built; the crash window is the
 * largest RAM range above 1 MiB. Failures: the OOM killer's lines, "System is deadlocked on
 * memory" (v6.1 mm/oom_kill.c out_of_memory when nothing is left to kill) and any panic.
 */
import { hex, humanSize, KiB, MiB } from '../base/addr';
import { E820_RAM } from '../input/e820';
import { normalize, type Range } from '../base/range';
import type { Finding } from '../output/simulation';
import type { LogLine } from './types';
import type { ImportedBootFull } from './types';

export interface CaptureFailure {
  line: number;
  text: string;
  kind: 'oom' | 'deadlock' | 'panic';
}

export interface CaptureBootFacts {
  /** The boot's 1-based number in the file. */
  boot: number;
  /** elfcorehdr= address, when given. */
  elfcorehdr: number | null;
  /** The capture kernel's RAM. */
  ram: Range[];
  /** The crash window: its largest RAM range above 1 MiB. */
  window: Range | null;
  availableK: number | null;
  failure: CaptureFailure | null;
}

const OOM =
  /\b(Out of memory|invoked oom-killer|oom-kill:|Out of memory and no killable processes)/;
const DEADLOCK = /System is deadlocked on memory/;

/** elfcorehdr=[size@]offset, memparse syntax (K for kexec-tools' `900536K`). */
function elfcorehdr(cmdline: string): number | null {
  const m =
    /(?:^|\s)elfcorehdr=(?:[0-9a-fx]{1,18}[kmg]?@)?(0x[0-9a-f]{1,16}|\d{1,20})([kmg]?)(?=\s|$)/i.exec(
      cmdline,
    );
  if (!m) return null;
  const unit = { '': 1, k: KiB, m: MiB, g: 1024 * MiB }[(m[2] ?? '').toLowerCase()] ?? 1;
  return Number(m[1]) * unit;
}

const ramOf = (map: ImportedBootFull['e820']): Range[] =>
  normalize(map.filter((e) => e.type === E820_RAM));

/**
 * A user map that keeps one RAM range above 1 MiB (or two, with a low part) out of much more
 * firmware RAM: what kexec's exactmap leaves, even where the command line was cut off.
 */
function kexecUserMap(boot: ImportedBootFull): boolean {
  if (!boot.e820User) return false;
  const high = (rs: Range[]) => rs.filter((r) => r.end > MiB);
  const user = high(ramOf(boot.e820User));
  const total = (rs: Range[]) => rs.reduce((t, r) => t + r.end - r.start, 0);
  return user.length >= 1 && user.length <= 2 && total(user) * 2 < total(high(ramOf(boot.e820)));
}

/** The capture-kernel facts of a boot, or null when it is not a capture kernel's. */
export function captureBootOf(
  boot: ImportedBootFull,
  lines: readonly LogLine[],
): CaptureBootFacts | null {
  const cmd = boot.cmdline ?? '';
  const hdr = elfcorehdr(cmd);
  const exactmap = /(?:^|\s)memmap=exactmap(?:\s|$)/.test(cmd) && boot.e820User !== null;
  if (hdr === null && !exactmap && !kexecUserMap(boot)) return null;
  const ram = ramOf(boot.e820User ?? boot.e820);
  const high = ram
    .filter((r) => r.end > MiB)
    .map((r) => ({ start: Math.max(r.start, MiB), end: r.end }));
  const window = high.reduce<Range | null>(
    (w, r) => (!w || r.end - r.start > w.end - w.start ? r : w),
    null,
  );
  let failure: CaptureFailure | null = null;
  for (const l of lines) {
    const kind = DEADLOCK.test(l.text) ? 'deadlock' : OOM.test(l.text) ? 'oom' : null;
    if (kind && (!failure || kind === 'deadlock'))
      failure = { line: l.line, text: l.text.trim(), kind };
    if (kind === 'deadlock') break;
  }
  if (!failure && boot.panic) failure = { ...boot.panic, kind: 'panic' };
  return {
    boot: boot.number,
    elfcorehdr: hdr,
    ram,
    window,
    availableK: boot.memory?.availableK ?? null,
    failure,
  };
}

/** The crashed kernel's estimate, as the finding quotes it. */
export interface EstimateNote {
  size: number;
  fromBoot: number;
}

/** A `kdump-oom` finding for a capture kernel that ran out of memory (null otherwise). */
export function kdumpOomFinding(
  c: CaptureBootFacts,
  estimate: EstimateNote | string,
  step: number,
): Finding | null {
  if (!c.failure || c.failure.kind === 'panic' || !c.window) return null;
  const w = c.window;
  const size = w.end - w.start;
  const est =
    typeof estimate === 'string'
      ? `No estimate: ${estimate}.`
      : `The estimate for the crashed machine (boot ${estimate.fromBoot}) is crashkernel=${Math.round(estimate.size / MiB)}M (${humanSize(estimate.size)})${estimate.size > size ? `, ${humanSize(estimate.size - size)} more than it had` : ''}.`;
  return {
    kind: 'kdump-oom',
    start: w.start,
    end: w.end,
    step,
    detail: `The capture kernel (boot ${c.boot}) ran out of memory in its ${humanSize(size)} window [mem ${hex(w.start)}-${hex(w.end - 1)}]${c.availableK !== null ? ` (${c.availableK}K available after early boot)` : ''}: "${c.failure.text}" (line ${c.failure.line}). ${est}`,
  };
}
