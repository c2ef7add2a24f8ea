/**
 * The simulate document: the JSON contract tools rely on. Extend it freely; never rename.
 * All addresses are lowercase hex strings and every range is half-open [start, end).
 */
import { hex, memRange } from '../base/addr';
import type { Range } from '../base/range';
import type { BootEvent } from './events';
import { eachRequest, type Simulation } from './simulation';

export interface SimulateDocument {
  model: string;
  scenario: string;
  summary: string;
  panic: string | null;
  events: {
    step: number;
    phase: string;
    kind: string;
    start: string;
    end: string;
    label: string;
    owner: string;
    fn: string;
    src: string;
    dmesg: string;
    explain: string;
    node?: number;
    line?: number;
  }[];
  bitmaps: { node: number; start: string; end: string }[];
  zones: { node: number; zone: string; start: string; end: string }[];
  crashkernel: {
    outcome: string;
    start?: string;
    end?: string;
    message: string;
    detail: string;
    low?: { start: string; end: string };
  };
  findings: { kind: string; start: string; end: string; detail: string; step: number }[];
  /** Global zone ranges as printed under "Zone ranges:", empty zones omitted (memblock-6.1). */
  zoneRanges?: { zone: string; start: string; end: string }[];
  /** Node ranges as printed under "Early memory node ranges" (memblock-6.1). */
  nodes?: { node: number; ranges: { start: string; end: string }[] }[];
  /** Every allocation the model made, in order (memblock-6.1). */
  allocations?: {
    fn: string;
    caller: string;
    size: string;
    align: string;
    nid: number;
    start: string;
    end: string;
  }[];
}

export function toDocument(sim: Simulation): SimulateDocument {
  const c = sim.crashkernel;
  return {
    model: sim.model,
    scenario: sim.scenario.name,
    summary: sim.summary,
    panic: sim.panic,
    events: sim.events.map((e) => ({
      step: e.step,
      phase: e.phase,
      kind: e.kind,
      start: hex(e.start),
      end: hex(e.end),
      label: e.label,
      owner: e.owner,
      fn: e.fn,
      src: e.src,
      dmesg: e.dmesg,
      explain: e.explain,
      ...(e.node === undefined ? {} : { node: e.node }),
      ...(e.line === undefined ? {} : { line: e.line }),
    })),
    bitmaps: sim.bitmaps.map((b) => ({ node: b.node, start: hex(b.start), end: hex(b.end) })),
    zones: sim.zones.map((z) => ({
      node: z.node,
      zone: z.zone,
      start: hex(z.start),
      end: hex(z.end),
    })),
    crashkernel: {
      outcome: c.outcome,
      ...(c.start === undefined ? {} : { start: hex(c.start) }),
      ...(c.end === undefined ? {} : { end: hex(c.end) }),
      message: c.message,
      detail: c.detail,
      ...(c.low ? { low: { start: hex(c.low.start), end: hex(c.low.end) } } : {}),
    },
    findings: sim.findings.map((f) => ({
      kind: f.kind,
      start: hex(f.start),
      end: hex(f.end),
      detail: f.detail,
      step: f.step,
    })),
    ...memblockFacts(sim),
  };
}

/** The memblock-6.1 additions, present only when the model computed them. */
function memblockFacts(sim: Simulation): Partial<SimulateDocument> {
  const range = (r: Range) => ({ start: hex(r.start), end: hex(r.end) });
  const out: Partial<SimulateDocument> = {};
  if (sim.zoneRanges) out.zoneRanges = sim.zoneRanges.map((z) => ({ zone: z.zone, ...range(z) }));
  if (sim.nodeRanges)
    out.nodes = sim.nodeRanges.map((n) => ({ node: n.node, ranges: n.ranges.map(range) }));
  if (sim.allocations)
    out.allocations = eachRequest(sim.allocations).flatMap((a) =>
      a.start === null
        ? []
        : [
            {
              fn: a.fn,
              caller: a.caller,
              size: hex(a.size),
              align: hex(a.align),
              nid: a.nid,
              ...range({ start: a.start, end: a.start + a.size }),
            },
          ],
    );
  return out;
}

/** The readable listing the CLI prints without --json. */
export function toText(sim: Simulation): string {
  const lines: string[] = [`model ${sim.model} — scenario ${sim.scenario.name}`, sim.summary, ''];
  for (const e of sim.events) {
    lines.push(stepLine(e));
    for (const d of e.dmesg ? e.dmesg.split('\n') : []) lines.push(`      | ${d}`);
  }
  lines.push('', ...outcomeLines(sim));
  return lines.join('\n');
}

/** One step on one line: number, phase, function, label and its range kernel-style. */
export function stepLine(e: BootEvent): string {
  const range = e.end > e.start ? ` ${memRange(e.start, e.end)}` : '';
  return `${String(e.step).padStart(3)} ${e.phase.padEnd(12)} ${e.fn}: ${e.label}${range}`;
}

/** How the boot ended: the crashkernel, the findings, a panic. */
function outcomeLines(sim: Simulation): string[] {
  const c = sim.crashkernel;
  const lines = [
    `crashkernel: ${c.outcome}` +
      (c.start !== undefined ? ` ${memRange(c.start, c.end ?? c.start)}` : '') +
      ` — ${c.detail}`,
    `findings: ${sim.findings.length === 0 ? 'none' : ''}`,
  ];
  for (const f of sim.findings)
    lines.push(`  ${f.kind} ${memRange(f.start, f.end)} (step ${f.step}): ${f.detail}`);
  if (sim.panic) lines.push(`panic: ${sim.panic}`);
  return lines;
}

/**
 * The event log with exactly one line per step (no dmesg continuation lines), for a bug
 * report or a diff between runs; everything else is on lines starting with `#`.
 */
export function toStepText(sim: Simulation): string {
  const note = (l: string) => (l ? `# ${l}` : '#');
  return [
    note(`model ${sim.model} — scenario ${sim.scenario.name}`),
    note(`cmdline: ${sim.scenario.cmdline}`),
    note(sim.summary),
    ...sim.events.map(stepLine),
    ...outcomeLines(sim).map(note),
  ].join('\n');
}

/** One row per model: the crashkernel, node 0's bitmap, the findings (the `compare` table). */
export function toCompareText(sims: readonly Simulation[]): string {
  const rows = sims.map((sim) => {
    const c = sim.crashkernel;
    const crash =
      c.outcome === 'reserved'
        ? `reserved ${hex(c.start ?? 0)}-${hex((c.end ?? 1) - 1)}`
        : c.outcome === 'failed'
          ? `FAILED: ${c.message}`
          : 'none';
    const bm = sim.bitmaps.find((b) => b.node === 0);
    const findings = sim.panic
      ? `panic: ${sim.panic}`
      : sim.findings.length
        ? sim.findings.map((f) => `${f.kind} ${hex(f.start)}-${hex(f.end - 1)}`).join('; ')
        : 'none';
    return [sim.model, crash, bm ? `${hex(bm.start)}-${hex(bm.end - 1)}` : 'no bitmap', findings];
  });
  const head = ['model', 'crashkernel', 'node 0 bitmap', 'findings'];
  const widths = head.map((h, i) =>
    Math.max(h.length, ...rows.map((r) => (r[i] as string).length)),
  );
  const line = (r: string[]) =>
    r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i] as number))).join('  ');
  return [
    `scenario ${sims[0]?.scenario.name ?? ''}: ${sims[0]?.scenario.cmdline ?? ''}`,
    '',
    line(head),
    ...rows.map(line),
  ].join('\n');
}
