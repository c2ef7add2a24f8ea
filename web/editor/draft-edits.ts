/**
 * The edits the editor makes to a draft, as pure functions (draft in, draft out): rows added,
 * deleted, moved and sorted; nodes split evenly; optional inputs switched on and off.
 */
import {
  DEFAULT_PRESET,
  hex,
  parseSize,
  preset,
  PRESET_NAMES,
  type Scenario,
} from '../../src-core';
import { ramTop, splitEvenly, toNodeRows } from './builders';
import {
  resolveEnd,
  rowId,
  toDraft,
  type Draft,
  type E820Row,
  type KernelDraft,
  type NodeRow,
} from './draft';

type Rows = 'e820' | 'nodes';
type RowOf<K extends Rows> = K extends 'e820' ? E820Row : NodeRow;

export function setRow<K extends Rows>(
  d: Draft,
  table: K,
  id: number,
  patch: Partial<RowOf<K>>,
): Draft {
  const rows = d[table] as RowOf<K>[];
  return { ...d, [table]: rows.map((r) => (r.id === id ? { ...r, ...patch } : r)) };
}

export function removeRow(d: Draft, table: Rows, id: number): Draft {
  const rows = d[table] as { id: number }[];
  return { ...d, [table]: rows.filter((r) => r.id !== id) };
}

/** Move a row up (-1) or down (+1); a move past either end leaves the draft as it is. */
export function moveRow(d: Draft, table: Rows, id: number, by: -1 | 1): Draft {
  const rows = [...(d[table] as { id: number }[])];
  const i = rows.findIndex((r) => r.id === id);
  const j = i + by;
  if (i < 0 || j < 0 || j >= rows.length) return d;
  [rows[i], rows[j]] = [rows[j] as { id: number }, rows[i] as { id: number }];
  return { ...d, [table]: rows };
}

/** Where the next row starts: the end of the last one, when it can be read. */
function nextStart(rows: readonly { start: string; end: string }[]): string {
  const last = rows[rows.length - 1];
  if (!last) return '0x0';
  const end = parseSize(resolveEnd(last.start, last.end, '', []));
  return end.ok ? hex(end.value) : '';
}

export const addE820Row = (d: Draft): Draft => ({
  ...d,
  e820: [...d.e820, { id: rowId(), start: nextStart(d.e820), end: '', type: 'usable' }],
});

export function addNode(d: Draft): Draft {
  const used = d.nodes.map((n) => Number(n.node)).filter(Number.isInteger);
  const node = String(used.length ? Math.max(...used) + 1 : 0);
  return { ...d, nodes: [...d.nodes, { id: rowId(), node, start: nextStart(d.nodes), end: '' }] };
}

/** Sort the e820 rows by start address; rows whose start cannot be read go last. */
export function sortE820(d: Draft): Draft {
  const key = (r: E820Row) => {
    const s = parseSize(r.start);
    return s.ok ? s.value : Infinity;
  };
  return { ...d, e820: [...d.e820].sort((a, b) => key(a) - key(b)) };
}

/** Replace the nodes with `count` even spans of RAM; a message when that cannot be done. */
export function splitNodes(d: Draft, count: number): Draft | string {
  const top = ramTop(d.e820);
  if (top === null) return 'add usable RAM to the e820 map first: the nodes split it';
  const nodes = splitEvenly(top, count);
  return typeof nodes === 'string' ? nodes : { ...d, nodes: toNodeRows(nodes) };
}

type Optional = 'initrd' | 'ebda' | 'mptable';
const EMPTY: { [K in Optional]: NonNullable<KernelDraft[K]> } = {
  initrd: { start: '', end: '' },
  ebda: { addr: '', sizeKiB: '1' },
  mptable: { mpf: '', physptr: '' },
};

/** Switch an optional kernel input on (with the values it had, if any) or off. */
export function setOptional<K extends Optional>(
  d: Draft,
  key: K,
  value: KernelDraft[K] | 'on',
): Draft {
  return { ...d, kernel: { ...d.kernel, [key]: value === 'on' ? EMPTY[key] : value } };
}

export const setKernel = (d: Draft, patch: Partial<KernelDraft>): Draft => ({
  ...d,
  kernel: { ...d.kernel, ...patch },
});

/**
 * Nothing but the kernel: an empty e820 map, no nodes, no command line. The kernel inputs are
 * those of the seed machine under the same generation, as a starting point to edit.
 */
export function blankDraft(model: string): Draft {
  const seedName =
    PRESET_NAMES.find((n) => n.startsWith('seed-') && preset(n)?.model === model) ?? DEFAULT_PRESET;
  const seed = toDraft((preset(seedName) ?? preset(DEFAULT_PRESET)) as Scenario);
  return {
    ...seed,
    name: 'custom',
    title: 'A machine built in the editor',
    model,
    cmdline: '',
    e820: [],
    nodes: [],
    kept: { ops: null, earlyReserves: null, srat: null },
  };
}
