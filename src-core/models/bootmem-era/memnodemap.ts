/**
 * compute_hash_shift: the memnodemap maps (addr >> shift) to a node. Up to 48 entries fit in
 * the static map; a larger one is placed by find_e820_area, past the bad_addr list on 2.6.23
 * (v2.6.23 arch/x86_64/mm/numa.c) and as MEMNODEMAP in early_res from 2.6.27.
 */
import { humanSize, PAGE_SIZE } from '../../base/addr';
import { memnodeHash } from '../../input/numa';
import type { BootmemBoot } from './bootmem-boot';
import { findE820Area } from './e820-area';
import { reserveEarly, type EarlyResBoot } from './earlyres-boot';
import type { X86Boot } from './boot';

/** memnode.embedded_map holds 48 entries; more need find_e820_area. */
const EMBEDDED_MEMNODEMAP = 48;

/** The hash, and the bytes to place when the static map is too small (else null). */
function hashNeeds(boot: X86Boot): { shift: number; entries: number; size: number | null } {
  const { shift, entries } = memnodeHash(boot.nodes);
  const size =
    entries > EMBEDDED_MEMNODEMAP
      ? Math.ceil((2 * entries) / boot.kernel.rules.l1CacheBytes) * boot.kernel.rules.l1CacheBytes
      : null;
  return { shift, entries, size };
}

const allocatedLine = (addr: number, size: number): string =>
  `NUMA: Allocated memnodemap from ${addr.toString(16)} - ${(addr + size).toString(16)}`;

/** 2.6.23: a placed memnodemap joins the bad_addr list, so later searches step over it. */
export function memnodemapBadAddr(boot: BootmemBoot): void {
  const { shift, entries, size } = hashNeeds(boot);
  let text = `NUMA: Using ${shift} for the hash shift.`;
  let explain = `Node starts share their lowest set bit at ${shift}, so ${entries} map entries cover RAM; up to ${EMBEDDED_MEMNODEMAP} fit in the static map.`;
  if (size !== null) {
    const found = findE820Area(boot.e820, 0x8000, boot.endPfn * PAGE_SIZE, size, boot.bad);
    if (found.addr !== null) {
      boot.bad.nodemap = { start: found.addr, end: found.addr + size };
      text = `${allocatedLine(found.addr, size)}\n${text}`;
      explain += ` ${entries} do not: ${humanSize(size)} is placed by find_e820_area (${found.trace.join('; ')}).`;
    }
  }
  const nm = boot.bad.nodemap;
  boot.ev({
    phase: 'numa',
    kind: 'memnodemap',
    ...nm,
    label: 'memnodemap',
    owner: 'memnodemap',
    fn: 'compute_hash_shift',
    src: boot.src.numa,
    explain,
    dmesg: text,
  });
  if (nm.end > nm.start)
    boot.rec.region({ lane: 'reserved', ...nm, label: 'memnodemap', owner: 'memnodemap' });
}

/** 2.6.27 on: a placed memnodemap goes to early_res as MEMNODEMAP. */
export function memnodemapEarlyRes(boot: EarlyResBoot): void {
  const { shift, entries, size } = hashNeeds(boot);
  let dmesg = `NUMA: Using ${shift} for the hash shift.`;
  if (size !== null) {
    const found = boot.early.findArea(boot.e820, 0x8000, boot.endPfn * PAGE_SIZE, size, PAGE_SIZE);
    if (found.addr !== null) {
      reserveEarly(boot, { start: found.addr, end: found.addr + size }, 'MEMNODEMAP', 'memnodemap');
      dmesg = `${allocatedLine(found.addr, size)}\n${dmesg}`;
    }
  }
  boot.ev({
    phase: 'numa',
    kind: 'memnodemap',
    label: 'memnodemap',
    owner: 'memnodemap',
    fn: 'compute_hash_shift',
    src: boot.src.numa,
    explain: `${entries} map entries at shift ${shift}.`,
    dmesg,
  });
}
