/**
 * The crashkernel advisor: for a scenario, a model and a size, which bases are safe — the
 * reservation succeeds and nothing else can own those pages during boot or after it.
 *
 * The model is run once, without a crashkernel, and reports what is taken at the moment it
 * would reserve one (RunOptions.onCrashPoint). Each taken range t makes the bases
 * (t.start - size, t.end) unsafe; so do holes in RAM and, where the model needs it, node
 * boundaries. One sweep over those intervals gives the answer, so the cost follows the number
 * of regions, never the number of candidate bases. Suggestions are then checked by simulating
 * them: only a clean run is suggested.
 */
import { alignUp, hex, humanSize, MAX_PHYS, MiB } from '../base/addr';
import { withoutParam, withParam } from '../input/cmdline';
import { modelById } from '../models';
import { normalize, setIntersect, setSubtract, type Range } from '../base/range';
import type { Scenario } from '../input/scenario';
import type { CrashProbe, Simulation } from '../output/simulation';

export type Verdict = 'safe' | 'fails' | 'corrupts';

export interface AdviceInterval {
  start: number;
  end: number;
  verdict: Verdict;
  reason: string;
}

export interface Advice {
  model: string;
  size: number;
  /** Bases must be multiples of this. */
  align: number;
  /** The model can place the window itself (`crashkernel=SIZE`, or `@0`). */
  automatic: boolean;
  /** A partition of the possible bases [0, 2^52) into verdicts. */
  intervals: AdviceInterval[];
  safe: Range[];
  unsafe: { start: number; end: number; reason: string }[];
  suggestions: string[];
}

export type AdviceResult = { ok: true; advice: Advice } | { ok: false; error: string };

interface Blocker extends AdviceInterval {
  rank: number;
}

const RANK: Record<Verdict, number> = { safe: 0, corrupts: 1, fails: 2 };

/** Bases b for which [b, b + size) touches r. */
const basesHitting = (r: Range, size: number): Range => ({
  start: Math.max(0, r.start - size + 1),
  end: r.end,
});

const mem = (r: Range) => `[mem ${hex(r.start)}-${hex(r.end - 1)}]`;

function blockers(p: CrashProbe, size: number): Blocker[] {
  const out: Blocker[] = [];
  const add = (r: Range, verdict: Verdict, reason: string) => {
    if (r.end > r.start) out.push({ ...r, verdict, reason, rank: RANK[verdict] });
  };
  for (const t of p.taken) {
    const r = { start: t.start, end: t.end };
    if (p.checked)
      add(
        basesHitting(r, size),
        'fails',
        `${t.label} ${mem(r)} is already reserved: the kernel refuses ("memory is in use")`,
      );
    else if (t.owner === 'bitmap')
      add(
        basesHitting(r, size),
        'corrupts',
        `${t.label} ${mem(r)} lies there: reserved twice, then freed to the page allocator at mem_init`,
      );
    else
      add(
        basesHitting(r, size),
        'corrupts',
        `${t.label} ${mem(r)} lies there: bootmem reserves it twice without a word`,
      );
  }
  for (const gap of setSubtract([{ start: 0, end: MAX_PHYS }], normalize(p.ram))) {
    add(
      basesHitting(gap, size),
      'fails',
      gap.start === 0
        ? `${mem(gap)} is not usable RAM`
        : `the window would include ${mem(gap)}, which is not usable RAM`,
    );
  }
  // Outside every allowed span (a node, or node 0 only): the reservation BUG()s or is ignored.
  const spans = [...p.spans].sort((a, b) => a.start - b.start);
  let prev = 0;
  for (const s of spans) {
    add(
      { start: prev, end: s.start },
      'fails',
      `the window must lie inside ${spans.map((x) => x.label).join(' or ')}`,
    );
    add(
      { start: Math.max(s.start, s.end - size + 1), end: s.end },
      'fails',
      `the window would run past the end of ${s.label} (a kernel BUG)`,
    );
    prev = s.end;
  }
  laterNeeds(p, size, add);
  const ramEnd = Math.max(0, ...p.ram.map((r) => r.end));
  add(
    { start: prev, end: ramEnd },
    'fails',
    `the window must lie inside ${spans.map((x) => x.label).join(' or ')}`,
  );
  add({ start: Math.max(prev, ramEnd), end: MAX_PHYS }, 'fails', 'beyond the end of RAM');
  return out;
}

