/**
 * Allocations from the nodes' bootmem as both bitmap generations (2.6.23, 2.6.27) make them:
 * __alloc_bootmem over bdata_list in address order, and alloc_bootmem_low for the ACPI wakeup
 * pages.
 */
import { hex, PAGE_SIZE, pfnDown, pfnUp } from '../../base/addr';
import { KernelBug } from '../../allocators/bootmem/bootmem';
import type { X86Boot } from './boot';
import { claim } from './conflicts';

/** __alloc_bootmem_core over the nodes in address order (bdata_list, sorted by link_bootmem). */
export function allocGlobal(
  boot: X86Boot,
  size: number,
  align: number,
  goal: number,
  limit: number,
): { addr: number; node: number } | null {
  const order = [...boot.bdata.entries()].sort((a, b) => a[1].startPfn - b[1].startPfn);
  for (const [node, core] of order) {
    const addr = core.alloc(size, align, goal, limit);
    if (addr !== null) return { addr, node };
  }
  return null;
}

/** Record the bits an allocation set, as part of the latest event. */
export function allocBits(boot: X86Boot, a: { addr: number; node: number }, size: number): void {
  boot.rec.bits(a.node, 'set', { start: pfnDown(a.addr), end: pfnUp(a.addr + size) });
}

/**
 * acpi_reserve_bootmem → alloc_bootmem_low(8 KiB): the first two free pages from address 0,
 * below 4 GiB. The 2.6.23 step does not name the node that gave them (`namesNode`).
 */
export function acpiWakeupBootmem(
  boot: X86Boot,
  src: string,
  explain: (addr: number) => string,
  namesNode: boolean,
): void {
  const size = 2 * PAGE_SIZE;
  const got = allocGlobal(boot, size, boot.kernel.rules.l1CacheBytes, 0, 0xffffffff);
  if (got === null) throw new KernelBug('Out of low memory', '__alloc_bootmem_low');
  const r = { start: got.addr, end: got.addr + size };
  boot.ev({
    phase: 'reserve',
    kind: 'alloc',
    ...r,
    ...(namesNode ? { node: got.node } : {}),
    label: `ACPI wakeup code at ${hex(got.addr)}`,
    owner: 'acpi',
    fn: 'acpi_reserve_bootmem',
    src,
    explain: explain(got.addr),
  });
  allocBits(boot, got, size);
  boot.rec.region({
    lane: 'reserved',
    ...r,
    label: 'ACPI wakeup (alloc_bootmem_low)',
    owner: 'acpi',
    alloc: true,
    node: got.node,
  });
  claim(boot, { start: pfnDown(r.start), end: pfnUp(r.end) }, 'acpi', 'ACPI wakeup');
}
