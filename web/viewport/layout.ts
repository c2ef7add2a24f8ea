/**
 * The bar's horizontal layout: physical addresses mapped onto a "layout" axis on which big
 * empty ranges can be collapsed (JBrowse's displayed regions, side by side with a marked gap).
 *
 *   address  0 ─────── 144M ══════ 746M of nothing ══════ 0x37a4e000 ── initrd ── ...
 *   layout   0 ─────── 144M ▒gap▒ 0x37a4e000-ish ── initrd ── ...
 *
 * The layout is a list of pieces covering [0, 2^52) in order. An open piece maps addresses
 * one to one (u = piece.u + addr - piece.start: exact integer arithmetic); a gap piece squeezes
 * its whole range into `len` layout bytes. Layout positions are integers, so the viewport's
 * "exact origin plus bytes per pixel" stays exact with gaps.
 */
import { MAX_PHYS, PAGE_SIZE, partitionPoint, type Range } from '../../src-core';
import { visibleU, type View } from './viewport';

export interface Piece {
  kind: 'open' | 'gap';
  /** Address range, half-open. */
  start: number;
  end: number;
  /** Layout position of `start`. */
  u: number;
  /** Layout length: end - start when open, the squeezed length when a gap. */
  len: number;
}

export interface Layout {
  pieces: Piece[];
  /** Layout length of the whole address space. */
  total: number;
}

/** The identity layout: nothing collapsed. */
export const IDENTITY_LAYOUT: Layout = {
  pieces: [{ kind: 'open', start: 0, end: MAX_PHYS, u: 0, len: MAX_PHYS }],
  total: MAX_PHYS,
};

export interface CollapseInput {
  /** Every address where something drawn starts or ends (any order, duplicates allowed). */
  boundaries: readonly number[];
  /** Sorted, disjoint ranges that must never be collapsed (reservations, bitmaps, ...). */
  keep: readonly Range[];
  /** Gaps (by start address) the user asked to see expanded. */
  expanded?: ReadonlySet<number>;
  /**
   * Addresses two gaps never merge across: the top of the machine, so the empty space above it
   * is a gap of its own and "the whole machine" ends exactly at a gap's end; and the axis's
   * landmarks (4 GiB, node starts), so each sits on a gap's edge and keeps its tick.
   */
  splits?: readonly number[];
}

/** Empty stretches shorter than this stay open: power of two, about 1/4096 of the span. */
export function collapseThreshold(top: number): number {
  return Math.max(16 * 2 ** 20, 2 ** Math.floor(Math.log2(Math.max(1, top) / 4096)));
}

/**
 * Collapse every stretch between consecutive boundaries that is at least the threshold long
 * and touches nothing in `keep`; neighbouring collapsible stretches merge into one gap. Gaps
 * get one common layout length (a power of two near 1/64 of what stays open, less when there
 * are many), so each reads as a narrow marked band at the overview zoom.
 */
export function buildLayout(input: CollapseInput): Layout {
  const splits = new Set(input.splits ?? []);
  const bounds = [...new Set([0, MAX_PHYS, ...input.boundaries, ...splits])]
    .filter((b) => b >= 0 && b <= MAX_PHYS)
    .sort((a, b) => a - b);
  const top = bounds.length > 2 ? (bounds[bounds.length - 2] as number) : MAX_PHYS;
  const threshold = collapseThreshold(top);
  const raw: { start: number; end: number; gap: boolean }[] = [];
  let k = 0;
  for (let i = 0; i + 1 < bounds.length; i++) {
    const start = bounds[i] as number;
    const end = bounds[i + 1] as number;
    while (k < input.keep.length && (input.keep[k] as Range).end <= start) k++;
    const kept = k < input.keep.length && (input.keep[k] as Range).start < end;
    const gap = !kept && end - start >= threshold;
    const last = raw[raw.length - 1];
    if (last && last.gap === gap && !(gap && splits.has(start))) last.end = end;
    else raw.push({ start, end, gap });
  }
  for (const r of raw) if (r.gap && input.expanded?.has(r.start)) r.gap = false;
  const open = raw.reduce((n, r) => n + (r.gap ? 0 : r.end - r.start), 0);
  const gaps = raw.filter((r) => r.gap).length;
  // Few gaps: each about 1/64 of what stays open. Many gaps: together at most about a third.
  const share = Math.max(64, 3 * gaps);
  const gapLen = Math.max(PAGE_SIZE, 2 ** Math.round(Math.log2(Math.max(1, open) / share)));
  const pieces: Piece[] = [];
  let u = 0;
  for (const r of raw) {
    const len = r.gap ? gapLen : r.end - r.start;
    const last = pieces[pieces.length - 1];
    if (last && last.kind === 'open' && !r.gap) {
      last.end = r.end;
      last.len += len;
    } else pieces.push({ kind: r.gap ? 'gap' : 'open', start: r.start, end: r.end, u, len });
    u += len;
  }
  return { pieces, total: u };
}