/**
 * Bases whose window leaves no room for a block the boot still needs (p.later): for each gap
 * that could hold the block, the window breaks it when neither the part left of the window nor
 * the part right of it still fits; the kernel fails only if every such gap is broken at once,
 * so the bases are the intersection of the per-gap intervals.
 */
function laterNeeds(
  p: CrashProbe,
  size: number,
  add: (r: Range, verdict: Verdict, reason: string) => void,
): void {
  const free = setSubtract(normalize(p.ram), normalize(p.taken));
  for (const need of p.later ?? []) {
    const fits = (lo: number, hi: number) => alignUp(lo, need.align) + need.size <= hi;
    const gaps = setIntersect(free, [need.span]).filter((g) => fits(g.start, g.end));
    if (gaps.length === 0) continue; // it fails without a crashkernel too: not the window's doing
    let lo = 0;
    let hi = MAX_PHYS;
    for (const g of gaps) {
      // Broken: the window overlaps g, the left part [g.start, b) is too small, and so is the
      // right part [b + size, g.end).
      lo = Math.max(lo, g.start - size + 1, g.end - size - need.size + 1);
      hi = Math.min(hi, g.end, alignUp(g.start, need.align) + need.size);
    }
    add(
      { start: lo, end: hi },
      'fails',
      `the window would leave no room for ${need.label} (${humanSize(need.size)}): the kernel panics`,
    );
  }
}

/** Sweep the blockers into a partition of [0, 2^52): the worst verdict wins a piece. */
function sweep(bs: Blocker[]): AdviceInterval[] {
  const points = [...new Set([0, MAX_PHYS, ...bs.flatMap((b) => [b.start, b.end])])]
    .filter((x) => x <= MAX_PHYS)
    .sort((a, b) => a - b);
  const byStart = [...bs].sort((a, b) => a.start - b.start);
  const active: Blocker[] = [];
  const out: AdviceInterval[] = [];
  let k = 0;
  for (let i = 0; i + 1 < points.length; i++) {
    const lo = points[i] as number;
    const hi = points[i + 1] as number;
    while (k < byStart.length && (byStart[k] as Blocker).start <= lo)
      active.push(byStart[k++] as Blocker);
    for (let j = active.length - 1; j >= 0; j--)
      if ((active[j] as Blocker).end <= lo) active.splice(j, 1);
    const worst = active.reduce<Blocker | null>((w, b) => (!w || b.rank > w.rank ? b : w), null);
    const piece = worst
      ? { start: lo, end: hi, verdict: worst.verdict, reason: worst.reason }
      : {
          start: lo,
          end: hi,
          verdict: 'safe' as Verdict,
          reason: 'nothing else owns these pages during boot or after it',
        };
    const last = out[out.length - 1];
    if (last && last.verdict === piece.verdict && last.reason === piece.reason) last.end = hi;
    else out.push(piece);
  }
  return out;
}

/**
 * Only multiples of `align` are bases, so each boundary moves up to the next multiple: the
 * aligned bases of [s, e) are those of [alignUp(s), alignUp(e)). Pieces left empty disappear.
 */
function snap(intervals: AdviceInterval[], align: number): AdviceInterval[] {
  const out: AdviceInterval[] = [];
  for (const i of intervals) {
    const start = alignUp(i.start, align);
    const end = alignUp(i.end, align);
    if (end <= start) continue;
    const last = out[out.length - 1];
    if (last && last.verdict === i.verdict && last.reason === i.reason && last.end === start)
      last.end = end;
    else out.push({ ...i, start, end });
  }
  return out;
}

/** `128M`, `1G`, or hex when the value is not a whole number of MiB. */
export const memArg = (x: number): string =>
  x % (1024 * MiB) === 0 && x ? `${x / (1024 * MiB)}G` : x % MiB === 0 ? `${x / MiB}M` : hex(x);

/** The lowest aligned base in `safe` at or above `from`, or null. */
function firstBase(safe: Range[], from: number, align: number): number | null {
  for (const r of safe) {
    const b = alignUp(Math.max(r.start, from), align);
    if (b < r.end) return b;
  }
  return null;
}

