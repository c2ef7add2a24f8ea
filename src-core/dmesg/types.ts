/**
 * What the dmesg importer extracts from one boot of a log. Shared contract between the importer
 * (src-core/dmesg/) and the models that replay a log (`simulate --from-log`). Extend freely;
 * never rename. Addresses are numbers, ranges half-open; `line` is the 1-based line number in
 * the file as given.
 */
import type { E820Entry } from '../e820';
import type { Range } from '../range';

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
