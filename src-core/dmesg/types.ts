/**
 * What the dmesg importer extracts from one boot of a log. Shared contract between the importer
 * (src-core/dmesg/) and the models that replay a log (`simulate --from-log`). Extend freely;
 * never rename. Addresses are numbers, ranges half-open; `line` is the 1-based line number in
 * the file as given.
 */
import type { E820Entry } from '../input/e820';
import type { Range } from '../base/range';

/** One memblock=debug line (6.1 mm/memblock.c memblock_dbg formats). */
export interface MemblockRecord {
  line: number;
  /** The function printed first: memblock_reserve, memblock_add, memblock_phys_alloc_range, ... */
  fn: string;
  /** What it does. `alloc` is a request; the reservation that answers it is a separate `reserve`. */
  op: 'reserve' | 'add' | 'remove' | 'free' | 'alloc';
  /** The caller as printed by %pS: `setup_arch+0x797/0xd4f`. */
  caller: string;
  /** For reserve/add/remove/free lines: the range, converted to half-open. */
  range?: Range;
  /** For alloc requests. `nid` is -1 for NUMA_NO_NODE; absent for memblock_phys_alloc_range. */
  size?: number;
  align?: number;
  nid?: number;
  from?: number;
  maxAddr?: number;
}

/** A `MEMBLOCK configuration:` dump. */
export interface MemblockDump {
  line: number;
  memory: { range: Range; node?: number; flags: number }[];
  reserved: { range: Range; node?: number; flags: number }[];
}

/** An SRAT memory affinity line (`ACPI: SRAT: Node 0 PXM 0 [mem ...]`, old `SRAT: Node 0 PXM 0 0-a0000`). */
export interface SratRange {
  line: number;
  node: number;
  pxm: number;
  range: Range;
  hotplug: boolean;
}

/** A crashkernel outcome line in any format. */
export interface CrashkernelLine {
  line: number;
  text: string;
  outcome: 'reserved' | 'reserved-low' | 'failed';
  /** For reserved lines: the window (from "at NMB" + size, or the printed range). */
  range?: Range;
  /** "System RAM: NMB" or "low RAM limit: NMB", in MiB as printed. */
  ramMB?: number;
}

export interface ImportedBoot {
  /** Line range of this boot in the file, 1-based, inclusive start, exclusive end. */
  lines: { start: number; end: number };
  /** Whether the boot looks complete (has the e820 map and reaches zones/Memory). */
  complete: boolean;
  kernel: { version: string | null; arch: string | null };
  cmdline: string | null;
  /** Firmware map (`BIOS-e820:` / `Xen:` / newest format), half-open. */
  e820: E820Entry[];
  /** The user-defined map (`user:` lines), when printed. */
  e820User: E820Entry[] | null;
  /** `e820: update`/`remove` lines in order. */
  e820Edits: { line: number; op: 'update' | 'remove'; range: Range; from: string; to?: string }[];
  srat: SratRange[];
  /** `NUMA: Node N [mem ..] + [mem ..] -> [mem ..]` merged node ranges. */
  numaNodes: { line: number; node: number; range: Range }[];
  nodeData: { line: number; node: number; range: Range }[];
  /** Global zone ranges (`Zone ranges:` or old `Zone PFN ranges:`), empty zones omitted. */
  zoneRanges: { zone: string; range: Range }[];
  /** `Early memory node ranges` / old `early_node_map` entries. */
  nodeRanges: { node: number; range: Range }[];
  memblock: MemblockRecord[];
  memblockDumps: MemblockDump[];
  crashkernel: CrashkernelLine[];
  /** The `Memory:` line as printed. */
  memoryLine: string | null;
}

// ---------------------------------------------------------------------------------------------
// Added by the importer (additive: the fields above are unchanged).
//
// How the importer fills the fields above where a log leaves room:
// - kernel.arch is one of x86_64, i386, arm64, arm, ppc64le, ppc64, powerpc, s390x, riscv64;
// - srat: 2.6.2x prints each node's span as it grows (`0-a0000`, then `0-d8000000`, ...), and
//   each line is kept as printed;
// - nodeData[].node is -1 when the log does not name the node (ppc64 `numa: NODE_DATA`);
// - e820Edits[].from/to are the type names as printed (`usable`, `System RAM`), without the
//   2.6.x parentheses; e820EditTypes below has them as numbers;
// - ranges past the 2^52 physical limit (`0xfffffffffffffffe`) end at 2^52.

