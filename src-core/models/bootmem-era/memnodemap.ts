/**
 * compute_hash_shift: the memnodemap maps (addr >> shift) to a node. Up to 48 entries (56
 * from 2.6.25) fit in the static map; a larger one is placed by find_e820_area, past the
 * bad_addr list on 2.6.23 (v2.6.23 arch/x86_64/mm/numa.c) and as MEMNODEMAP in early_res from
 * 2.6.27.
 */
import { humanSize, PAGE_SIZE } from '../../base/addr';
import { memnodeHash } from '../../input/numa';
import type { BootmemBoot } from './bootmem-boot';
import { findE820Area } from './e820-area';
import { reserveEarly, type EarlyResBoot } from './earlyres-boot';
import type { X86Boot } from './boot';

/**
 * The hash, and the bytes to place when the static map is too small (else null), by the
 * version's memnodemap rule (kernel/rules.ts): 2.6.23 pads the map by L1_CACHE_BYTES - 1 and
 * aligns it inside the area; from 2.6.27 it is rounded up and placed L1-aligned.
 */
function hashNeeds(boot: X86Boot): {
  shift: number;
  entries: number;
  size: number | null;
  embedded: number;
} {
  const { shift, entries } = memnodeHash(boot.nodes);
  const { memnodemap: m, l1CacheBytes: l1 } = boot.kernel.rules;
  // The pad form counts entries, not bytes, as its source does (2.6.25 kept it for 2-byte ids).
  const size =
    entries <= m.embedded
      ? null
      : m.size === 'pad'
        ? l1 - 1 + entries
        : Math.ceil((entries * m.entryBytes) / l1) * l1;
  return { shift, entries, size, embedded: m.embedded };
}

const allocatedLine = (addr: number, size: number): string =>
  `NUMA: Allocated memnodemap from ${addr.toString(16)} - ${(addr + size).toString(16)}`;

/** 2.6.23: a placed memnodemap joins the bad_addr list, so later searches step over it. */
export function memnodemapBadAddr(boot: BootmemBoot): void {
  const { shift, entries, size, embedded } = hashNeeds(boot);
  let text = `NUMA: Using ${shift} for the hash shift.`;
  let explain = `Node starts share their lowest set bit at ${shift}, so ${entries} map entries cover RAM; up to ${embedded} fit in the static map.`;
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
    const found = boot.early.findArea(
      boot.e820,
      0x8000,
      boot.endPfn * PAGE_SIZE,
      size,
      boot.kernel.rules.l1CacheBytes,
    );
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
