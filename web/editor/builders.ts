/**
 * Quick builders: "96 GiB, 2 nodes, PCI hole at 3 GiB" as a BIOS of that era would describe
 * it, and NUMA nodes split evenly over RAM. With the seed's numbers (96G, 2, 3G, 1G) the map
 * is exactly the seed incident's, so a user can check the builder against a known machine.
 */
import {
  alignDown,
  E820_ACPI,
  E820_NVS,
  E820_RAM,
  E820_RESERVED,
  e820RamEnd,
  e820TypeName,
  hex,
  MAX_PHYS,
  MiB,
  parseE820Type,
  parseSize,
  type E820Entry,
  type NodeSpan,
} from '../../src-core';
import { resolveEnd, rowId, type E820Row, type NodeRow } from './draft';

export interface MachineSpec {
  /** Top of RAM: RAM runs from 0 to here, less the hole (as the seed: 96G). */
  top: string;
  nodes: string;
  holeStart: string;
  holeSize: string;
}

export type BuildResult =
  | { ok: true; e820: E820Row[]; nodes: NodeRow[] }
  | { ok: false; problems: Partial<Record<keyof MachineSpec, string>> };

/** Below 1 MiB: the EBDA under 640 KiB and the BIOS ROM, as every PC BIOS reports them. */
const LOW_MAP: E820Entry[] = [
  { start: 0, end: 0x9fc00, type: E820_RAM },
  { start: 0x9fc00, end: 0xa0000, type: E820_RESERVED },
  { start: 0xe0000, end: 0x100000, type: E820_RESERVED },
];
/** MMIO in the hole below 4 GiB: MMCONFIG, IOAPIC, local APIC, the flash ROM. */
const HOLE_MMIO: [number, number][] = [
  [0xe0000000, 0xf0000000],
  [0xfec00000, 0xfec10000],
  [0xfee00000, 0xfee01000],
  [0xff800000, 0x100000000],
];
/** ACPI tables (64 KiB) and ACPI NVS (512 KiB) at the top of low RAM. */
const ACPI_DATA = 0x10000;
const ACPI_NVS = 0x80000;
/** Node boundaries fall on 128 MiB (a memory section), as firmware gives them. */
const NODE_ALIGN = 128 * MiB;
export const MAX_BUILD_NODES = 64;

export const SEED_SPEC: MachineSpec = { top: '96G', nodes: '2', holeStart: '3G', holeSize: '1G' };

/** Nodes splitting [0, top) evenly on 128 MiB boundaries; the last takes the remainder. */
export function splitEvenly(top: number, count: number): NodeSpan[] | string {
  if (!Number.isInteger(count) || count < 1 || count > MAX_BUILD_NODES)
    return `the node count must be a whole number from 1 to ${MAX_BUILD_NODES}`;
  const span = alignDown(top / count, NODE_ALIGN);
  if (span === 0) return `${count} nodes need at least ${count * 128} MiB of RAM (128 MiB each)`;
  return Array.from({ length: count }, (_, i) => ({
    node: i,
    start: i * span,
    end: i === count - 1 ? top : (i + 1) * span,
  }));
}

/** The e820 map of a machine with RAM to `top` and a PCI hole at [holeStart, holeStart + holeSize). */
export function machineMap(top: number, holeStart: number, holeSize: number): E820Entry[] {
  const lowTop = Math.min(top, holeStart);
  const acpi = lowTop - ACPI_NVS - ACPI_DATA;
  const holeEnd = holeStart + holeSize;
  const map: E820Entry[] = [
    ...LOW_MAP,
    { start: 0x100000, end: acpi, type: E820_RAM },
    { start: acpi, end: acpi + ACPI_DATA, type: E820_ACPI },
    { start: acpi + ACPI_DATA, end: lowTop, type: E820_NVS },
    ...HOLE_MMIO.filter(([s, e]) => s >= holeStart && e <= holeEnd).map(([start, end]) => ({
      start,
      end,
      type: E820_RESERVED,
    })),
  ];
  if (top > holeEnd) map.push({ start: holeEnd, end: top, type: E820_RAM });
  return map;
}

export const toE820Rows = (map: readonly E820Entry[]): E820Row[] =>
  map.map((e) => ({
    id: rowId(),
    start: hex(e.start),
    end: hex(e.end),
    type: e820TypeName(e.type),
  }));

export const toNodeRows = (nodes: readonly NodeSpan[]): NodeRow[] =>
  nodes.map((n) => ({ id: rowId(), node: String(n.node), start: hex(n.start), end: hex(n.end) }));

/** Build the e820 map and nodes from the builder's fields, or say what is wrong with each. */
export function buildMachine(spec: MachineSpec): BuildResult {
  const problems: Partial<Record<keyof MachineSpec, string>> = {};
  const size = (k: 'top' | 'holeStart' | 'holeSize', what: string) => {
    const r = parseSize(spec[k], what);
    if (!r.ok) problems[k] = r.error;
    return r.ok ? r.value : 0;
  };
  const top = size('top', 'top of RAM');
  const holeStart = size('holeStart', 'hole start');
  const holeSize = size('holeSize', 'hole size');
  const count = /^\d{1,4}$/.test(spec.nodes.trim()) ? Number(spec.nodes) : NaN;
  if (!problems.top && top < 64 * MiB)
    problems.top = 'top of RAM must be at least 64M: the kernel and its tables need room';
  if (!problems.holeStart && holeStart < 64 * MiB)
    problems.holeStart =
      'the hole must start at 64M or above (usually 3G or 3.5G), below it lies the kernel';
  if (!problems.holeSize && holeStart + holeSize > MAX_PHYS)
    problems.holeSize = 'the hole must end inside the 2^52-byte address space';
  const nodes = splitEvenly(top, count);
  if (typeof nodes === 'string' && !problems.top) problems.nodes = nodes;
  if (Object.keys(problems).length || typeof nodes === 'string') return { ok: false, problems };
  return {
    ok: true,
    e820: toE820Rows(machineMap(top, holeStart, holeSize)),
    nodes: toNodeRows(nodes),
  };
}

/** Top of usable RAM among the rows that parse (for "split evenly"), or null. */
export function ramTop(rows: readonly E820Row[]): number | null {
  const map: E820Entry[] = [];
  for (const r of rows) {
    const s = parseSize(r.start);
    const e = parseSize(resolveEnd(r.start, r.end, '', []));
    if (s.ok && e.ok && e.value > s.value && parseE820Type(r.type) === E820_RAM)
      map.push({ start: s.value, end: e.value, type: E820_RAM });
  }
  const top = e820RamEnd(map);
  return top > 0 ? top : null;
}
