/**
 * The `import` JSON document: the simulate document of the observed run (events with their
 * log lines, zones, crashkernel, findings) plus what the log says about the machine. Addresses
 * are lowercase hex, ranges half-open, as everywhere in the JSON contract.
 */
import { hex, humanSize, memRange } from '../base/addr';
import { toDocument, type SimulateDocument } from '../output/document';
import { e820TypeName, type E820Entry } from '../input/e820';
import type { Range } from '../base/range';
import { scenarioToJson } from '../input/scenario';
import type { ImportOk } from './import-log';
import type { ImportedBootFull } from './types';

type HexRange = { start: string; end: string };

export interface ImportDocument extends SimulateDocument {
  /** 1-based number of the boot described. */
  boot: number;
  kernel: { version: string | null; arch: string | null };
  cmdline: string | null;
  e820: (HexRange & { type: string })[];
  e820User?: (HexRange & { type: string })[];
  /** Present when the file holds more than one boot. */
  boots?: {
    boot: number;
    lines: { start: number; end: number };
    version: string | null;
    complete: boolean;
  }[];
  zoneRanges: (HexRange & { zone: string })[];
  nodes: { node: number; ranges: HexRange[] }[];
  unrecognized: { line: number; text: string }[];
  /** The scenario to run with `simulate --scenario`, or null and why. */
  importedScenario: unknown;
  scenarioProblems: string[];
  notes: string[];
  found: string[];
}

const hr = (r: Range): HexRange => ({ start: hex(r.start), end: hex(r.end) });
const e820Json = (m: readonly E820Entry[]) =>
  m.map((e) => ({ ...hr(e), type: e820TypeName(e.type) }));

/** Each node's memory: its early node ranges, else its setup span. */
function nodesOf(b: ImportedBootFull): { node: number; ranges: HexRange[] }[] {
  const by = new Map<number, Range[]>();
  const ranges = b.nodeRanges.length
    ? b.nodeRanges
    : b.nodeSetup.flatMap((n) => (n.range ? [{ node: n.node, range: n.range }] : []));
  for (const n of ranges) by.set(n.node, [...(by.get(n.node) ?? []), n.range]);
  return [...by].sort((x, y) => x[0] - y[0]).map(([node, rs]) => ({ node, ranges: rs.map(hr) }));
}

export function importDocument(r: ImportOk): ImportDocument {
  const b = r.boot;
  return {
    ...toDocument(r.observed),
    boot: b.number,
    kernel: b.kernel,
    cmdline: b.cmdline,
    e820: e820Json(b.e820),
    ...(b.e820User ? { e820User: e820Json(b.e820User) } : {}),
    ...(r.boots.length > 1
      ? {
          boots: r.boots.map((x) => ({
            boot: x.number,
            lines: x.lines,
            version: x.kernel.version,
            complete: x.complete,
          })),
        }
      : {}),
    zoneRanges: b.zoneRanges.map((z) => ({ zone: z.zone, ...hr(z.range) })),
    nodes: nodesOf(b),
    unrecognized: r.unrecognized,
    importedScenario: r.scenario ? scenarioToJson(r.scenario) : null,
    scenarioProblems: r.scenarioProblems,
    notes: r.notes,
    found: r.summary.text,
  };
}

/** Lines printed at most, per list, in the readable summary. */
const LIST_MAX = 40;

function list<T>(title: string, xs: readonly T[], line: (x: T) => string): string[] {
  if (!xs.length) return [];
  const more = xs.length > LIST_MAX ? [`  … ${xs.length - LIST_MAX} more (see --json)`] : [];
  return [title, ...xs.slice(0, LIST_MAX).map((x) => `  ${line(x)}`), ...more];
}

/** The readable summary the CLI prints without --json. */
export function importText(r: ImportOk): string {
  const b = r.boot;
  const map = (e: E820Entry) =>
    `${memRange(e.start, e.end)} ${e820TypeName(e.type)} (${humanSize(e.end - e.start)})`;
  return [
    ...r.summary.text,
    ...(r.boots.length > 1
      ? list(
          'boots (choose with --boot N):',
          r.boots,
          (x) =>
            `${x.number}: lines ${x.lines.start}–${x.lines.end - 1}, Linux ${x.kernel.version ?? '?'}${x.complete ? '' : ' (incomplete)'}`,
        )
      : []),
    `command line: ${b.cmdline ?? '(not in the log)'}`,
    ...list(`e820 (firmware, ${b.e820.length} entries):`, b.e820, map),
    ...list('user-defined map:', b.e820User ?? [], map),
    ...list(
      'zones:',
      b.zoneRanges,
      (z) => `${z.zone.padEnd(8)} ${memRange(z.range.start, z.range.end)}`,
    ),
    ...list(
      'node memory:',
      b.nodeRanges,
      (n) => `node ${n.node}: ${memRange(n.range.start, n.range.end)}`,
    ),
    ...list('crashkernel:', b.crashkernel, (c) => `line ${c.line}: ${c.text}`),
    ...(b.memoryLine ? [b.memoryLine] : []),
    `observed: ${r.observed.events.length} steps; crashkernel ${r.observed.crashkernel.outcome}: ${r.observed.crashkernel.detail}`,
    ...list(
      'findings:',
      r.observed.findings,
      (f) => `${f.kind} ${memRange(f.start, f.end)}: ${f.detail}`,
    ),
    r.scenario
      ? `scenario: model ${r.scenario.model} (print it with --json, key importedScenario)`
      : `scenario: none — ${r.scenarioProblems.join(' ')}`,
    ...list('notes:', r.notes, (n) => n),
    ...list(
      `not understood (${r.unrecognized.length}):`,
      r.unrecognized,
      (u) => `line ${u.line}: ${u.text}`,
    ),
  ].join('\n');
}
