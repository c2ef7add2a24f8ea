/**
 * Reservations the log names outside memblock=debug: early_res/bootmem lists (`#N [a - b]
 * NAME`, exclusive end), bootmem bitmaps, initrd, MP table, ACPI tables, swiotlb, CMA,
 * elfcorehdr, fadump, kexec's low 1 MiB, the direct-mapping ranges, and the kernel image as
 * /proc/iomem shows it when it is pasted with the log (`01000000-01e0257f : Kernel code`).
 */
import { KiB, MiB } from '../base/addr';
import type { Fact, LineContext } from './facts';
import { exclusiveRange, hexValue, inclusiveRange } from './numbers';
import type { OtherReservation } from './types';

const HEX = '0x[0-9a-fA-F]{1,16}';
const BARE = '[0-9a-fA-F]{1,16}';
const MEM = `\\[mem (${HEX})-(${HEX})\\]`;

export const RESERVE_PATTERNS = {
  earlyResHeader: new RegExp(
    `^\\(\\d{1,6} early reservations\\) ==> bootmem \\[(${BARE}) - (${BARE})\\]$`,
  ),
  subtractHeader: /^Subtract \(\d{1,6} early reservations\)$/,
  earlyRes: new RegExp(`^ {0,4}#(\\d{1,6}) \\[(${BARE}) - (${BARE})\\] {1,20}(\\S.{0,79})$`),
  bootmap64: new RegExp(`^bootmap \\[(${BARE}) - {1,2}(${BARE})\\] pages [0-9a-fA-F]{1,16}$`),
  bootmap32: new RegExp(`^node (\\d{1,4}) bootmap (${BARE}) - (${BARE})$`),
  ramdiskNew: new RegExp(`^RAMDISK: ${MEM}$`),
  ramdiskOld: new RegExp(`^(?:Allocated new )?RAMDISK: (${BARE}) - (${BARE})$`),
  ramdiskMove: new RegExp(`^Move RAMDISK from ${BARE} - ${BARE} to (${BARE}) - (${BARE})$`),
  mptableNew: new RegExp(`^found SMP MP-table at ${MEM}$`),
  mptableOld: new RegExp(`^found SMP MP-table at \\[${BARE}\\] (${BARE})$`),
  acpiTable: new RegExp(`^ACPI: Reserving (\\S{1,8}) table memory at ${MEM}$`),
  swiotlbNew: new RegExp(`^software IO TLB: mapped ${MEM} \\(\\d{1,10}MB\\)$`),
  swiotlbOld: new RegExp(`^software IO TLB ${MEM} \\(\\d{1,10}MB\\)`),
  swiotlbPhys: /^software IO TLB at phys (0x[0-9a-fA-F]{1,16}) - (0x[0-9a-fA-F]{1,16})$/,
  cma: new RegExp(`^cma: Reserved (\\d{1,10}) MiB at (${HEX})`),
  cmaPool: new RegExp(
    `^Reserved memory: created CMA memory pool at (${HEX}), size (\\d{1,10}) MiB$`,
  ),
  elfcorehdr: new RegExp(`^Reserving (\\d{1,10})KB of memory at (${HEX}) for elfcorehdr$`),
  fadump: new RegExp(
    `^fadump: Reserving (\\d{1,10})MB of memory at (${HEX}) for preserving crash data$`,
  ),
  low1M: /^kexec: Reserving the low 1M of memory for crashkernel$/,
  directMapNew: new RegExp(`^init_memory_mapping: ${MEM}$`),
  directMapOld: new RegExp(`^init_memory_mapping: (${BARE})-(${BARE})$`),
  iomemKernel: new RegExp(`^(${BARE})-(${BARE}) : Kernel (?:code|rodata|data|bss)$`),
} as const;

const R = RESERVE_PATTERNS;
const g = (m: RegExpExecArray, i: number): string => m[i] as string;

function other(
  line: number,
  what: OtherReservation['what'],
  range: { start: number; end: number } | null,
  text: string,
): Fact | null {
  return range ? { kind: 'reservation', line, what, range, text } : null;
}

