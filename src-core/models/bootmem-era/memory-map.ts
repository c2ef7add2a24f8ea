/**
 * What setup_arch() learns about memory before any allocator exists, the same from 2.6.23 to
 * 2.6.36: the kernel image in place, the firmware e820 map, the mem=/memmap= options and the
 * user map they make, the end of RAM, and the EBDA.
 */
import { hex, hexPad, humanSize, PAGE_SIZE, pageAlign, pfnDown, pfnUp } from '../../base/addr';
import { KernelBug } from '../../allocators/bootmem/bootmem';
import {
  e820End,
  e820Ram,
  e820RamPages,
  E820_RAM,
  e820OldName,
  formatE820Old,
  sanitizeE820,
  type E820Entry,
} from '../../input/e820';
import { setLength, type Range } from '../../base/range';
import { applyE820Edits, firmwareEditsStep } from '../memblock-6.1/e820';
import { drawE820 } from '../lanes';
import type { X86Boot } from './boot';
import type { OptionNote } from '../../input/memmap';

/** MAXMEM (v2.6.23 include/asm-x86_64/page.h; max_arch_pfn from 2.6.27): 2^46 bytes of direct map. */
export const MAXMEM_PFN = 2 ** 46 / PAGE_SIZE;
/** SMP_TRAMPOLINE_BASE: the two pages the AP startup code is copied to. */
export const SMP_TRAMPOLINE_BASE = 0x6000;

const ramBytes = (boot: X86Boot): number => setLength(e820Ram(boot.e820));

/** The kernel image and initrd are in memory before the first instruction. */
export function kernelLoaded(boot: X86Boot): void {
  const k = boot.s.kernel;
  boot.ev({
    phase: 'firmware',
    kind: 'start',
    start: k.text,
    end: k.end,
    label: 'setup_arch() starts',
    owner: 'kernel',
    fn: 'setup_arch',
    src: boot.src.setup,
    dmesg: `Command line: ${boot.s.cmdline}`,
    explain: `The kernel runs from ${hex(k.text)} to _end ${hex(k.end)} (${humanSize(k.end - k.text)}); the boot loader placed it there. Nothing is reserved yet: there is no allocator.`,
  });
  boot.rec.region({
    lane: 'reserved',
    start: k.text,
    end: k.end,
    label: 'kernel image (_text.._end)',
    owner: 'kernel',
  });
  if (k.initrd)
    boot.rec.region({
      lane: 'reserved',
      start: k.initrd.start,
      end: k.initrd.end,
      label: 'initrd (loaded by the boot loader)',
      owner: 'initrd',
    });
}

/** setup_memory_region: the firmware map, sanitized, becomes the map the kernel uses. */
export function setupMemoryRegion(boot: X86Boot): E820Entry[] {
  const map = sanitizeE820(boot.s.machine.e820);
  if (map.length < 2) throw new KernelBug('Cannot find a valid memory map', 'setup_memory_region');
  boot.e820 = map;
  const n = boot.s.machine.e820.length;
  const changed =
    map.length !== n
      ? ` after sanitize_e820_map resolved overlaps (the larger type wins) from ${n}`
      : '';
  boot.ev({
    phase: 'firmware',
    kind: 'e820',
    end: e820End(map),
    label: 'BIOS-provided physical RAM map',
    owner: 'firmware',
    fn: 'setup_memory_region',
    src: boot.src.e820,
    explain: `The firmware map has ${map.length} entries${changed}; ${humanSize(ramBytes(boot))} of it is usable RAM.`,
    dmesg: ['BIOS-provided physical RAM map:', ...formatE820Old(map)].join('\n'),
  });
  boot.e820Regions = drawE820(boot.rec, map);
  return map;
}

/** One step per mem=/memmap= option, understood or refused. */
export function noteMemOptions(boot: X86Boot, notes: readonly OptionNote[]): void {
  for (const m of notes)
    boot.ev({
      phase: 'cmdline',
      kind: 'param',
      start: m.start,
      end: m.end,
      label: m.label,
      owner: 'firmware',
      fn: m.fn,
      src: boot.src.e820,
      explain: m.explain,
    });
}

/**
 * The scenario's firmware-driven e820 edits (a DMI quirk for a BIOS that corrupts low RAM,
 * CONFIG_X86_RESERVE_LOW, MTRR trimming; an imported log prints them), applied to RAM as
 * e820_update_range / e820_remove_range do, then "modified physical RAM map:".
 */
