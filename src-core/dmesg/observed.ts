/**
 * The imported boot as a Simulation with model `observed`: the timeline's steps and regions,
 * the bootmem bitmaps, zones split by node, the crashkernel outcome, and what the log itself
 * shows going wrong (a reservation overlapping the crashkernel window).
 */
import { humanSize, memRange, MiB } from '../base/addr';
import { paramsNamed, parseCmdline } from '../input/cmdline';
import { e820Ram } from '../input/e820';
import type { BootEvent, Region } from '../output/events';
import { rangeIntersection, setLength, type Range } from '../base/range';
import type { Scenario } from '../input/scenario';
import type { CrashkernelOutcome, Finding, Simulation } from '../output/simulation';
import { ZONE_NAMES, type ZoneName, type ZoneSpan } from '../input/zones';
import type { Fact } from './facts';
import { crashkernelWhy } from './crashkernel-why';
import { extentsByNode } from './extents';
import { elixirTag } from '../kernel/version';
import { TimelineBuilder } from './timeline';
import type { ImportedBootFull } from './types';

export const OBSERVED_MODEL = 'observed';

/**
 * The source file that prints a step, for the few messages whose file is the same in every
 * kernel of an era; '' where that would be a guess. Built once: every step shares the string.
 */
function sourceOf(tag: string | null, arch: string | null): (f: Fact) => string {
  if (!tag) return () => '';
  const memblock = `${tag}:mm/memblock.c`;
  const memblockX86 = `${tag}:arch/x86/mm/memblock.c`;
  // e820.c moved from arch/x86_64 (2.6.23 and before) via e820_64.c (2.6.24–2.6.27) to arch/x86.
  const e820 = !(arch === 'x86_64' || arch === 'i386')
    ? ''
    : /^v2\.6\.(?:[0-9]|1\d|2[0-3])$/.test(tag)
      ? `${tag}:arch/x86_64/kernel/e820.c`
      : /^v2\.6\.2[4-7]$/.test(tag)
        ? ''
        : `${tag}:arch/x86/kernel/e820.c`;
  const earlyRes = /^v2\.6\.3[4-6]$/.test(tag) ? `${tag}:kernel/early_res.c` : '';
  return (f) => {
    if (f.kind === 'memblock')
      return f.record.fn.startsWith('memblock_x86') ? memblockX86 : memblock;
    if (f.kind === 'memblock-dump-entry') return memblock;
    if (f.kind === 'e820' || f.kind === 'e820-edit' || f.kind === 'e820-gap') return e820;
    if (f.kind === 'early-res') return earlyRes;
    return '';
  };
}

/** Each node's span: its memory ranges' extent, else its setup line's span. */
function nodeExtents(boot: ImportedBootFull): { node: number; range: Range }[] {
  const setup = boot.nodeSetup.flatMap((n) => (n.range ? [{ node: n.node, range: n.range }] : []));
  const ext = extentsByNode(boot.nodeRanges.length ? boot.nodeRanges : setup);
  return [...ext].map(([node, range]) => ({ node, range }));
}

function zonesOf(boot: ImportedBootFull): ZoneSpan[] {
  const nodes = nodeExtents(boot);
  const all = nodes.length
    ? nodes
    : boot.zoneRanges.length
      ? [{ node: 0, range: { start: 0, end: Number.MAX_SAFE_INTEGER } }]
      : [];
  const out: ZoneSpan[] = [];
  for (const n of all)
    for (const z of boot.zoneRanges) {
      if (!ZONE_NAMES.includes(z.zone as ZoneName)) continue;
      const r = rangeIntersection(z.range, n.range);
      if (r) out.push({ node: n.node, zone: z.zone as ZoneName, start: r.start, end: r.end });
    }
  return out;
}

/**
 * The crashkernel steps say why, not only where: the command line's option resolved to a size
 * and a base rule (crashkernel-why.ts), against the System RAM the log prints (else e820's).
 */
function explainCrashkernel(boot: ImportedBootFull, events: BootEvent[]): void {
  if (boot.crashkernel.length === 0) return;
  const byLine = new Map(boot.crashkernel.map((c) => [c.line, c]));
  const e820 = setLength(e820Ram(boot.e820));
  for (const e of events) {
    const c = e.line === undefined ? undefined : byLine.get(e.line);
    if (!c || c.outcome === 'reserved-low') continue;
    const why = crashkernelWhy({
      cmdline: boot.cmdline,
      version: boot.kernel.version,
      systemRam: c.ramMB ? c.ramMB * MiB : e820,
    });
    if (why) e.explain = `${e.explain} Why: ${why}`;
  }
}

