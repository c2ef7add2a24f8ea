/**
 * Who owns a physical address, at a step and across the boot: what `crash> kmem ADDR` answers
 * about a page (its zone, node, whether it is reserved or free), for the early-boot picture:
 * the e820 type, the node and zone, memblock.memory, the reservation, bootmem bitmap or
 * crash window covering it, whether the page allocator has it, and the node's bootmem bit.
 *
 * A lookup index (StabbingIndex over every region of the run and every bit operation's pages)
 * is built once per run, the first time an address is looked up.
 */
import { hex, humanSize, memparse, MAX_PHYS, memRange, PAGE_SIZE } from '../../base/addr';
import type { BitOp, Lane, Region } from '../events';
import type { Simulation } from '../simulation';
import { StabbingIndex } from './stabbing-index';

export type AddressQuery =
  { ok: true; addr: number; pfn: number; asked: 'address' | 'pfn' } | { ok: false; error: string };

/**
 * An address or page frame as people type them: `0x1000000`, `16M`, `16 MiB`, `4096`,
 * `pfn 0x1000` (also `pfn:0x1000`, `pfn=4096`). Numbers follow the kernel's memparse: 0x… hex,
 * a leading 0 octal, else decimal, then an optional K/M/G/T/P/E.
 */
export function parseAddressQuery(text: string): AddressQuery {
  const s = text.trim();
  if (s === '')
    return { ok: false, error: 'type an address (0x1000000, 16M) or a page frame (pfn 0x1000)' };
  const pfnForm = /^pfn\s*[:=]?\s*/i.exec(s);
  const rest = pfnForm ? s.slice(pfnForm[0].length) : s;
  // `16 MiB` and `16MB` read as memparse's `16M`; never in hex, where b is a digit.
  const body = /^0x/i.test(rest) ? rest : rest.replace(/\s*([kmgtpe])i?b$/i, '$1');
  const what = pfnForm ? 'page frame' : 'address';
  if (body === '') return { ok: false, error: `"${s}": the ${what} number is missing` };
  const r = memparse(body);
  if (!r.digits)
    return {
      ok: false,
      error: `"${s}" is not ${pfnForm ? 'a page frame' : 'an address'}: use 0x… hex, decimal, a K/M/G/T suffix, or "pfn 0x…"`,
    };
  if (r.end !== body.length)
    return {
      ok: false,
      error: `"${s}": cannot read "${body.slice(r.end)}" after the number (use K, M, G or T, or nothing)`,
    };
  const value = r.value;
  const addr = value === null ? null : pfnForm ? value * PAGE_SIZE : value;
  if (addr === null || addr >= MAX_PHYS)
    return { ok: false, error: `"${s}" is beyond the 2^52-byte physical address space` };
  return {
    ok: true,
    addr,
    pfn: Math.floor(addr / PAGE_SIZE),
    asked: pfnForm ? 'pfn' : 'address',
  };
}

/** A node's bootmem bit for a page: `set` (reserved) or clear (free). */
export interface BitState {
  node: number;
  set: boolean;
}

export interface Ownership {
  /** Regions covering the address, in lane order, then by id. */
  regions: Region[];
  /** The bit of every live bootmem bitmap covering the page. */
  bits: BitState[];
}

export interface OwnerChange {
  step: number;
  /** Regions covering the address that the step created, and those it ended. */
  added: Region[];
  removed: Region[];
  /** Bitmap bits of the page the step changed (`set: null`: the bitmap went away). */
  bits: { node: number; set: boolean | null }[];
}

const LANE_ORDER: Lane[] = [
  'e820',
  'node',
  'zone',
  'memory',
  'bitmap',
  'reserved',
  'crashkernel',
  'buddy',
  'conflict',
];
const laneRank = (l: Lane) => LANE_ORDER.indexOf(l);
const byLane = (a: Region, b: Region) => laneRank(a.lane) - laneRank(b.lane) || a.id - b.id;

interface OwnerIndex {
  regions: StabbingIndex;
  /** Over bitOps' pages (page frames); retires, which have no pages, listed apart by node. */
  bits: StabbingIndex;
  retires: Map<number, number[]>;
}

const indexes = new WeakMap<Simulation, OwnerIndex>();

function ownerIndex(sim: Simulation): OwnerIndex {
  let ix = indexes.get(sim);
  if (!ix) {
    const retires = new Map<number, number[]>();
    sim.bitOps.forEach((op, i) => {
      if (op.op === 'retire') retires.set(op.node, [...(retires.get(op.node) ?? []), i]);
    });
    ix = {
      regions: new StabbingIndex(sim.regions),
      bits: new StabbingIndex(
        sim.bitOps.map((op) => (op.op === 'retire' ? { start: 0, end: 0 } : op.pages)),
      ),
      retires,
    };
    indexes.set(sim, ix);
  }
  return ix;
}

/** Every region of the run that ever covers `addr`, by id. */
export function regionsCovering(sim: Simulation, addr: number): Region[] {
  return ownerIndex(sim)
    .regions.stab(addr)
    .map((i) => sim.regions[i] as Region)
    .sort((a, b) => a.id - b.id);
}

