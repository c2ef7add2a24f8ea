/**
 * What one recognised line says, in log order. The importer assembles an ImportedBoot from
 * these and the timeline turns each into a step, so both see exactly the same facts.
 */
import type { E820Entry } from '../input/e820';
import type { Range } from '../base/range';
import type {
  CrashkernelLine,
  EarlyReservation,
  MemblockRecord,
  LoggedMemoryLine,
  NodeSetup,
  OtherReservation,
  SratRange,
} from './types';

/** Section headers: they carry no numbers but say how the lines after them are read. */
export type HeaderKind =
  | 'e820-firmware'
  | 'e820-user'
  | 'e820-modified'
  | 'e820-extended'
  | 'xen-e820'
  | 'zones-old'
  | 'zones-new'
  | 'movable'
  | 'node-map-old'
  | 'node-map-new'
  | 'early-res'
  | 'memblock-dump'
  | 'memblock-dump-sizes'
  | 'memblock-dump-count'
  | 'no-numa';

export type E820MapKind = 'firmware' | 'user' | 'modified' | 'extended' | 'xen';

export type Fact =
  | { kind: 'version'; line: number; version: string; build: string | null; fromLoader: boolean }
  | { kind: 'cmdline'; line: number; source: 'early' | 'kernel' | 'loader'; cmdline: string }
  | { kind: 'header'; line: number; what: HeaderKind; text: string }
  | {
      kind: 'e820';
      line: number;
      map: E820MapKind;
      entry: E820Entry;
      typeText: string;
      /** `[mem a-b]` (3.x and later) rather than 2.6.x `a - b`. */
      bracketed: boolean;
    }
  | { kind: 'e820-gap'; line: number; range: Range }
  | {
      kind: 'e820-edit';
      line: number;
      op: 'update' | 'remove';
      range: Range;
      from: string;
      to?: string;
      fromType: number | null;
      toType: number | null;
    }
  | ({ kind: 'srat' } & SratRange)
  | { kind: 'numa-merge'; line: number; node: number; parts: Range[]; range: Range }
  | { kind: 'node-data'; line: number; node: number; range: Range }
  | ({ kind: 'node-setup' } & NodeSetup)
  | { kind: 'zone'; line: number; zone: string; range: Range | null }
  | { kind: 'node-range'; line: number; node: number; range: Range }
  | { kind: 'active-range'; line: number; node: number; range: Range }
  | ({ kind: 'early-res' } & EarlyReservation)
  | { kind: 'bootmap'; line: number; node: number; range: Range }
  | { kind: 'memblock'; line: number; record: MemblockRecord }
  | {
      kind: 'memblock-dump-entry';
      line: number;
      type: 'memory' | 'reserved' | 'physmem';
      range: Range;
      node?: number;
      flags: number;
    }
  | ({ kind: 'crashkernel' } & CrashkernelLine)
  | ({ kind: 'reservation' } & OtherReservation)
  | { kind: 'memory'; line: number; text: string; info: LoggedMemoryLine }
  | { kind: 'direct-map'; line: number; range: Range }
  | { kind: 'panic'; line: number; text: string };

export type FactKind = Fact['kind'];

/** How the lines just before this one set up the reading of the next (zone lists, dumps, ...). */
export interface LineContext {
  block: HeaderKind | null;
  /** The node of the last `Bootmem/Initmem setup node N` (old NODE_DATA and bootmap lines follow it). */
  node: number | null;
  /** Source of the line: the Xen hypervisor prints its own map. */
  xen: boolean;
}

export const NO_CONTEXT: LineContext = { block: null, node: null, xen: false };
