/**
 * Where the kernel image lies, from what the log shows: the early_res `TEXT DATA BSS` entry,
 * /proc/iomem's `Kernel code`… lines pasted with the log, or the first MEMBLOCK dump. Else the
 * image starts at CONFIG_PHYSICAL_START with the size of the Memory: line's parts (or 16 MiB) —
 * but a default must lie in usable RAM of the map the kernel ran with: a crash-capture kernel's
 * map is the crash window it was loaded into, and the default 16 MiB is usually outside it. A
 * model given an image outside RAM adds it to memory (e820_add_kernel_range), and shows memory
 * the log never has.
 */
import { alignUp, hex, humanSize, KiB, MiB, PAGE_SIZE } from '../base/addr';
import { e820Ram, type E820Entry } from '../input/e820';
import { paramsNamed, parseCmdline } from '../input/cmdline';
import { normalize, rangeLength, rangesOverlap, setSubtract, type Range } from '../base/range';
import { kernelInForce } from '../kernel/rules';
import { parseKernelVersion } from '../kernel/version';
import type { ImportedBootFull } from './types';

/** CONFIG_PHYSICAL_START's default: 2 MiB, then 16 MiB from 2.6.31 (x86: default to 16 MB). */
const TEXT_OLD = 0x200000;
const TEXT_2631 = 0x1000000;
/** CONFIG_PHYSICAL_ALIGN's x86_64 default: where a relocatable kernel may start. */
const PHYSICAL_ALIGN = 2 * MiB;
/** When nothing in the log sizes the kernel image. */
const DEFAULT_KERNEL_SIZE = 16 * MiB;
/** The parts of the Memory: line that are the image (`reserved`, `absent`... are not). */
const IMAGE_PARTS = ['kernel code', 'rwdata', 'rodata', 'data', 'init', 'bss'];
/** setup_data blocks are small; a larger piece of the extended map is a real map entry. */
const SETUP_DATA_MAX = MiB;

const ceilPage = (x: number): number => Math.ceil(x / PAGE_SIZE) * PAGE_SIZE;

/** Where a kernel of this version starts by default. */
export function defaultText(boot: ImportedBootFull, model: string): number {
  const v = boot.kernel.version === null ? null : parseKernelVersion(boot.kernel.version);
  const before2631 = v
    ? v[0] < 2 || (v[0] === 2 && (v[1] < 6 || v[2] < 31))
    : model !== 'memblock-6.1';
  return before2631 ? TEXT_OLD : TEXT_2631;
}

/** A crash-capture kernel: kexec passes it `elfcorehdr=`, where the crashed kernel's notes are. */
export const isCaptureKernel = (boot: ImportedBootFull): boolean =>
  paramsNamed(parseCmdline(boot.cmdline ?? ''), 'elfcorehdr').length > 0;

/** The parts of the image /proc/iomem shows, as one range. */
function fromIomem(boot: ImportedBootFull): Range | null {
  const parts = boot.otherReservations.filter((r) => r.what === 'kernel').map((r) => r.range);
  if (!parts.length) return null;
  return {
    start: Math.min(...parts.map((p) => p.start)),
    end: Math.max(...parts.map((p) => p.end)),
  };
}

/** What the boot loader and kexec put in RAM besides the image: the initrd and setup_data. */
function occupied(boot: ImportedBootFull): Range[] {
  const initrd = boot.otherReservations.filter((r) => r.what === 'initrd').map((r) => r.range);
  const listed = boot.earlyReservations.filter((r) => /RAMDISK$/.test(r.name)).map((r) => r.range);
  const same = (e: E820Entry) => boot.e820.some((f) => f.start === e.start && f.end === e.end);
  const setupData = (boot.e820Extended ?? []).filter(
    (e) => !same(e) && rangeLength(e) < SETUP_DATA_MAX,
  );
  return normalize([...initrd, ...listed, ...setupData]);
}