/** The bit operations touching page `pfn`, in run order (retires of those nodes included). */
function bitOpsOf(sim: Simulation, pfn: number): BitOp[] {
  const ix = ownerIndex(sim);
  const hits = ix.bits.stab(pfn);
  const nodes = new Set(hits.map((i) => (sim.bitOps[i] as BitOp).node));
  for (const n of nodes) hits.push(...(ix.retires.get(n) ?? []));
  return hits.sort((a, b) => a - b).map((i) => sim.bitOps[i] as BitOp);
}

/** Fold a page's bit operations: each node's bit after each step they touch. */
function foldBits(ops: readonly BitOp[], pfn: number, upTo = Infinity): Map<number, boolean> {
  const bits = new Map<number, boolean>();
  for (const op of ops) {
    if (op.step > upTo) break;
    if (op.op === 'retire') bits.delete(op.node);
    else if (op.op === 'init') {
      if (op.pages.start <= pfn && pfn < op.pages.end) bits.set(op.node, true);
    } else if (bits.has(op.node) && op.pages.start <= pfn && pfn < op.pages.end)
      bits.set(op.node, op.op === 'set');
  }
  return bits;
}

const alive = (r: Region, step: number) =>
  r.born <= step && (r.died === undefined || r.died > step);

/** Who holds `addr` after `step`. */
export function ownersAt(sim: Simulation, addr: number, step: number): Ownership {
  const pfn = Math.floor(addr / PAGE_SIZE);
  const bits = [...foldBits(bitOpsOf(sim, pfn), pfn, step)]
    .sort((a, b) => a[0] - b[0])
    .map(([node, set]) => ({ node, set }));
  return {
    regions: regionsCovering(sim, addr)
      .filter((r) => alive(r, step))
      .sort(byLane),
    bits,
  };
}

/** Every step that changed who holds `addr`, in boot order. */
export function ownerHistory(sim: Simulation, addr: number): OwnerChange[] {
  const byStep = new Map<number, OwnerChange>();
  const at = (step: number): OwnerChange => {
    let c = byStep.get(step);
    if (!c) byStep.set(step, (c = { step, added: [], removed: [], bits: [] }));
    return c;
  };
  for (const r of regionsCovering(sim, addr)) {
    if (r.died === r.born) continue;
    at(r.born).added.push(r);
    if (r.died !== undefined) at(r.died).removed.push(r);
  }
  const pfn = Math.floor(addr / PAGE_SIZE);
  const ops = bitOpsOf(sim, pfn);
  let before = new Map<number, boolean>();
  for (const step of [...new Set(ops.map((o) => o.step))]) {
    const after = foldBits(ops, pfn, step);
    for (const node of new Set([...before.keys(), ...after.keys()])) {
      const was = before.get(node);
      const now = after.get(node);
      if (was !== now) at(step).bits.push({ node, set: now ?? null });
    }
    before = after;
  }
  for (const c of byStep.values()) {
    c.added.sort(byLane);
    c.removed.sort(byLane);
  }
  return [...byStep.values()]
    .filter((c) => c.added.length || c.removed.length || c.bits.length)
    .sort((a, b) => a.step - b.step);
}

/** What a lane's region is, for the owner listing: `e820`, `reserved`, `crash window`. */
export const LANE_ROLES: Record<Lane, string> = {
  e820: 'e820',
  node: 'node',
  zone: 'zone',
  memory: 'memblock.memory',
  bitmap: 'bootmem bitmap',
  reserved: 'reserved by',
  crashkernel: 'crash window',
  buddy: 'page allocator',
  conflict: 'conflict',
};

const regionLine = (r: Region) =>
  `${LANE_ROLES[r.lane].padEnd(16)}${r.label} ${memRange(r.start, r.end)}${r.crash === 'refused' ? ' (refused: reserves nothing)' : ''}`;

/**
 * The answer as text, the way `crash> kmem` lays out a page: the address and page frame, then
 * one line per holder, then the bitmap bit.
 */
export function formatOwnership(addr: number, own: Ownership): string[] {
  const pfn = Math.floor(addr / PAGE_SIZE);
  const lines = [
    `PHYSICAL ${hex(addr)} (${humanSize(addr)})  PFN ${hex(pfn)}  PAGE ${memRange(pfn * PAGE_SIZE, (pfn + 1) * PAGE_SIZE)}`,
  ];
  if (!own.regions.length && !own.bits.length)
    lines.push('nothing covers this address at this step (no e820 entry: a hole)');
  for (const r of own.regions) lines.push(regionLine(r));
  for (const b of own.bits)
    lines.push(
      `${'bootmem bit'.padEnd(16)}node ${b.node}: bit for pfn ${hex(pfn)} is ${b.set ? 'set (reserved)' : 'clear (free)'}`,
    );
  return lines;
}

/** One line per change: `step 31  + crashkernel window (reserved) [mem …]`. */
export function formatHistory(changes: readonly OwnerChange[], pfn: number): string[] {
  const out: string[] = [];
  for (const c of changes) {
    const head = `step ${c.step}`.padEnd(10);
    const parts = [
      ...c.added.map((r) => `+ ${regionLine(r)}`),
      ...c.removed.map((r) => `- ${regionLine(r)}`),
      ...c.bits.map(
        (b) =>
          `  node ${b.node} bit for pfn ${hex(pfn)} ${b.set === null ? 'gone (bitmap retired)' : b.set ? 'set' : 'cleared'}`,
      ),
    ];
    parts.forEach((p, i) => out.push(`${i === 0 ? head : ' '.repeat(10)}${p}`));
  }
  return out;
}