/** The highest aligned base in `safe` below `below`, or null. */
function lastBase(safe: Range[], below: number, align: number): number | null {
  for (const r of [...safe].reverse()) {
    const b = Math.floor((Math.min(r.end, below) - 1) / align) * align;
    if (b >= r.start && b < below) return b;
  }
  return null;
}

export function advise(scenario: Scenario, modelId: string, size: number): AdviceResult {
  const model = modelById(modelId);
  if (!model) return { ok: false, error: `unknown model "${modelId}"` };
  if (!(size > 0) || size >= MAX_PHYS)
    return {
      ok: false,
      error: `the crashkernel size must be between 1 byte and 4 PiB, not ${size}`,
    };
  const bare = withoutParam(scenario.cmdline, 'crashkernel');
  let probe: CrashProbe | null = null;
  const run = model.run({ ...scenario, cmdline: bare }, { onCrashPoint: (p) => (probe = p) });
  const p = probe as CrashProbe | null;
  if (!p)
    return {
      ok: false,
      error: run.panic
        ? `the kernel stops before it reserves a crashkernel: ${run.panic}`
        : `model ${modelId} does not reserve a crashkernel`,
    };
  const bs = blockers(p, size);
  if (p.automatic)
    bs.push({
      start: 0,
      end: 1,
      verdict: 'fails',
      reason: '@0 asks the kernel to choose the place: not a fixed base',
      rank: RANK.fails,
    });
  const intervals = snap(sweep(bs), p.align);
  const safe = intervals
    .filter((i) => i.verdict === 'safe')
    .map(({ start, end }) => ({ start, end }));
  const unsafe = intervals
    .filter((i) => i.verdict !== 'safe')
    .map(({ start, end, verdict, reason }) => ({ start, end, reason: `${verdict}: ${reason}` }));
  const candidates: string[] = [];
  const sz = memArg(size);
  // The usual places first: the lowest 16 MiB-aligned base, then the highest below 4 GiB.
  for (const b of [
    firstBase(safe, 16 * MiB, 16 * MiB),
    lastBase(safe, 2 ** 32, 16 * MiB),
    firstBase(safe, 0, Math.max(p.align, MiB)),
  ]) {
    if (b !== null) candidates.push(`crashkernel=${sz}@${memArg(b)}`);
  }
  if (p.automatic) candidates.unshift(`crashkernel=${sz}`);
  const suggestions = [...new Set(candidates)]
    .filter((c) => clean(scenario, model.id, c))
    .slice(0, 4);
  return {
    ok: true,
    advice: {
      model: model.id,
      size,
      align: p.align,
      automatic: p.automatic,
      intervals,
      safe,
      unsafe,
      suggestions,
    },
  };
}

/**
 * A suggestion is kept only if simulating it reserves the window with no finding touching it
 * (a machine may have conflicts of its own elsewhere; those are not the crashkernel's).
 */
export function clean(scenario: Scenario, modelId: string, option: string): boolean {
  const model = modelById(modelId);
  if (!model) return false;
  const sim = model.run({
    ...scenario,
    cmdline: withParam(scenario.cmdline, 'crashkernel', option.replace(/^crashkernel=/, '')),
  });
  return verdictOf(sim) === 'safe';
}

/** What a finished run says about its crashkernel: the advisor's verdicts, checked by running. */
export function verdictOf(sim: Simulation): Verdict {
  const c = sim.crashkernel;
  if (sim.panic || c.outcome !== 'reserved' || c.start === undefined || c.end === undefined)
    return 'fails';
  if (sim.events.some((e) => e.kind === 'kexec-refused')) return 'fails';
  const w = { start: c.start, end: c.end };
  return sim.findings.some((f) => f.start < w.end && f.end > w.start) ? 'corrupts' : 'safe';
}

/** One line per interval, for the CLI. */
export function describeAdvice(a: Advice): string {
  const lines = [
    `crashkernel of ${humanSize(a.size)} under ${a.model}: bases in multiples of ${hex(a.align)}`,
    '',
  ];
  for (const i of a.intervals) {
    const last = i.end - a.align;
    const bases = last > i.start ? `${hex(i.start)} … ${hex(last)}` : hex(i.start);
    lines.push(`${i.verdict.padEnd(8)} bases ${bases}: ${i.reason}`);
  }
  lines.push(
    '',
    a.suggestions.length ? `try: ${a.suggestions.join('   ')}` : 'no clean placement found',
  );
  return lines.join('\n');
}