/** Index of the last piece whose `key` is at or below `value` (pieces are sorted by both). */
function lastAtOrBelow(layout: Layout, key: 'start' | 'u', value: number): number {
  const p = layout.pieces;
  return Math.max(0, partitionPoint(p.length, (i) => (p[i] as Piece)[key] <= value) - 1);
}

/** Index of the piece holding address `addr` (the last piece for addr = 2^52). */
export const pieceAt = (layout: Layout, addr: number): number =>
  lastAtOrBelow(layout, 'start', addr);

/** Index of the piece holding layout position `u`. */
export const pieceAtU = (layout: Layout, u: number): number => lastAtOrBelow(layout, 'u', u);

/**
 * Layout position of an address. Exact in open pieces; inside a gap, proportional (a position
 * inside a gap marker has no exact address to honour).
 */
export function toU(layout: Layout, addr: number): number {
  const p = layout.pieces[pieceAt(layout, addr)] as Piece;
  if (p.kind === 'open' || addr <= p.start) return p.u + (addr - p.start);
  if (addr >= p.end) return p.u + p.len;
  return p.u + Math.floor(((addr - p.start) / (p.end - p.start)) * p.len);
}

/** The address at layout position u, and the gap it falls in, if any. */
export function fromU(layout: Layout, u: number): { addr: number; gap: Piece | null } {
  const p = layout.pieces[pieceAtU(layout, u)] as Piece;
  if (p.kind === 'open') return { addr: Math.min(p.start + (u - p.u), p.end), gap: null };
  const f = Math.min(1, Math.max(0, (u - p.u) / p.len));
  return { addr: p.start + Math.floor(f * (p.end - p.start)), gap: p };
}

/** The gaps that intersect an address range. */
export function gapsIn(layout: Layout, r: Range): Piece[] {
  const out: Piece[] = [];
  for (let i = pieceAt(layout, r.start); i < layout.pieces.length; i++) {
    const p = layout.pieces[i] as Piece;
    if (p.start >= r.end) break;
    if (p.kind === 'gap') out.push(p);
  }
  return out;
}

/**
 * The addresses a view `width` pixels wide shows, first to last byte. A collapsed gap whose
 * marker is wholly in view counts as shown (the axis names its size); one cut by an edge of the
 * window counts as not shown, so the range names the addresses drawn to scale. A window inside
 * one gap gives the gap.
 */
export function rangeShown(view: View, width: number, layout: Layout): Range {
  const { start: u0, end: u1 } = visibleU(view, width);
  const a = fromU(layout, u0);
  const b = fromU(layout, Math.max(u0, u1 - 1));
  if (a.gap && a.gap === b.gap) return { start: a.gap.start, end: a.gap.end };
  const start = !a.gap ? a.addr : u0 <= a.gap.u ? a.gap.start : a.gap.end;
  const end = !b.gap ? b.addr + 1 : u1 >= b.gap.u + b.gap.len ? b.gap.end : b.gap.start;
  return { start, end: Math.max(start + 1, end) };
}
