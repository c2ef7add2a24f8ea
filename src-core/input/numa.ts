/**
 * NUMA nodes: the spans firmware (SRAT) gives each node, and the lookups the allocators make.
 */
import { lowestSetBit, memparse } from '../base/addr';
import type { Range } from '../base/range';
import { paramsNamed, parseCmdline } from './cmdline';

/** A node's physical span as SRAT memory affinity gives it, half-open. */
export interface NodeSpan {
  node: number;
  start: number;
  end: number;
}

/** The node whose span holds addr, or -1 (NUMA_NO_NODE). */
export function nodeOf(nodes: readonly NodeSpan[], addr: number): number {
  for (const n of nodes) if (addr >= n.start && addr < n.end) return n.node;
  return -1;
}

/** The one node that holds all of r, or -1 when r crosses a node boundary or lies outside. */
export function nodeHolding(nodes: readonly NodeSpan[], r: Range): number {
  for (const n of nodes) if (r.start >= n.start && r.end <= n.end) return n.node;
  return -1;
}

/**
 * extract_lsb_from_nodes (v2.6.23 arch/x86_64/mm/numa.c): the hash shift is the lowest set bit
 * of all node starts (63 for a single node), and the memnodemap needs (top >> shift) + 1
 * entries. Returns the shift and that entry count.
 */
export function memnodeHash(nodes: readonly NodeSpan[]): { shift: number; entries: number } {
  let bitfield = 0;
  let used = 0;
  let top = 0;
  const starts: number[] = [];
  for (const n of nodes) {
    if (n.start >= n.end) continue;
    used++;
    starts.push(n.start);
    top = Math.max(top, n.end);
  }
  // OR of the starts, done bit by bit: addresses exceed 32 bits.
  const nonZero = starts.filter((s) => s > 0);
  bitfield = nonZero.length ? Math.min(...nonZero.map(lowestSetBit)) : 64;
  const shift = used <= 1 ? 63 : bitfield;
  const entries = shift >= 53 ? 1 : Math.floor(top / 2 ** shift) + 1;
  return { shift, entries };
}

/** Nodes sorted by start, as bdata_list keeps them (link_bootmem). */
export function byStart(nodes: readonly NodeSpan[]): NodeSpan[] {
  return [...nodes].sort((a, b) => a.start - b.start);
}

/** What `numa=fake=` asks for: N nodes, nodes of a size, or N per physical node. */
export type FakeSpec =
  { form: 'nodes'; n: number } | { form: 'size'; size: number } | { form: 'uniform'; n: number };

/**
 * numa_emulation's reading of the text after `numa=fake=` (v6.1 arch/x86/mm/numa_emulation.c):
 * U first, then M or G, else a count.
 */
export function parseNumaFake(text: string): FakeSpec {
  // simple_strtoul(base 0) is memparse without a suffix; no digits reads as 0.
  const count = () => memparse(text, 0, '').value ?? 0;
  if (text.includes('U')) return { form: 'uniform', n: count() };
  if (text.includes('M') || text.includes('G'))
    return { form: 'size', size: memparse(text).value ?? 0 };
  return { form: 'nodes', n: count() };
}

/** The text after the last `numa=fake=` of a command line (each one replaces the last), or null. */
export function numaFakeText(cmdline: string): string | null {
  const fake = paramsNamed(parseCmdline(cmdline), 'numa').filter((p) =>
    p.value?.startsWith('fake='),
  );
  return fake.at(-1)?.value?.slice('fake='.length) ?? null;
}
