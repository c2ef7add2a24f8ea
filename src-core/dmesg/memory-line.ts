/**
 * The `Memory:` line of mem_init: `Memory: 12322244k/13238272k available (2523k kernel code,
 * 259968k reserved, 1331k data, 328k init)` (2.6.x) or `Memory: 207548K/523768K available
 * (14343K kernel code, 2338K rwdata, …, 0K cma-reserved)` (later). Parts a mail client cut off
 * are simply missing.
 */
import type { Fact } from './facts';

export const MEMORY_PATTERNS = {
  head: /^Memory: (\d{1,15})[kK]\/(\d{1,15})[kK] available(?: \((.{0,400}))?$/,
  part: /^(\d{1,15})[kK] ([a-z][a-z -]{0,30})$/,
} as const;

export function parseMemoryLine(t: string, line: number): Fact | null {
  const m = MEMORY_PATTERNS.head.exec(t);
  if (!m) return null;
  const parts: Record<string, number> = {};
  for (const p of (m[3] ?? '').replace(/\)$/, '').split(', ')) {
    const q = MEMORY_PATTERNS.part.exec(p.trim());
    if (q) parts[q[2] as string] = Number(q[1]);
  }
  return {
    kind: 'memory',
    line,
    text: t,
    info: { line, availableK: Number(m[1]), totalK: Number(m[2]), parts },
  };
}