/**
 * The first MEMBLOCK dump's reservation that is the image: the one at the default start, else
 * the lowest of image size at or above 1 MiB that is neither the initrd nor setup_data (KASLR
 * or kexec moved the kernel).
 */
function fromDump(boot: ImportedBootFull, text: number): Range | null {
  const reserved = boot.memblockDumps[0]?.reserved.map((r) => r.range) ?? [];
  const atDefault = reserved.find((r) => r.start === text);
  if (atDefault) return atDefault;
  const others = occupied(boot);
  return (
    reserved.find(
      (r) => r.start >= MiB && rangeLength(r) >= MiB && !others.some((o) => rangesOverlap(o, r)),
    ) ?? null
  );
}

/**
 * The first place for `size` bytes at a CONFIG_PHYSICAL_ALIGN boundary in usable RAM, at or
 * above `from`, clear of what else the log shows there; then the same from 1 MiB.
 */
export function placeInRam(
  map: readonly E820Entry[],
  size: number,
  from: number,
  avoid: readonly Range[],
): number | null {
  const free = setSubtract(e820Ram(map), normalize(avoid));
  for (const low of [from, MiB]) {
    for (const r of free) {
      const start = alignUp(Math.max(r.start, low), PHYSICAL_ALIGN);
      if (start + size <= r.end) return start;
    }
  }
  return null;
}

/**
 * KASLR chose this x86_64 kernel's address: its version randomizes by default, no nokaslr, not
 * kexec'd for a crash, not started by Xen (other architectures are drawn, not modelled).
 */
export function kaslrRandomizes(boot: ImportedBootFull, model: string): boolean {
  const k = kernelInForce(boot.kernel.version ?? undefined, model);
  const arch = boot.kernel.arch;
  return (
    (arch === null || arch === 'x86_64') &&
    model === 'memblock-6.1' &&
    // Xen loads a dom0 kernel itself; the decompressor's KASLR does not run.
    boot.xenE820 === null &&
    !k.assumed &&
    k.rules.kaslrDefault &&
    !isCaptureKernel(boot) &&
    !paramsNamed(parseCmdline(boot.cmdline ?? ''), 'nokaslr').length
  );
}

/**
 * Where the model puts a KASLR kernel: find_random_phys_addr (v4.19
 * arch/x86/boot/compressed/kaslr.c) picks one CONFIG_PHYSICAL_ALIGN slot uniformly among all
 * slots of usable RAM above LOAD_PHYSICAL_ADDR that miss the initrd and setup_data, so the
 * largest free range most likely holds it; its middle stands for "somewhere inside". Null when
 * the kernel is not randomized (version, nokaslr) or is a crash-capture kernel (kexec placed it).
 */
function kaslrPlacement(
  boot: ImportedBootFull,
  model: string,
  map: readonly E820Entry[],
  size: number,
): Range | null {
  if (!kaslrRandomizes(boot, model)) return null;
  const free = setSubtract(
    e820Ram(map),
    normalize([{ start: 0, end: TEXT_2631 }, ...occupied(boot)]),
  );
  const largest = free.reduce<Range | null>(
    (best, r) => (!best || rangeLength(r) > rangeLength(best) ? r : best),
    null,
  );
  if (!largest || rangeLength(largest) < size + PHYSICAL_ALIGN) return null;
  const start = alignUp(largest.start + (rangeLength(largest) - size) / 2, PHYSICAL_ALIGN);
  return start + size <= largest.end ? { start, end: start + size } : null;
}

const inRam = (map: readonly E820Entry[], r: Range): boolean =>
  setSubtract([r], e820Ram(map)).length === 0;

/**
 * The kernel image, and a note on where it came from. `map` is the map the kernel ran with
 * (the user-defined one when the log prints it).
 */
