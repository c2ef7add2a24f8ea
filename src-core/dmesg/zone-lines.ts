/**
 * Zone and node memory lists: 2.6.x `Zone PFN ranges:` (page frames, decimal or 0x hex,
 * exclusive end) and `early_node_map[N] active PFN ranges`, later `Zone ranges:` and `Early
 * memory node ranges` in `[mem]` form, and 2.6.2x `Entering add_active_range(nid, s, e)`.
 */
import type { Fact, LineContext } from './facts';
import { inclusiveRange, pfnRange } from './numbers';

const HEX = '0x[0-9a-fA-F]{1,16}';
const PFN = '0x[0-9a-fA-F]{1,16}|\\d{1,20}';
const ZONE = 'DMA32|DMA|Normal|HighMem|Movable|Device';

export const ZONE_PATTERNS = {
  zonesOld: /^Zone PFN ranges:$/,
  zonesNew: /^Zone ranges:$/,
  movable: /^Movable zone start (?:PFN )?for each node$/,
  nodeMapOld: /^early_node_map\[\d{1,6}\] active PFN ranges$/,
  nodeMapNew: /^Early memory node ranges$/,
  zonePfn: new RegExp(`^ {1,4}(${ZONE}) {1,20}(${PFN}) -> {1,12}(${PFN})$`),
  zoneMem: new RegExp(`^ {1,4}(${ZONE}) {1,12}\\[mem (${HEX})-(${HEX})\\]$`),
  zoneEmpty: new RegExp(`^ {1,4}(${ZONE}) {1,12}empty$`),
  nodeMapEntry: new RegExp(`^ {1,8}(\\d{1,4}): {1,10}(${PFN}) -> {1,12}(${PFN})$`),
  nodeRange: new RegExp(`^ {1,4}node {1,4}(\\d{1,4}): \\[mem (${HEX})-(${HEX})\\]$`),
  activeRange:
    /^Entering add_active_range\((\d{1,4}), (\d{1,20}), (\d{1,20})\) \d{1,10} entries of \d{1,10} used$/,
} as const;

const Z = ZONE_PATTERNS;

export function parseZoneLine(t: string, line: number, ctx: LineContext): Fact | null {
  if (t.charCodeAt(0) === 32) return parseIndented(t, line, ctx);
  if (Z.zonesNew.test(t)) return { kind: 'header', line, what: 'zones-new', text: t };
  if (Z.zonesOld.test(t)) return { kind: 'header', line, what: 'zones-old', text: t };
  if (Z.movable.test(t)) return { kind: 'header', line, what: 'movable', text: t };
  if (Z.nodeMapNew.test(t)) return { kind: 'header', line, what: 'node-map-new', text: t };
  if (Z.nodeMapOld.test(t)) return { kind: 'header', line, what: 'node-map-old', text: t };
  const a = Z.activeRange.exec(t);
  if (a) {
    const range = pfnRange(a[2] as string, a[3] as string);
    return range ? { kind: 'active-range', line, node: Number(a[1]), range } : null;
  }
  return null;
}

function parseIndented(t: string, line: number, ctx: LineContext): Fact | null {
  const n = Z.nodeRange.exec(t);
  if (n) {
    const range = inclusiveRange(n[2] as string, n[3] as string);
    return range ? { kind: 'node-range', line, node: Number(n[1]), range } : null;
  }
  if (ctx.block === 'zones-old' || ctx.block === 'zones-new') {
    const mem = Z.zoneMem.exec(t);
    if (mem) {
      const range = inclusiveRange(mem[2] as string, mem[3] as string);
      return range ? { kind: 'zone', line, zone: mem[1] as string, range } : null;
    }
    const pfn = Z.zonePfn.exec(t);
    // An old zone whose start equals its end is empty, as `empty` says in later kernels.
    if (pfn)
      return {
        kind: 'zone',
        line,
        zone: pfn[1] as string,
        range: pfnRange(pfn[2] as string, pfn[3] as string),
      };
    const empty = Z.zoneEmpty.exec(t);
    if (empty) return { kind: 'zone', line, zone: empty[1] as string, range: null };
  }
  if (ctx.block === 'node-map-old') {
    const e = Z.nodeMapEntry.exec(t);
    const range = e && pfnRange(e[2] as string, e[3] as string);
    if (e && range) return { kind: 'node-range', line, node: Number(e[1]), range };
  }
  return null;
}