export function applyFirmwareEdits(boot: X86Boot): void {
  const edits = boot.s.machine.e820Edits ?? [];
  if (!edits.length) return;
  const r = applyE820Edits(boot.e820, edits);
  const lines = edits.map((e) =>
    e.to === null
      ? `e820 remove range: ${hexPad(e.start, 16)} - ${hexPad(e.end, 16)} (usable)`
      : `e820 update range: ${hexPad(e.start, 16)} - ${hexPad(e.end, 16)} (usable) ==> ${e820OldName(e.to)}`,
  );
  boot.e820 = r.map;
  boot.ev({
    ...firmwareEditsStep(edits, 'map'),
    fn: 'e820_update_range',
    src: boot.src.e820,
    dmesg: [...lines, 'modified physical RAM map:', ...formatE820Old(r.map, 'modified')].join('\n'),
  });
  for (const reg of boot.e820Regions) boot.rec.end(reg);
  boot.e820Regions = drawE820(boot.rec, r.map);
}

/** finish_e820_parsing: memmap= replaced the map; it is printed and drawn instead. */
export function setUserMap(boot: X86Boot, map: E820Entry[]): void {
  boot.e820 = map;
  boot.ev({
    phase: 'cmdline',
    kind: 'e820-user',
    end: e820End(map),
    label: 'user-defined physical RAM map',
    owner: 'firmware',
    fn: 'finish_e820_parsing',
    src: boot.src.e820,
    explain: `memmap= replaced the map the kernel uses: ${map.length} entries, ${humanSize(ramBytes(boot))} usable.`,
    dmesg: ['user-defined physical RAM map:', ...formatE820Old(map, 'user')].join('\n'),
  });
  for (const r of boot.e820Regions) boot.rec.end(r);
  boot.e820Regions = drawE820(boot.rec, map);
}

/**
 * e820_register_active_regions(0, 0, -1UL) + e820_end_of_ram (v2.6.23 arch/x86_64/kernel/e820.c):
 * end_pfn is the top of RAM (clipped by mem=), end_pfn_map the top of any entry.
 */
export function endOfRam(
  boot: X86Boot,
  maxmemPfn: number,
  dmesg: (endPfn: number, mapPfn: number) => string,
): void {
  let mapPfn = 0;
  for (const e of boot.e820)
    if (e.type !== E820_RAM && pfnUp(e.start) < pfnDown(e.end))
      mapPfn = Math.max(mapPfn, pfnDown(e.end));
  const active = e820RamPages(boot.e820, boot.endUserPfn);
  let endPfn = active.length ? (active[active.length - 1] as Range).end : 0;
  mapPfn = Math.min(Math.max(mapPfn, endPfn), maxmemPfn);
  endPfn = Math.min(endPfn, boot.endUserPfn, mapPfn);
  boot.endPfn = endPfn;
  boot.endPfnMap = mapPfn;
  boot.ev({
    phase: 'firmware',
    kind: 'end-of-ram',
    end: endPfn * PAGE_SIZE,
    label: 'end of RAM',
    owner: 'firmware',
    fn: 'e820_end_of_ram',
    src: boot.src.e820,
    dmesg: dmesg(endPfn, mapPfn),
    explain: `RAM ends at ${humanSize(endPfn * PAGE_SIZE)}${boot.endUserPfn < Infinity ? ' (clipped by mem=)' : ''}; the direct map covers every e820 entry up to ${humanSize(mapPfn * PAGE_SIZE)}.`,
    worked: [
      { label: 'end_pfn', value: `${hex(endPfn)} pages = ${humanSize(endPfn * PAGE_SIZE)}` },
    ],
  });
}

/** discover_ebda (v2.6.23 arch/x86_64/kernel/setup.c): size word in KiB (0 → 1), page-rounded, ≤ 64 KiB. */
export function discoverEbda(boot: X86Boot): Range | null {
  const ebda = boot.s.kernel.ebda;
  if (!ebda) return null;
  const size = Math.min(64 * 1024, pageAlign((ebda.sizeKiB || 1) * 1024 + (ebda.addr % PAGE_SIZE)));
  const r = { start: ebda.addr, end: ebda.addr + size };
  boot.ev({
    phase: 'firmware',
    kind: 'ebda',
    ...r,
    label: 'EBDA found',
    owner: 'ebda',
    fn: 'discover_ebda',
    src: boot.src.setup,
    explain: `The Extended BIOS Data Area starts at ${hex(ebda.addr)}; ${ebda.sizeKiB || 1} KiB plus its offset in the page, rounded up to pages: ${humanSize(size)}.`,
  });
  boot.rec.region({ lane: 'reserved', ...r, label: 'EBDA', owner: 'ebda' });
  return r;
}