export function kernelImage(
  boot: ImportedBootFull,
  model: string,
  map: readonly E820Entry[],
  notes: string[],
): Range {
  const listed = boot.earlyReservations.find((r) => r.name === 'TEXT DATA BSS');
  if (listed) return listed.range;
  const iomem = fromIomem(boot);
  if (iomem) {
    notes.push(
      `The kernel image is where the /proc/iomem lines pasted with the log put it: ${hex(iomem.start)}-${hex(iomem.end)}.`,
    );
    return iomem;
  }
  const text = defaultText(boot, model);
  const dump = fromDump(boot, text);
  if (dump) {
    notes.push(
      `The kernel image is the first MEMBLOCK dump's reserved region at ${hex(dump.start)} (it includes brk).`,
    );
    return dump;
  }
  const parts = boot.memory?.parts ?? {};
  const sizeK = IMAGE_PARTS.reduce((s, k) => s + (parts[k] ?? 0), 0);
  const size = sizeK > 0 ? ceilPage(sizeK * KiB) : DEFAULT_KERNEL_SIZE;
  const sized =
    sizeK > 0
      ? `its size (${humanSize(sizeK * KiB)}) is the sum of the Memory: line's parts`
      : `its size is not in the log either: ${humanSize(size)}`;
  const brk = boot.directMap.brkPgtable[0];
  if (brk) {
    // The brk area follows the image's bss, and early_alloc_pgt_buf takes its pool from brk:
    // the first BRK PGTABLE page tells where the (possibly KASLR-moved) image ends.
    const end = brk.range.start;
    const start = Math.max(MiB, Math.floor((end - size) / PHYSICAL_ALIGN) * PHYSICAL_ALIGN);
    notes.push(
      `The kernel image ends where its brk pool begins (line ${brk.line}: "BRK [${hex(end)}, ...] PGTABLE"), at ${hex(end)}; it starts on the ${humanSize(PHYSICAL_ALIGN)} boundary below, and ${sized}.`,
    );
    return { start, end };
  }
  const moved = kaslrPlacement(boot, model, map, size);
  if (moved) {
    notes.push(
      `KASLR moved this kernel (on by default from 4.12, no nokaslr) to a random 2 MiB slot the log does not print; the slots are drawn evenly over usable RAM, so the image is put in the middle of the largest free RAM range, at ${hex(moved.start)}, and ${sized}. Which memory range holds it decides how many direct-map page tables come from memblock.`,
    );
    return moved;
  }
  const atDefault = { start: text, end: text + size };
  const clearAtDefault = !occupied(boot).some((o) => rangesOverlap(o, atDefault));
  // Without usable RAM in the map (no e820 map: nothing runs) the default is only for drawing.
  if (!e820Ram(map).length || (inRam(map, atDefault) && clearAtDefault)) {
    notes.push(`The kernel image starts at the default ${hex(text)} and ${sized}.`);
    return atDefault;
  }
  const avoid = occupied(boot);
  const start = placeInRam(map, size, text, avoid);
  const why = isCaptureKernel(boot)
    ? `This is a crash-capture kernel (elfcorehdr= on its command line): its e820 map is the crash window it was loaded into, and the default ${hex(text)} is not in it`
    : `The default ${hex(text)} is not in this boot's usable RAM${clearAtDefault ? '' : ' clear of the initrd and setup_data'}`;
  if (start === null) {
    notes.push(
      `${why}, but no usable range holds ${humanSize(size)}: the kernel image is left at the default, and ${sized}.`,
    );
    return atDefault;
  }
  const clear = avoid.length ? ' clear of the initrd and setup_data the log shows' : '';
  notes.push(
    `${why}. Where the kernel ran the log does not say: the image is put at ${hex(start)}, the first ${humanSize(PHYSICAL_ALIGN)} boundary in usable RAM ${start >= text ? `at or above ${hex(text)}` : 'above 1 MiB'}${clear}, and ${sized}.`,
  );
  return { start, end: start + size };
}
