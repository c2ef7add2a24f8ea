/**
 * TEMPORARY: a minimal reader of the 6.1 oracle serial logs (fixtures/oracle/, made by
 * boot-log.sh with memblock=debug) that fills the ImportedBoot contract of ./types.ts, so that
 * `simulate --from-log` and its tests work before the dmesg importer (src-core/dmesg/, branch
 * `importer`) is merged. The importer replaces this file at merge; nothing else depends on
 * how it reads lines. It knows only the 6.1 formats the oracle logs use.
 */
import { MAX_PHYS, MiB } from '../addr';
import { parseE820Type } from '../e820';
import type { Range } from '../range';
import type { ImportedBoot, MemblockDump, MemblockRecord } from './types';

/** A hex number as printed; values beyond 2^52 (ULLONG_MAX - 1 after mem=) are capped there. */
function num(text: string): number {
  const v = BigInt(text);
  return v > BigInt(MAX_PHYS) ? MAX_PHYS : Number(v);
}

/** `0x...-0x...` with an inclusive end, as a half-open range. */
const span = (a: string, b: string): Range => ({
  start: num(a),
  end: Math.min(num(b) + 1, MAX_PHYS),
});

const MEM = String.raw`\[mem (0x[0-9a-fA-F]+)-(0x[0-9a-fA-F]+)\]`;
const RE = {
  version: /^Linux version (\S+)/,
  cmdline: /^Command line: (.*)$/,
  e820: new RegExp(String.raw`^(BIOS-e820|user): ${MEM} (.+)$`),
  edit: new RegExp(String.raw`^e820: (update|remove) ${MEM}(?: (.*?))?(?: ==> (.*))?$`),
  srat: new RegExp(String.raw`^ACPI: SRAT: Node (\d+) PXM (\d+) ${MEM}( hotplug)?`),
  numa: new RegExp(String.raw`^NUMA: Node (\d+) .* -> ${MEM}`),
  nodeData: new RegExp(String.raw`^NODE_DATA\((\d+)\) allocated ${MEM}`),
  zone: new RegExp(String.raw`^\s+(\w+)\s+(?:${MEM}|empty)$`),
  nodeRange: new RegExp(String.raw`^\s+node\s+(\d+): ${MEM}`),
  mbRange: /^(memblock_\w+): \[(0x[0-9a-f]+)-(0x[0-9a-f]+)\] (\S+)/,
  mbAlloc:
    /^(memblock_\w+): (\d+) bytes align=(0x[0-9a-f]+)(?: nid=(-?\d+))? from=(0x[0-9a-f]+) max_addr=(0x[0-9a-f]+) (\S+)/,
  dumpRegion:
    /^\s*(memory|reserved)\[0x[0-9a-f]+\]\s+\[(0x[0-9a-f]+)-(0x[0-9a-f]+)\], 0x[0-9a-f]+ bytes(?: on node (\d+))? flags: (0x[0-9a-f]+)/,
  dumpOther: /^\s*(memory size|memory\.cnt|reserved\.cnt)/,
  crash:
    /^Reserving (\d+)MB of (low )?memory at (\d+)MB for crashkernel \((?:System RAM|low RAM limit): (\d+)MB\)/,
  crashFail:
    /^(crashkernel reservation failed - .*|Cannot reserve \d+MB crashkernel low memory.*)$/,
};

const OPS: Record<string, MemblockRecord['op']> = {
  memblock_reserve: 'reserve',
  memblock_add: 'add',
  memblock_add_node: 'add',
  memblock_remove: 'remove',
  memblock_phys_free: 'free',
  memblock_free: 'free',
  memblock_free_late: 'free',
};

function emptyBoot(start: number): ImportedBoot {
  return {
    lines: { start, end: start },
    complete: false,
    kernel: { version: null, arch: null },
    cmdline: null,
    e820: [],
    e820User: null,
    e820Edits: [],
    srat: [],
    numaNodes: [],
    nodeData: [],
    zoneRanges: [],
    nodeRanges: [],
    memblock: [],
    memblockDumps: [],
    crashkernel: [],
    memoryLine: null,
  };
}

