/**
 * Reservations in the 2.6.23/2.6.24 bitmaps: reserve_bootmem_core on one node, silent about
 * pages already set (a double reservation is recorded as a finding), reserve_bootmem_generic
 * by address, and the reservations at the end of setup_arch() (v2.6.23
 * arch/x86_64/kernel/setup.c, arch/x86_64/mm/init.c).
 */
import { hex, hexPad, PAGE_SIZE, pfnDown, pfnUp } from '../../base/addr';
import { KernelBug } from '../../allocators/bootmem/bootmem';
import type { Owner, Phase } from '../../output/events';
import { nodeOf } from '../../input/numa';
import { acpiWakeupBootmem } from './bootmem-alloc';
import { SRC_2623, SRC_BOOTMEM_2623, SRC_INIT_2623, type BootmemBoot } from './bootmem-boot';
import { claim, doubled } from './conflicts';
import { SMP_TRAMPOLINE_BASE } from './memory-map';

/** reserve_bootmem_core on one node, recording double reservations of claimed pages. */
export function reserveNode(
  boot: BootmemBoot,
  node: number,
  addr: number,
  size: number,
  owner: Owner,
  label: string,
  fn: string,
  phase: Phase,
  dmesg = '',
): boolean {
  const core = boot.bdata.get(node);
  if (!core) throw new KernelBug(`${label}: node ${node} has no bootmem`, fn);
  if (addr < core.startPfn * PAGE_SIZE) {
    boot.ev({
      phase,
      kind: 'reserve-ignored',
      start: addr,
      end: addr + size,
      node,
      label: `${label}: below node ${node}'s bitmap, nothing reserved`,
      owner,
      fn,
      src: SRC_BOOTMEM_2623,
      dmesg,
      explain: `${hex(addr)} lies below the first page node ${node}'s bitmap covers (${hex(core.startPfn * PAGE_SIZE)}). reserve_bootmem_core has no lower-bound check: the unsigned index wraps past the end index, the loop sets no bit, and nobody is told — these pages stay free for the page allocator.`,
    });
    return false;
  }
  const twice = core.reserve(addr, size);
  const pages = { start: pfnDown(addr), end: pfnUp(addr + size) };
  const src = phase === 'numa' ? SRC_2623.numa : SRC_INIT_2623;
  const ev = boot.ev({
    phase,
    kind: 'reserve',
    start: addr,
    end: addr + size,
    node,
    label: `${label} reserved`,
    owner,
    fn,
    src,
    dmesg,
    explain: `reserve_bootmem_core sets the bits of pages ${hex(pages.start)}-${hex(pages.end - 1)} in node ${node}'s bitmap${twice.length ? '; some were already set, and it does not mind' : ''}.`,
  });
  boot.rec.bits(node, 'set', pages);
  const drawn = boot.drawnAt
    .at(addr)
    .some(
      (r) =>
        (r.lane === 'reserved' || r.lane === 'bitmap') &&
        r.owner === owner &&
        r.start === addr &&
        r.died === undefined,
    );
  if (!drawn && owner !== 'crashkernel')
    boot.rec.region({ lane: 'reserved', start: addr, end: addr + size, label, owner, node });
  doubled(boot, twice, node, label, ev.step);
  claim(boot, pages, owner, label);
  return true;
}

/**
 * reserve_bootmem_generic (v2.6.23 arch/x86_64/mm/init.c): ranges above end_pfn are ignored
 * (with a message above end_pfn_map), else reserved in the node phys_to_nid(phys) names.
 */
export function reserveGeneric(
  boot: BootmemBoot,
  addr: number,
  size: number,
  owner: Owner,
  label: string,
  fn: string,
  phase: Phase = 'reserve',
  dmesg = '',
): boolean {
  if (pfnDown(addr) >= boot.endPfn) {
    const msg =
      pfnDown(addr) < boot.endPfnMap
        ? ''
        : `reserve_bootmem: illegal reserve ${addr.toString(16)} ${size}`;
    boot.ev({
      phase,
      kind: 'reserve-ignored',
      start: addr,
      end: addr + size,
      label: `${label}: above end of RAM, ignored`,
      owner,
      fn: 'reserve_bootmem_generic',
      src: SRC_INIT_2623,
      dmesg: [dmesg, msg].filter(Boolean).join('\n'),
      explain: `${hex(addr)} is at or above end_pfn, so reserve_bootmem_generic does nothing.`,
    });
    return false;
  }
  const node = nodeOf(boot.nodes, addr);
  if (node < 0)
    throw new KernelBug(`phys_to_nid(${hex(addr)}) names no node`, 'reserve_bootmem_generic');
  return reserveNode(boot, node, addr, size, owner, label, fn, phase, dmesg);
}

/** The reservations at the end of setup_arch(), before the crashkernel, in source order. */
export function reserveEarlyAreas(boot: BootmemBoot): void {
  const k = boot.s.kernel;
  const { tables: t, ebda: e, nodemap: nm } = boot.bad;
  const generic = (addr: number, size: number, owner: Owner, label: string, fn: string) =>
    reserveGeneric(boot, addr, size, owner, label, fn);
  generic(t.start, t.end - t.start, 'page-tables', 'page tables', 'reserve_bootmem_generic');
  generic(
    k.text,
    k.end - k.text,
    'kernel',
    'kernel image (_text.._end)',
    'reserve_bootmem_generic',
  );
  generic(0, PAGE_SIZE, 'firmware', 'page 0 (BIOS data)', 'reserve_bootmem_generic');
  if (e.end > e.start) generic(e.start, e.end - e.start, 'ebda', 'EBDA', 'reserve_ebda_region');
  if (nm.end > nm.start)
    generic(nm.start, nm.end - nm.start, 'memnodemap', 'memnodemap', 'reserve_bootmem_generic');
  generic(
    SMP_TRAMPOLINE_BASE,
    2 * PAGE_SIZE,
    'trampoline',
    'SMP trampoline',
    'reserve_bootmem_generic',
  );
  acpiWakeupBootmem(
    boot,
    'v2.6.23:arch/x86_64/kernel/acpi/sleep.c',
    (addr) =>
      `alloc_bootmem_low(8 KiB) takes the first two free pages from address 0 in bitmap order: ${hex(addr)}.`,
    false,
  );
  if (k.mptable) {
    generic(k.mptable.mpf, PAGE_SIZE, 'mptable', 'MP floating pointer', 'smp_scan_config');
    if (k.mptable.physptr)
      generic(k.mptable.physptr, PAGE_SIZE, 'mptable', 'MP config table', 'smp_scan_config');
  }
  if (!k.initrd) return;
  const limit = boot.endPfn * PAGE_SIZE;
  if (k.initrd.end <= limit)
    generic(
      k.initrd.start,
      k.initrd.end - k.initrd.start,
      'initrd',
      'initrd',
      'reserve_bootmem_generic',
    );
  else
    boot.ev({
      phase: 'reserve',
      kind: 'initrd-dropped',
      ...k.initrd,
      label: 'initrd beyond end of memory',
      owner: 'initrd',
      fn: 'setup_arch',
      src: SRC_2623.setup,
      explain: 'The initrd ends above end_pfn, so it is not reserved and not used.',
      dmesg: `initrd extends beyond end of memory (0x${hexPad(k.initrd.end, 8)} > 0x${hexPad(limit, 8)})\ndisabling initrd`,
    });
}
