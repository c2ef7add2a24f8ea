/**
 * The 2.6.23/2.6.24 crashkernel reservation, with no check at all: reserve_bootmem_generic on
 * the node of the base (2.6.23) or reserve_bootmem on node 0's bitmap (2.6.24). Pages anyone
 * already holds are reserved again, silently; the double reservation is a finding.
 */
import { humanSize } from '../../base/addr';
import type { Range } from '../../base/range';
import type { BootmemBoot } from './bootmem-boot';
import { reserveGeneric, reserveNode } from './bootmem-reserve';
import { drawCrashReserved } from './crash-window';

/** `message` is what the kernel printed first. */
export function reserveCrashUnchecked(
  boot: BootmemBoot,
  w: Range,
  message: string,
  how: 'generic' | 'node0',
  src: string,
): void {
  const before = boot.findings.length;
  const label = `crashkernel ${humanSize(w.end - w.start)}@${humanSize(w.start)}`;
  const done =
    how === 'generic'
      ? reserveGeneric(
          boot,
          w.start,
          w.end - w.start,
          'crashkernel',
          label,
          'reserve_bootmem_generic',
          'crashkernel',
          message,
        )
      : reserveNode(
          boot,
          boot.nodes[0]?.node ?? 0,
          w.start,
          w.end - w.start,
          'crashkernel',
          label,
          'reserve_bootmem',
          'crashkernel',
          message,
        );
  const ev = boot.rec.events[boot.rec.events.length - 1];
  if (ev) {
    ev.src = src;
    ev.explain += ' Nothing checks whether anything else already uses these pages.';
  }
  if (!done) {
    boot.crash = {
      outcome: 'none',
      message,
      detail: 'the window lies above the end of RAM, so nothing was reserved',
    };
    return;
  }
  drawCrashReserved(boot, w);
  const overlaps = boot.findings.length - before;
  boot.crash = {
    outcome: 'reserved',
    ...w,
    message,
    detail: overlaps
      ? `reserved on top of ${overlaps} earlier reservation(s), silently`
      : 'reserved',
  };
}
