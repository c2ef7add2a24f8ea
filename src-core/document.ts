/**
 * The simulate document: the JSON contract tools rely on. Extend it freely; never rename.
 * All addresses are lowercase hex strings and every range is half-open [start, end).
 */
import { hex, memRange } from './addr';
import type { Simulation } from './simulation';

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
  };
}

/** The readable listing the CLI prints without --json. */
export function toText(sim: Simulation): string {
  const lines: string[] = [`model ${sim.model} — scenario ${sim.scenario.name}`, sim.summary, ''];
  for (const e of sim.events) {
    const range = e.end > e.start ? ` ${memRange(e.start, e.end)}` : '';
    lines.push(`${String(e.step).padStart(3)} ${e.phase.padEnd(12)} ${e.fn}: ${e.label}${range}`);
    for (const d of e.dmesg ? e.dmesg.split('\n') : []) lines.push(`      | ${d}`);
  }
  lines.push(
    '',
    'crashkernel: ' +
      sim.crashkernel.outcome +
      (sim.crashkernel.start !== undefined
        ? ` ${memRange(sim.crashkernel.start, sim.crashkernel.end ?? sim.crashkernel.start)}`
        : '') +
      ` — ${sim.crashkernel.detail}`,
  );
  lines.push(`findings: ${sim.findings.length === 0 ? 'none' : ''}`);
  for (const f of sim.findings)
    lines.push(`  ${f.kind} ${memRange(f.start, f.end)} (step ${f.step}): ${f.detail}`);
  if (sim.panic) lines.push(`panic: ${sim.panic}`);
  return lines.join('\n');
}
