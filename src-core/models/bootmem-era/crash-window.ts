/**
 * The crashkernel window as every 2.6 generation handles it: the advisor probe at the point a
 * model reserves it, the window drawn (recorded or reserved), the "Reserving" message from
 * 2.6.24 on, and the parse and outcome steps of reserve_crashkernel.
 */
import { hex, PAGE_SIZE, pageAlign, pfnDown, toMB } from '../../base/addr';
import { E820_RAM } from '../../input/e820';
import { normalize, type Range } from '../../base/range';
import type { CrashWindowStatus } from '../../output/events';
import type { CrashProbe } from '../../output/simulation';
import type { X86Boot } from './boot';

/**
 * Tell the advisor what is taken where the crashkernel would be reserved: the claims so far
 * plus `extra` (early_res entries), usable RAM below the end of RAM, and the model's rules.
 */
export function probeCrash(
  boot: X86Boot,
  rules: Pick<CrashProbe, 'spans' | 'checked' | 'align' | 'automatic' | 'later'>,
  extra: CrashProbe['taken'] = [],
): void {
  if (!boot.options.onCrashPoint) return;
  const taken = boot.claims.map((c) => ({
    start: c.pages.start * PAGE_SIZE,
    end: c.pages.end * PAGE_SIZE,
    label: c.label,
    owner: c.owner,
  }));
  const ram = normalize(
    boot.e820
      .filter((e) => e.type === E820_RAM)
      .map((e) => ({
        start: pageAlign(e.start),
        end: Math.min(pfnDown(e.end), boot.endPfn) * PAGE_SIZE,
      })),
  );
  boot.options.onCrashPoint({ taken: [...taken, ...extra], ram, ...rules });
}

/** Draw the crash window under `label`, ending the drawing it replaces. */
export function drawCrashWindow(
  boot: X86Boot,
  w: Range,
  label: string,
  crash: CrashWindowStatus,
): void {
  if (boot.crashWindow) boot.rec.end(boot.crashWindow);
  boot.crashWindow = boot.rec.region({
    lane: 'crashkernel',
    ...w,
    label,
    owner: 'crashkernel',
    crash,
  });
}

export const drawCrashReserved = (boot: X86Boot, w: Range): void =>
  drawCrashWindow(boot, w, 'crashkernel window (reserved)', 'reserved');

/** What reserve_crashkernel prints from 2.6.24 on, before or after reserving. */
export const reservingMessage = (size: number, base: number, ram: number): string =>
  `Reserving ${toMB(size)}MB of memory at ${toMB(base)}MB for crashkernel (System RAM: ${toMB(ram)}MB)`;

/** parse_crashkernel did not understand the option: what it printed, and why. */
export function crashNotUnderstood(
  boot: X86Boot,
  src: string,
  explain: string,
  message: string,
): void {
  boot.ev({
    phase: 'crashkernel',
    kind: 'crashkernel-parse',
    label: 'crashkernel= not understood',
    owner: 'crashkernel',
    fn: 'parse_crashkernel',
    src,
    explain,
    dmesg: message,
  });
}

/** reserve_crashkernel succeeded: the message, the window and the outcome. */
export function crashReserved(boot: X86Boot, w: Range, ram: number, how: string): void {
  const msg = reservingMessage(w.end - w.start, w.start, ram);
  boot.ev({
    phase: 'crashkernel',
    kind: 'crashkernel',
    ...w,
    label: `crashkernel reserved at ${hex(w.start)}`,
    owner: 'crashkernel',
    fn: 'reserve_crashkernel',
    src: boot.src.setup,
    dmesg: msg,
    explain: how,
  });
  drawCrashReserved(boot, w);
  boot.crash = { outcome: 'reserved', ...w, message: msg, detail: how };
}

export function crashFailed(boot: X86Boot, message: string, detail: string, w?: Range): void {
  boot.ev({
    phase: 'crashkernel',
    kind: 'crashkernel',
    ...(w ?? {}),
    label: 'crashkernel reservation failed',
    owner: 'crashkernel',
    fn: 'reserve_crashkernel',
    src: boot.src.setup,
    dmesg: message,
    explain: detail,
  });
  // The window asked for stays on the bar, dashed, so what stood in its way can be seen.
  if (w) drawCrashWindow(boot, w, 'crashkernel window (refused)', 'refused');
  boot.crash = { outcome: 'failed', message, detail };
}
