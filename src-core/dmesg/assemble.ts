/** One boot's facts gathered into the ImportedBoot contract (plus the importer's extras). */
import type { E820Entry } from '../input/e820';
import { detectArch } from './arch';
import { directMapLines } from './direct-map-lines';
import { efiBootServices } from './efi-lines';
import { KERNEL_PATTERNS } from './kernel-lines';
import type { Fact } from './facts';
import type { LogLine } from './types';
import type { ImportedBootFull, MemblockDump } from './types';

type Of<K extends Fact['kind']> = Extract<Fact, { kind: K }>;

/** The facts of one kind, in log order. */
type Pick = <K extends Fact['kind']>(kind: K) => Of<K>[];

/** Facts sorted by kind in one pass: a 100,000-line log has 100,000 facts to look through. */
function byKind(facts: readonly Fact[]): Pick {
  const groups = new Map<Fact['kind'], Fact[]>();
  for (const f of facts) {
    const list = groups.get(f.kind);
    if (list) list.push(f);
    else groups.set(f.kind, [f]);
  }
  return <K extends Fact['kind']>(kind: K) => (groups.get(kind) ?? []) as Of<K>[];
}

function mapOf(pick: Pick, map: Of<'e820'>['map']): E820Entry[] {
  return pick('e820')
    .filter((f) => f.map === map)
    .map((f) => ({ ...f.entry }));
}

const orNull = <T>(xs: T[]): T[] | null => (xs.length ? xs : null);

/** The command line the early parameters saw: `Command line:`, else the generic one. */
function cmdlineOf(pick: Pick): string | null {
  const all = pick('cmdline');
  for (const source of ['early', 'kernel', 'loader'] as const) {
    const c = all.find((f) => f.source === source && f.cmdline !== '');
    if (c) return c.cmdline;
  }
  return all.length ? '' : null;
}

/** Dumps: each header opens one; entries before any header (a log cut mid-dump) open their own. */
function dumpsOf(facts: readonly Fact[]): MemblockDump[] {
  const dumps: MemblockDump[] = [];
  let cur: MemblockDump | null = null;
  for (const f of facts) {
    if (f.kind === 'header' && f.what === 'memblock-dump') {
      cur = { line: f.line, memory: [], reserved: [] };
      dumps.push(cur);
    } else if (f.kind === 'memblock-dump-entry' && f.type !== 'physmem') {
      if (!cur) {
        cur = { line: f.line, memory: [], reserved: [] };
        dumps.push(cur);
      }
      const entry = {
        range: f.range,
        ...(f.node === undefined ? {} : { node: f.node }),
        flags: f.flags,
      };
      cur[f.type].push(entry);
    }
  }
  return dumps;
}

/** The line that says the direct map uses 1 GiB pages (it is a setting: no fact, no step). */
function gbPagesLine(lines: readonly LogLine[]): number | null {
  for (const l of lines)
    if (l.text.charCodeAt(0) === 85 /* U */ && KERNEL_PATTERNS.gbPages.test(l.text)) return l.line;
  return null;
}

export function assembleBoot(
  number: number,
  lines: readonly LogLine[],
  facts: readonly Fact[],
): ImportedBootFull {
  const first = lines[0];
  const last = lines[lines.length - 1];
  const pick = byKind(facts);
  const versions = pick('version');
  const version = versions.find((v) => !v.fromLoader) ?? versions[0];
  const e820 = mapOf(pick, 'firmware');
  const zoneRanges = pick('zone').flatMap((z) =>
    z.range ? [{ zone: z.zone, range: z.range }] : [],
  );
  const memory = pick('memory')[0];
  const edits = pick('e820-edit');
  const panics = pick('panic');
  const panic = panics[panics.length - 1];
  return {
    number,
    lines: { start: first ? first.line : 1, end: last ? last.lastLine + 1 : 1 },
    complete: e820.length > 0 && (zoneRanges.length > 0 || memory !== undefined),
    kernel: { version: version?.version ?? null, arch: detectArch(lines, facts) },
    kernelBuild: version?.build ?? null,
    cmdline: cmdlineOf(pick),
    e820,
    e820User: orNull(mapOf(pick, 'user')),
    e820Modified: orNull(mapOf(pick, 'modified')),
    e820Extended: orNull(mapOf(pick, 'extended')),
    xenE820: orNull(mapOf(pick, 'xen')),
    e820Gaps: pick('e820-gap').map(({ line, range }) => ({ line, range })),
    e820Edits: edits.map((e) => ({
      line: e.line,
      op: e.op,
      range: e.range,
      from: e.from,
      ...(e.to === undefined ? {} : { to: e.to }),
    })),
    e820EditTypes: edits.map((e) => ({ from: e.fromType, to: e.toType })),
    srat: pick('srat').map(({ line, node, pxm, range, hotplug }) => ({
      line,
      node,
      pxm,
      range,
      hotplug,
    })),
    numaNodes: pick('numa-merge').map(({ line, node, range }) => ({ line, node, range })),
    nodeData: pick('node-data').map(({ line, node, range }) => ({ line, node, range })),
    nodeSetup: pick('node-setup').map(({ line, node, range, how }) => ({
      line,
      node,
      range,
      how,
    })),
    zoneRanges,
    nodeRanges: pick('node-range').map(({ node, range }) => ({ node, range })),
    earlyReservations: pick('early-res').map(({ line, index, name, range }) => ({
      line,
      index,
      name,
      range,
    })),
    bootmaps: pick('bootmap').map(({ line, node, range }) => ({ line, node, range })),
    otherReservations: pick('reservation').map(({ line, what, range, text }) => ({
      line,
      what,
      range,
      text,
    })),
    memblock: pick('memblock').map((f) => f.record),
    memblockDumps: dumpsOf(facts),
    crashkernel: pick('crashkernel').map(({ line, text, outcome, range, ramMB }) => ({
      line,
      text,
      outcome,
      ...(range ? { range } : {}),
      ...(ramMB === undefined ? {} : { ramMB }),
    })),
    memoryLine: memory?.text ?? null,
    memory: memory?.info ?? null,
    panic: panic ? { line: panic.line, text: panic.text } : null,
    gbPages: gbPagesLine(lines),
    directMap: directMapLines(lines),
    efiBootServices: efiBootServices(lines),
  };
}
