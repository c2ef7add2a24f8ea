/** The estimate for people (CLI text) and as the JSON contract's `estimate` object. */
import { hex, humanSize, MiB } from '../../base/addr';
import type { Estimate } from './estimate';

const mib = (b: number) => `${(b / MiB).toFixed(1)} MiB`;

export function describeEstimate(e: Estimate): string {
  const cap = e.capture;
  const mem = cap.sim.memory;
  const w = e.window;
  const lines = [
    `crashkernel needed under ${e.model}: ${humanSize(e.size)} (${hex(e.size)}), the smallest size with which the simulated capture kernel boots and leaves its userspace what it needs`,
    `window ${hex(w.start)}-${hex(w.end - 1)}${e.low ? `, low part ${hex(e.low.start)}-${hex(e.low.end - 1)}` : ''}; loader ${e.loader}; capture command line:`,
    `  ${cap.cmdline}`,
    ...(mem ? [`  ${mem.line}`] : []),
    '',
    'parts:',
    ...e.parts.map((p) => `  ${p.what.padEnd(40)} ${mib(p.bytes).padStart(11)}  ${p.why}`),
    '',
    `for comparison (System RAM ${humanSize(e.ram)}):`,
    ...e.tables.map(
      (t) =>
        `  ${t.title.padEnd(52)} ${t.size ? humanSize(t.size).padStart(8) : '    none'}  ${t.enough ? 'enough' : 'too small'}  (${t.ranges})`,
    ),
    '',
    `try: ${e.recommended.join('   ')}`,
  ];
  return lines.join('\n');
}

/** The `estimate` object of `advise --estimate --json` (hex strings, half-open ranges). */
export function estimateJson(e: Estimate): Record<string, unknown> {
  const cap = e.capture;
  const mem = cap.sim.memory;
  return {
    size: hex(e.size),
    parts: e.parts.map((p) => ({ what: p.what, bytes: hex(p.bytes), why: p.why })),
    recommended: e.recommended,
    loader: e.loader,
    window: { start: hex(e.window.start), end: hex(e.window.end) },
    low: e.low ? { start: hex(e.low.start), end: hex(e.low.end) } : null,
    ram: hex(e.ram),
    tables: e.tables.map((t) => ({
      id: t.id,
      title: t.title,
      ranges: t.ranges,
      size: hex(t.size),
      enough: t.enough,
      source: t.source,
    })),
    capture: {
      cmdline: cap.cmdline,
      memoryLine: mem?.line ?? null,
      availableK: mem?.availableK ?? null,
      afterBoot: hex(Math.max(0, cap.afterBoot)),
      needs: cap.needs.map((n) => ({ what: n.what, bytes: hex(n.bytes), why: n.why })),
      segments: cap.layout.segments.map((s) => ({
        what: s.what,
        start: hex(s.start),
        end: hex(s.end),
      })),
      panic: cap.sim.panic,
    },
  };
}