/** [addr, addr + size·unit) for lines that print a base and a size. */
function sized(addr: string, size: string, unit: number): { start: number; end: number } | null {
  const start = hexValue(addr);
  return start === null ? null : { start, end: start + Number(size) * unit };
}

export function parseReserveLine(text: string, line: number, ctx: LineContext): Fact | null {
  const t = text.trimStart();
  let m = R.earlyRes.exec(t);
  if (m) {
    const range = exclusiveRange(g(m, 2), g(m, 3));
    // `%16s` right-aligns the name; 2.6.33 adds ` ==> [a - b]`, the part inside the node.
    const name = g(m, 4).split(' ==> ')[0]?.trim() ?? '';
    return range && name ? { kind: 'early-res', line, index: Number(m[1]), name, range } : null;
  }
  if (R.earlyResHeader.test(t) || R.subtractHeader.test(t))
    return { kind: 'header', line, what: 'early-res', text: t };
  m = R.bootmap64.exec(t);
  if (m) {
    const range = inclusiveRange(g(m, 1), g(m, 2));
    return range ? { kind: 'bootmap', line, node: ctx.node ?? 0, range } : null;
  }
  m = R.bootmap32.exec(t);
  if (m) {
    const range = exclusiveRange(g(m, 2), g(m, 3));
    return range ? { kind: 'bootmap', line, node: Number(m[1]), range } : null;
  }
  if ((m = R.ramdiskNew.exec(t))) return other(line, 'initrd', inclusiveRange(g(m, 1), g(m, 2)), t);
  if ((m = R.ramdiskOld.exec(t))) return other(line, 'initrd', exclusiveRange(g(m, 1), g(m, 2)), t);
  // The move prints the new place with an inclusive end.
  if ((m = R.ramdiskMove.exec(t)))
    return other(line, 'initrd', inclusiveRange(g(m, 1), g(m, 2)), t);
  if ((m = R.mptableNew.exec(t)))
    return other(line, 'mptable', inclusiveRange(g(m, 1), g(m, 2)), t);
  if ((m = R.mptableOld.exec(t))) {
    const at = hexValue(g(m, 1));
    // The MP floating pointer structure is 16 bytes.
    return other(line, 'mptable', at === null ? null : { start: at, end: at + 16 }, t);
  }
  if ((m = R.acpiTable.exec(t))) return other(line, 'acpi', inclusiveRange(g(m, 2), g(m, 3)), t);
  if ((m = R.swiotlbNew.exec(t)))
    return other(line, 'swiotlb', exclusiveRange(g(m, 1), g(m, 2)), t);
  if ((m = R.swiotlbOld.exec(t)))
    return other(line, 'swiotlb', inclusiveRange(g(m, 1), g(m, 2)), t);
  if ((m = R.swiotlbPhys.exec(t)))
    return other(line, 'swiotlb', exclusiveRange(g(m, 1), g(m, 2)), t);
  if ((m = R.cma.exec(t))) return other(line, 'cma', sized(g(m, 2), g(m, 1), MiB), t);
  if ((m = R.cmaPool.exec(t))) return other(line, 'cma', sized(g(m, 1), g(m, 2), MiB), t);
  if ((m = R.elfcorehdr.exec(t))) return other(line, 'elfcorehdr', sized(g(m, 2), g(m, 1), KiB), t);
  if ((m = R.fadump.exec(t))) return other(line, 'fadump', sized(g(m, 2), g(m, 1), MiB), t);
  if (R.low1M.test(t)) return other(line, 'low-1M', { start: 0, end: MiB }, t);
  // Read without root, /proc/iomem shows every address as 0.
  if ((m = R.iomemKernel.exec(t)) && hexValue(g(m, 2)))
    return other(line, 'kernel', inclusiveRange(g(m, 1), g(m, 2)), t);
  if ((m = R.directMapNew.exec(t))) {
    const range = inclusiveRange(g(m, 1), g(m, 2));
    return range ? { kind: 'direct-map', line, range } : null;
  }
  if ((m = R.directMapOld.exec(t))) {
    const range = exclusiveRange(g(m, 1), g(m, 2));
    return range ? { kind: 'direct-map', line, range } : null;
  }
  return null;
}