function crashkernelOf(boot: ImportedBootFull): CrashkernelOutcome {
  const main = boot.crashkernel.filter((c) => c.outcome !== 'reserved-low').pop();
  const low = boot.crashkernel.filter((c) => c.outcome === 'reserved-low').pop();
  const asked = paramsNamed(parseCmdline(boot.cmdline ?? ''), 'crashkernel').length > 0;
  const message = boot.crashkernel.map((c) => c.text).join('\n');
  if (!main) {
    const detail = asked
      ? 'crashkernel= is on the command line but the log shows no outcome (2.6.23 prints none; or the log is cut).'
      : boot.cmdline === null
        ? 'The log shows neither the command line nor a crashkernel outcome.'
        : 'No crashkernel= on the command line.';
    return { outcome: 'none', message, detail, ...(low?.range ? { low: low.range } : {}) };
  }
  if (main.outcome === 'failed')
    return { outcome: 'failed', message, detail: `The kernel refused: ${main.text}` };
  const r = main.range as Range;
  return {
    outcome: 'reserved',
    start: r.start,
    end: r.end,
    message,
    detail: `${humanSize(r.end - r.start)} reserved at ${memRange(r.start, r.end)}${low?.range ? `, plus ${humanSize(low.range.end - low.range.start)} low at ${memRange(low.range.start, low.range.end)}` : ''}.`,
    ...(low?.range ? { low: low.range } : {}),
  };
}

/** Regions the log shows on top of the crashkernel window: bitmaps freed at mem_init, or reservations. */
function findingsOf(regions: readonly Region[]): Finding[] {
  const out: Finding[] = [];
  for (const w of regions.filter((r) => r.lane === 'crashkernel')) {
    for (const r of regions) {
      if (
        (r.lane !== 'bitmap' && r.lane !== 'reserved') ||
        r.owner === 'crashkernel' ||
        r.owner === 'kdump'
      )
        continue;
      if (r.died !== undefined && r.died <= w.born) continue;
      if (r.start === w.start && r.end === w.end) continue; // the reservation that made the window
      const hit = rangeIntersection(r, w);
      if (!hit) continue;
      const bitmap = r.lane === 'bitmap';
      out.push({
        kind: bitmap ? 'freed-while-reserved' : 'double-reservation',
        start: hit.start,
        end: hit.end,
        step: Math.max(r.born, w.born),
        detail: bitmap
          ? `The bootmem bitmap "${r.label}" lies in the crashkernel window at ${memRange(hit.start, hit.end)}: mem_init frees its pages to the page allocator, and loading the kdump kernel overwrites them.`
          : `"${r.label}" and the crashkernel window both hold ${memRange(hit.start, hit.end)}.`,
      });
    }
  }
  return out;
}

export function observedSimulation(
  boot: ImportedBootFull,
  facts: readonly Fact[],
  textOf: (line: number) => string,
  scenario: Scenario,
): Simulation {
  const builder = new TimelineBuilder(
    sourceOf(elixirTag(boot.kernel.version), boot.kernel.arch),
    textOf,
  );
  for (const f of facts) builder.addFact(f);
  const { events, regions, bitOps } = builder.rec;
  explainCrashkernel(boot, events);
  const crashkernel = crashkernelOf(boot);
  const panic = boot.panic?.text ?? null;
  return {
    model: OBSERVED_MODEL,
    scenario,
    events,
    regions,
    bitOps,
    bitmaps: boot.bootmaps.map((b) => ({ node: b.node, start: b.range.start, end: b.range.end })),
    zones: zonesOf(boot),
    crashkernel,
    findings: findingsOf(regions),
    panic,
    summary: `Observed from log lines ${boot.lines.start}–${boot.lines.end - 1}: ${events.length} step${events.length === 1 ? '' : 's'}, ${boot.e820.length} e820 entries, crashkernel ${crashkernel.outcome}${panic ? ', ends in a panic' : ''}.`,
  };
}