/** An entry of an early_res / bootmem reservation list (`#N [start - end] NAME`), half-open. */
export interface EarlyReservation {
  line: number;
  index: number;
  name: string;
  range: Range;
}

/** A per-node setup line: `Bootmem setup node N`, `Initmem setup node N`, `Faking a node at`. */
export interface NodeSetup {
  line: number;
  node: number;
  /** null for a memoryless node (`as memoryless`, or the empty `[mem 0x0-0x0]` of 4.x/5.x). */
  range: Range | null;
  how: 'bootmem' | 'initmem' | 'fake' | 'k8';
}

/**
 * Another reservation the log names: initrd, MP table, ACPI tables, swiotlb, CMA, elfcorehdr...
 * `kernel`: a part of the kernel image (`Kernel code`, `rodata`, `data`, `bss`) as /proc/iomem
 * prints it, when it is pasted with the log.
 */
export interface OtherReservation {
  line: number;
  what:
    | 'initrd'
    | 'mptable'
    | 'acpi'
    | 'swiotlb'
    | 'cma'
    | 'elfcorehdr'
    | 'fadump'
    | 'low-1M'
    | 'memnodemap'
    | 'kernel';
  range: Range;
  text: string;
}

/** The numbers of the `Memory:` line, in KiB as printed (`k`/`K`). */
export interface LoggedMemoryLine {
  line: number;
  availableK: number;
  totalK: number;
  /** The parenthesised parts: `kernel code`, `rwdata`, `data`, `init`, `bss`, `reserved`, ... */
  parts: Record<string, number>;
}

export interface ImportedBootExtras {
  /** 1-based number of this boot in the file. */
  number: number;
  /** Kernel build string after `#` in the `Linux version` line, when printed. */
  kernelBuild: string | null;
  /** `modified physical RAM map` (2.6.x after e820 updates), half-open. */
  e820Modified: E820Entry[] | null;
  /** `extended physical RAM map` (`reserve setup_data:` lines), half-open. */
  e820Extended: E820Entry[] | null;
  /** The Xen hypervisor's own map (`(XEN) Xen-e820 RAM map`), half-open. */
  xenE820: E820Entry[] | null;
  /** `BIOS-e820: [gap ...]` lines of the newest format. */
  e820Gaps: { line: number; range: Range }[];
  /** Numeric types of the e820 edits, parallel to `e820Edits` (null when not understood). */
  e820EditTypes: { from: number | null; to: number | null }[];
  nodeSetup: NodeSetup[];
  earlyReservations: EarlyReservation[];
  /** Bootmem bitmaps: `bootmap [..] pages N` (x86_64) or `node N bootmap a - b` (i386). */
  bootmaps: { line: number; node: number; range: Range }[];
  otherReservations: OtherReservation[];
  memory: LoggedMemoryLine | null;
  /** `Kernel panic - not syncing: ...` when the boot ends in a panic. */
  panic: { line: number; text: string } | null;
  /** `Using GB pages for direct mapping`: the line number, or null when not printed. */
  gbPages: number | null;
  /** BRK PGTABLE pages, 5-level paging, the SLIT (direct-map-lines.ts). */
  directMap: DirectMapLines;
  /** EFI boot-services regions from an efi=debug memory map, half-open (efi-lines.ts). */
  efiBootServices: Range[];
}

/** What a log shows of how the direct map was built (direct-map-lines.ts). */
export interface DirectMapLines {
  /** The brk pool's page-table pages, in log order (half-open). */
  brkPgtable: { line: number; range: Range }[];
  /** The line that shows 5-level paging, or null. */
  la57: number | null;
  /** The `ACPI: SLIT` table line, or null. */
  slit: number | null;
  /** The `efi: EFI v...` line of an EFI boot, or null. */
  efi: number | null;
}

/** One boot as the importer returns it: the contract plus the importer's additions. */
export type ImportedBootFull = ImportedBoot & ImportedBootExtras;

/** One kernel message (or other output line) with where it came from. */
export interface LogLine {
  /** 1-based number of its first physical line in the text as given. */
  line: number;
  /** Last physical line joined into it (equal to `line` when not wrapped). */
  lastLine: number;
  /** The message without capture prefixes; leading white space kept, trailing removed. */
  text: string;
  /** Kernel timestamp in seconds, when printed. */
  time: number | null;
  source: 'kernel' | 'xen' | 'other';
  /** True when it carried a capture prefix (timestamp, syslog or journal header). */
  prefixed: boolean;
}
