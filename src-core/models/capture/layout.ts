/**
 * How kexec hands the crash window to the capture kernel: where its segments go inside the
 * window and the memory map the capture kernel boots with, for each of the two loaders.
 *
 * - `kexec_file_load` (the kernel's loader, 3.17+; what kdumpctl uses by default on x86_64):
 *   v6.1 arch/x86/kernel/crash.c crash_load_segments puts the ELF core headers bottom-up in
 *   the window; v6.1 arch/x86/kernel/kexec-bzimage64.c bzImage64_load puts purgatory, boot
 *   params, the kernel (aligned to kernel_alignment, init_size bytes) and the initrd top-down in
 *   it (kexec_locate_mem_hole searches crashk_res only). crash_setup_memmap_entries then builds
 *   the e820 table: the low 1 MiB's System RAM, ACPI tables and NVS, reserved ranges, the low
 *   crash part as RAM and the window as RAM minus the ELF headers (memmap_exclude_ranges).
 * - `kexec_load` (kexec-tools' own loader, every version): the firmware's map is passed as is
 *   and kexec-tools' crashdump-x86.c writes `memmap=exactmap memmap=640K@0K memmap=<n>K@<s>K
 *   … elfcorehdr=<n>K` on the command line, RAM ranges under 100 KiB left out.
 */
import { alignDown, alignUp, KiB, MiB, PAGE_SIZE } from '../../base/addr';
import { withoutParam } from '../../input/cmdline';
import { E820_ACPI, E820_NVS, E820_RAM, E820_RESERVED, type E820Entry } from '../../input/e820';
import { setSubtract, type Range } from '../../base/range';

export type Loader = 'kexec_file_load' | 'kexec_load';
export const LOADERS: readonly Loader[] = ['kexec_file_load', 'kexec_load'];

/** What the capture kernel's image looks like; the first kernel's image when not told. */
export interface CaptureImage {
  /** _text.. __end_of_kernel_reserve, bytes. */
  size: number;
  /** header->init_size: what the decompressed kernel occupies while it starts. */
  initSize: number;
  /** header->kernel_alignment (CONFIG_PHYSICAL_ALIGN: 2 MiB on Debian's 6.1). */
  align: number;
  /** The initramfs file, bytes (0: none). */
  initrd: number;
}

export interface Segment extends Range {
  what: 'elfcorehdr' | 'purgatory' | 'boot params' | 'kernel' | 'initrd';
}

export interface CaptureLayout {
  loader: Loader;
  window: Range;
  low: Range | null;
  segments: Segment[];
  kernel: Range;
  initrd: Range | null;
  elfcorehdr: Range;
  /** The memory map the capture kernel's firmware table holds. */
  e820: E820Entry[];
  /** kexec's part of the command line (memmap=…, elfcorehdr=…). */
  args: string;
}

/** sizeof(Elf64_Ehdr) and sizeof(Elf64_Phdr). */
const EHDR = 64;
const PHDR = 56;
/** Purgatory and boot params: a few pages each (v6.1 purgatory is ~20 KiB; boot_params + cmdline 8 KiB). */
const PURGATORY = 0x5000;
const BOOT_PARAMS = 0x2000;

/**
 * The ELF core header: one PT_NOTE per possible CPU, one for vmcoreinfo, one PT_LOAD for the
 * kernel text and one per System RAM range (v6.1 kernel/crash_core.c crash_prepare_elf64_headers),
 * rounded to ELF_CORE_HEADER_ALIGN (4 KiB).
 */
export function elfHeaderBytes(cpus: number, ramRanges: number): number {
  return alignUp(EHDR + (cpus + 2 + ramRanges) * PHDR, PAGE_SIZE);
}

/** kexec_locate_mem_hole inside the window: the highest (or lowest) aligned hole that fits. */
function place(free: Range[], size: number, align: number, topDown: boolean): Range | null {
  const order = topDown ? [...free].reverse() : free;
  for (const f of order) {
    const start = topDown ? alignDown(f.end - size, align) : alignUp(f.start, align);
    if (start >= f.start && start + size <= f.end) return { start, end: start + size };
  }
  return null;
}

export interface LayoutInput {
  loader: Loader;
  window: Range;
  low: Range | null;
  image: CaptureImage;
  /** The first kernel's firmware map (e820 as the BIOS gave it). */
  firmware: readonly E820Entry[];
  /** Possible CPUs of the crashed kernel (one ELF note each). */
  cpus: number;
}

