/**
 * After boot, `kexec -p` loads the kdump kernel into the reserved crash window: whatever the
 * page allocator was given there is overwritten (kernel/kexec.c of each generation).
 */
import { humanSize } from '../../base/addr';
import { E820_RAM } from '../../input/e820';
import { normalize, setIntersect } from '../../base/range';
import type { X86Boot } from './boot';
import { describe, finding } from './conflicts';

export function kexecLoad(boot: X86Boot): void {
  const c = boot.crash;
  if (c.outcome !== 'reserved' || c.start === undefined || c.end === undefined) return;
  const w = { start: c.start, end: c.end };
  // e820_reserve_resources inserts "Crash kernel" under a System RAM resource only when the
  // window lies inside one usable entry; kexec-tools finds no window otherwise.
  if (!boot.e820.some((e) => e.type === E820_RAM && e.start <= w.start && e.end >= w.end)) {
    boot.ev({
      phase: 'kexec',
      kind: 'kexec-refused',
      ...w,
      label: 'kexec cannot load the kdump kernel',
      owner: 'kdump',
      fn: 'kexec_load',
      src: boot.src.kexec,
      explain: `The window ${describe(w)} is not inside one usable e820 entry, so no "Crash kernel" region appears in /proc/iomem and kexec -p refuses to load.`,
    });
    return;
  }
  boot.buddy = normalize(boot.buddy);
  const hit = setIntersect([w], boot.buddy);
  const total = hit.reduce((t, r) => t + r.end - r.start, 0);
  const ev = boot.ev({
    phase: 'kexec',
    kind: 'kexec-load',
    ...w,
    label: 'kexec loads the kdump kernel',
    owner: 'kdump',
    fn: 'kexec_load',
    src: boot.src.kexec,
    explain: hit.length
      ? `kexec copies the kdump kernel into the crashkernel window, but the page allocator has been handing out ${hit.map(describe).join(', ')} of it since boot${hit.length > 1 ? ` (${humanSize(total)} in all)` : ''}: whatever lives there is overwritten.`
      : 'kexec copies the kdump kernel into the crashkernel window; no page of it was ever given to the page allocator.',
  });
  for (const r of hit)
    finding(
      boot,
      'kdump-corruption',
      r,
      `kexec overwrote ${describe(r)}, pages the running kernel had been using.`,
      ev.step,
    );
  boot.rec.region({ lane: 'reserved', ...w, label: 'kdump kernel (loaded)', owner: 'kdump' });
}