/** Read every boot in an oracle log; a new boot starts at each "Linux version" line. */
export function readOracleLog(text: string): ImportedBoot[] {
  const boots: ImportedBoot[] = [];
  let b: ImportedBoot | null = null;
  let section: 'zones' | 'nodes' | 'dump' | null = null;
  let dump: MemblockDump | null = null;
  const rows = text.split(/\r?\n/);
  rows.forEach((raw, i) => {
    const line = i + 1;
    const s = raw.replace(/^\[\s*\d+\.\d+\] ?/, '');
    const version = RE.version.exec(s);
    if (version) {
      if (b) b.lines.end = line;
      b = emptyBoot(line);
      b.kernel.version = version[1] ?? null;
      boots.push(b);
      section = null;
      return;
    }
    if (!b) return;
    const boot: ImportedBoot = b;
    if (section === 'dump' && dump) {
      const r = RE.dumpRegion.exec(s);
      if (r) {
        const entry = {
          range: span(r[2] as string, r[3] as string),
          flags: num(r[5] as string),
          ...(r[4] === undefined ? {} : { node: Number(r[4]) }),
        };
        dump[r[1] as 'memory' | 'reserved'].push(entry);
        return;
      }
      if (RE.dumpOther.test(s)) return;
      section = null;
    }
    if (section === 'zones') {
      const z = RE.zone.exec(s);
      if (z) {
        if (z[2]) boot.zoneRanges.push({ zone: z[1] as string, range: span(z[2], z[3] as string) });
        return;
      }
      section = null;
    }
    if (section === 'nodes') {
      const n = RE.nodeRange.exec(s);
      if (n) {
        boot.nodeRanges.push({ node: Number(n[1]), range: span(n[2] as string, n[3] as string) });
        return;
      }
      section = null;
    }
    readLine(boot, s, line, (next, d) => {
      section = next;
      dump = d;
    });
  });
  const last = boots[boots.length - 1];
  if (last) last.lines.end = rows.length + 1;
  for (const boot of boots) boot.complete = boot.e820.length > 0 && boot.zoneRanges.length > 0;
  return boots;
}

function readLine(
  b: ImportedBoot,
  s: string,
  line: number,
  enter: (section: 'zones' | 'nodes' | 'dump', dump: MemblockDump | null) => void,
): void {
  let m: RegExpExecArray | null;
  if (s === 'Zone ranges:') return enter('zones', null);
  if (s === 'Early memory node ranges') return enter('nodes', null);
  if (s === 'MEMBLOCK configuration:') {
    const d: MemblockDump = { line, memory: [], reserved: [] };
    b.memblockDumps.push(d);
    return enter('dump', d);
  }
  if ((m = RE.cmdline.exec(s))) b.cmdline ??= m[1] as string;
  else if ((m = RE.e820.exec(s))) {
    const entry = {
      ...span(m[2] as string, m[3] as string),
      type: parseE820Type(m[4] as string) ?? 0,
    };
    if (m[1] === 'user') (b.e820User ??= []).push(entry);
    else b.e820.push(entry);
  } else if ((m = RE.edit.exec(s)))
    b.e820Edits.push({
      line,
      op: m[1] as 'update' | 'remove',
      range: span(m[2] as string, m[3] as string),
      from: m[4] ?? '',
      ...(m[5] === undefined ? {} : { to: m[5] }),
    });
  else if ((m = RE.srat.exec(s)))
    b.srat.push({
      line,
      node: Number(m[1]),
      pxm: Number(m[2]),
      range: span(m[3] as string, m[4] as string),
      hotplug: m[5] !== undefined,
    });
  else if ((m = RE.numa.exec(s)))
    b.numaNodes.push({ line, node: Number(m[1]), range: span(m[2] as string, m[3] as string) });
  else if ((m = RE.nodeData.exec(s)))
    b.nodeData.push({ line, node: Number(m[1]), range: span(m[2] as string, m[3] as string) });
  else if ((m = RE.mbAlloc.exec(s)))
    b.memblock.push({
      line,
      fn: m[1] as string,
      op: 'alloc',
      caller: m[7] as string,
      size: Number(m[2]),
      align: num(m[3] as string),
      ...(m[4] === undefined ? {} : { nid: Number(m[4]) }),
      from: num(m[5] as string),
      maxAddr: num(m[6] as string),
    });
  else if ((m = RE.mbRange.exec(s)) && OPS[m[1] as string])
    b.memblock.push({
      line,
      fn: m[1] as string,
      op: OPS[m[1] as string] as MemblockRecord['op'],
      caller: m[4] as string,
      range: span(m[2] as string, m[3] as string),
    });
  else if ((m = RE.crash.exec(s))) {
    const at = Number(m[3]) * MiB;
    b.crashkernel.push({
      line,
      text: s,
      outcome: m[2] ? 'reserved-low' : 'reserved',
      range: { start: at, end: at + Number(m[1]) * MiB },
      ramMB: Number(m[4]),
    });
  } else if ((m = RE.crashFail.exec(s))) b.crashkernel.push({ line, text: s, outcome: 'failed' });
  else if (s.startsWith('Memory: ')) b.memoryLine = s;
}