export type LayoutResult = { ok: true; layout: CaptureLayout } | { ok: false; error: string };

export function kexecLayout(input: LayoutInput): LayoutResult {
  const { window: w, low, image } = input;
  const ram = input.firmware.filter((e) => e.type === E820_RAM).length;
  const hdr = elfHeaderBytes(input.cpus, ram);
  let free: Range[] = [{ ...w }];
  const segments: Segment[] = [];
  const put = (what: Segment['what'], size: number, align: number, topDown: boolean) => {
    const r = place(free, size, align, topDown);
    if (!r) return null;
    free = setSubtract(free, [r]);
    segments.push({ what, ...r });
    return r;
  };
  const elf = put('elfcorehdr', hdr, PAGE_SIZE, false);
  put('purgatory', PURGATORY, PAGE_SIZE, true);
  put('boot params', BOOT_PARAMS, 16, true);
  const kern = put('kernel', alignUp(image.initSize, PAGE_SIZE), image.align, true);
  const initrd = image.initrd > 0 ? put('initrd', image.initrd, PAGE_SIZE, true) : null;
  if (!elf || !kern || (image.initrd > 0 && !initrd))
    return {
      ok: false,
      error: `the ${w.end - w.start} byte window cannot hold the capture kernel's segments (kernel ${image.initSize} bytes${image.initrd ? `, initrd ${image.initrd} bytes` : ''})`,
    };
  const usable = setSubtract([w], [elf]);
  const kernel = { start: kern.start, end: kern.start + image.size };
  const handed =
    input.loader === 'kexec_load' ? exactmap(input, usable, elf) : e820Table(input, usable, elf);
  return {
    ok: true,
    layout: {
      loader: input.loader,
      window: w,
      low,
      segments,
      kernel,
      initrd,
      elfcorehdr: elf,
      ...handed,
    },
  };
}

/** kexec-tools: the firmware map as it is, and the RAM it may use as memmap= on the command line. */
function exactmap(
  input: LayoutInput,
  usable: Range[],
  elf: Range,
): { e820: E820Entry[]; args: string } {
  const ranges = [{ start: 0, end: 640 * KiB }, ...(input.low ? [input.low] : []), ...usable]
    .filter((r) => r.end - r.start >= 100 * KiB)
    .sort((a, b) => a.start - b.start);
  const mm = ranges.map((r) => `memmap=${(r.end - r.start) / KiB}K@${r.start / KiB}K`);
  return {
    e820: input.firmware.map((e) => ({ ...e })),
    args: `memmap=exactmap ${mm.join(' ')} elfcorehdr=${elf.start / KiB}K`,
  };
}

/** crash_setup_memmap_entries: the first MiB's System RAM, firmware ranges, then the window. */
function e820Table(
  input: LayoutInput,
  usable: Range[],
  elf: Range,
): { e820: E820Entry[]; args: string } {
  const keep = [E820_ACPI, E820_NVS, E820_RESERVED];
  const lowRam = input.firmware
    .filter((e) => e.type === E820_RAM && e.start < MiB)
    .map((e) => ({ start: Math.max(e.start, PAGE_SIZE), end: Math.min(e.end, 0xa0000) }))
    .filter((r) => r.end > r.start);
  const e820: E820Entry[] = [
    ...lowRam.map((r) => ({ ...r, type: E820_RAM })),
    ...input.firmware.filter((e) => keep.includes(e.type)).map((e) => ({ ...e })),
    ...(input.low ? [{ ...input.low, type: E820_RAM }] : []),
    ...usable.map((r) => ({ ...r, type: E820_RAM })),
  ].sort((a, b) => a.start - b.start);
  return { e820, args: `elfcorehdr=0x${elf.start.toString(16)}` };
}

/**
 * The capture kernel's command line: the crashed kernel's, without what kdump removes
 * (crashkernel=, mem=, memmap=, hugepages), plus the distribution's append (nr_cpus=1 …) and
 * kexec's own part.
 */
export function captureCmdline(first: string, append: string, kexecArgs: string): string {
  let c = first;
  for (const k of ['crashkernel', 'mem', 'memmap', 'hugepages', 'hugepagesz', 'elfcorehdr'])
    c = withoutParam(c, k);
  return [c.trim(), append.trim(), kexecArgs].filter((x) => x).join(' ');
}
