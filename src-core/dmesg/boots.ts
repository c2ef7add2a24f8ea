/**
 * Where one boot ends and the next begins. A boot starts again when the kernel introduces
 * itself a second time (`Linux version`), when timestamps fall back to 0.000000 right before
 * the first lines of a kernel, or when a
 * message printed once per boot repeats (the e820 header, the command line, the zone list, the
 * crashkernel outcome, `Memory:`); the last covers fragments that quote several boots' lines.
 * Stretches without any fact (a panic trace before a kdump kernel) join the next boot.
 */
import type { Fact } from './facts';
import type { LogLine } from './types';

export interface BootSpan {
  /** Index range in the normalized lines, half-open. */
  from: number;
  to: number;
  /** Index range in the extraction's facts, half-open. */
  factFrom: number;
  factTo: number;
}

/** The once-per-boot key of a fact, or null. */
function singletonKey(f: Fact): string | null {
  switch (f.kind) {
    case 'version':
      return f.fromLoader ? null : 'version';
    case 'cmdline':
      return f.source === 'loader' ? null : `cmdline:${f.source}`;
    case 'header':
      return f.what === 'e820-firmware' || f.what === 'zones-new' || f.what === 'zones-old'
        ? `header:${f.what}`
        : null;
    case 'memory':
      return 'memory';
    case 'crashkernel':
      return f.outcome === 'reserved-low' ? 'crashkernel:low' : 'crashkernel';
    default:
      return null;
  }
}

/** Lines a kernel prints first; a clock back at 0 is a new boot only if one of them follows. */
const BOOT_START =
  /^(?:Linux version |Booting Linux on physical CPU|Command line:|BIOS-provided physical RAM map|Initializing cgroup subsys)/;
/** How many lines after the clock went back the start of a boot may come. */
const START_WINDOW = 8;

/** A secondary CPU prints 0.000000 before its clock is synchronised: that is not a new boot. */
function bootStartsAt(lines: readonly LogLine[], i: number): boolean {
  for (let j = i; j < Math.min(lines.length, i + START_WINDOW); j++) {
    const l = lines[j] as LogLine;
    if (l.time !== null && l.time > 0) return false;
    if (BOOT_START.test(l.text.trimStart())) return true;
  }
  return false;
}

/** Substantive facts: headers, or the panic of the kernel before a kdump kernel, do not make a boot. */
const substantive = (f: Fact): boolean => f.kind !== 'header' && f.kind !== 'panic';

export function splitBoots(
  lines: readonly LogLine[],
  facts: readonly Fact[],
  at: readonly number[],
): BootSpan[] {
  const starts: number[] = [0];
  let seen = new Set<string>();
  let maxTime = 0;
  let lastFactLine = -1;
  let k = 0;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i] as LogLine;
    const factsFrom = k;
    while (k < facts.length && at[k] === i) k++;
    const reset = l.time === 0 && maxTime > 0 && bootStartsAt(lines, i);
    let repeat = false;
    for (let j = factsFrom; j < k; j++) {
      const key = singletonKey(facts[j] as Fact);
      if (key !== null && seen.has(key)) repeat = true;
    }
    if ((reset || repeat) && lastFactLine >= (starts[starts.length - 1] as number)) {
      // Lines at 0.000000 just before the trigger (`Booting Linux on physical CPU`) open the new boot.
      let s = i;
      while (s - 1 > lastFactLine && (lines[s - 1] as LogLine).time === 0) s--;
      starts.push(s);
      seen = new Set();
      maxTime = 0;
    }
    if (l.time !== null) maxTime = Math.max(maxTime, l.time);
    for (let j = factsFrom; j < k; j++) {
      const key = singletonKey(facts[j] as Fact);
      if (key) seen.add(key);
      lastFactLine = i;
    }
  }
  const spans: BootSpan[] = [];
  let f = 0;
  for (let b = 0; b < starts.length; b++) {
    const from = starts[b] as number;
    const to = b + 1 < starts.length ? (starts[b + 1] as number) : lines.length;
    const factFrom = f;
    while (f < facts.length && (at[f] as number) < to) f++;
    spans.push({ from, to, factFrom, factTo: f });
  }
  return mergeEmpty(spans, facts);
}

/** A span without substantive facts is folded into the following boot (or the previous, at the end). */
function mergeEmpty(spans: BootSpan[], facts: readonly Fact[]): BootSpan[] {
  const has = (s: BootSpan): boolean => {
    for (let i = s.factFrom; i < s.factTo; i++) if (substantive(facts[i] as Fact)) return true;
    return false;
  };
  const out: BootSpan[] = [];
  let pending: BootSpan | null = null;
  for (const s of spans) {
    const cur: BootSpan = pending
      ? { from: pending.from, to: s.to, factFrom: pending.factFrom, factTo: s.factTo }
      : s;
    if (has(cur)) {
      out.push(cur);
      pending = null;
    } else pending = cur;
  }
  if (pending && out.length === 0) return [];
  if (pending) {
    const last = out.pop();
    out.push(
      last
        ? { from: last.from, to: pending.to, factFrom: last.factFrom, factTo: pending.factTo }
        : pending,
    );
  }
  return out;
}
