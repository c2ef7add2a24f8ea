/**
 * Why a fact differs between a log and the model's run, in plain words: which input the log
 * does not reveal, or which rule of the log's version is not modelled. Each reason is built
 * from what the two sides show (the gap between the placements and what the run put in it),
 * not from the file: a log the project has never seen gets a reason of the same kind.
 */
import { humanSize, memRange } from '../base/addr';
import { kernelInForce } from '../kernel/rules';
import { formatVersion } from '../kernel/version';
import type { Range } from '../base/range';
import type { Simulation } from '../output/simulation';
import type { AgreementRow } from './agreement-types';
import { isCaptureKernel, kaslrRandomizes } from './kernel-image';
import type { ImportedBootFull } from './types';

interface Context {
  boot: ImportedBootFull;
  sim: Simulation;
  /** The version and model words every reason starts from, worked out once per comparison. */
  who: Who;
}

interface Who {
  version: string;
  sixOne: boolean;
}

/** What the run holds in `gap` when the row's step is reached: `page tables [mem …]`. */
function runHolds(ctx: Context, gap: Range, step: number | undefined, exclude: Range): string[] {
  const held = ctx.sim.regions.filter(
    (r) =>
      (r.lane === 'reserved' || r.lane === 'crashkernel') &&
      r.crash !== 'refused' &&
      r.born <= (step ?? Infinity) &&
      (r.died === undefined || r.died > (step ?? Infinity)) &&
      r.start < gap.end &&
      r.end > gap.start &&
      !(r.start === exclude.start && r.end === exclude.end),
  );
  return held.slice(0, 4).map((r) => `${r.label} ${memRange(r.start, r.end)}`);
}

// Once per comparison, not per row: a 100,000-line log differs on 50,000 rows, and parsing the
// version and tabling its rules for each took 1.8 s of the comparison's 2 s.
function whoOf(boot: ImportedBootFull, sim: Simulation): Who {
  const k = kernelInForce(boot.kernel.version ?? undefined, sim.model);
  const v = formatVersion(k.version);
  const version = k.assumed ? `this kernel (its version is not in the log; ${v}'s rules ran)` : v;
  return { version, sixOne: sim.model === 'memblock-6.1' && v !== '6.1' };
}

/** A placement (NODE_DATA, bitmap, crash window) that landed elsewhere. */
function placementReason(ctx: Context, row: AgreementRow, what: string): string {
  const l = row.log?.range;
  const m = row.model?.range;
  if (!l || !m)
    return `${what} is ${l ? 'only in the log' : 'only in the run'}: ${absent(ctx, row)}`;
  const { version, sixOne } = ctx.who;
  const delta = Math.abs(m.start - l.start);
  const held = runHolds(
    ctx,
    { start: Math.min(l.start, m.start), end: Math.max(l.end, m.end) },
    row.model?.step,
    m,
  );
  const topDown = ctx.sim.model === 'memblock-6.1';
  // Top-down, a log placement below the run's means the log's kernel had more above it.
  const logHadMore = topDown ? l.start < m.start : l.start > m.start;
  const side = `In the log ${what} is ${humanSize(delta)} ${l.start < m.start ? 'lower' : 'higher'} than in the run`;
  const what2 = held.length
    ? `the run has ${held.join(', ')} there`
    : logHadMore
      ? `the log's kernel had something in ${topDown ? memRange(l.end, m.end) : memRange(m.start, l.start)} that the run leaves free`
      : `the run had reserved more on the way`;
  const cause = topDown
    ? `memblock allocates top-down, so ${what} moves with everything allocated before it above it. ${sixOne ? `What the log does not show of that: ${unshown(ctx, version).join('; ')}.` : 'An allocation the log does not print (a boot without memblock=debug) is the difference.'}`
    : `find_e820_area takes the lowest free fit, so ${what} moves with the early reservations below it; those the log does not list are the model's.`;
  return `${side}: ${what2}. ${cause}`;
}

/** The inputs and rules behind a memblock placement that this log leaves open. */
function unshown(ctx: Context, version: string): string[] {
  const b = ctx.boot;
  const out: string[] = [];
  if (b.directMap.efi !== null && !b.efiBootServices.length)
    out.push(
      `the EFI boot-services regions efi_reserve_boot_services reserves before the direct map (an EFI boot, line ${b.directMap.efi}, whose memory map is not printed: efi=debug prints it)`,
    );
  if (kaslrRandomizes(b, ctx.sim.model) && !b.directMap.brkPgtable.length)
    out.push(
      'where KASLR put the kernel image and its brk pool (the run assumes the middle of the largest RAM range), which decides how many direct-map page tables come from memblock',
    );
  if (isCaptureKernel(b) || !b.memblock.length)
    out.push(
      `early allocations a log without memblock=debug does not print${isCaptureKernel(b) ? ", and where kexec put this kernel's image and initrd" : ''}`,
    );
  out.push(
    `allocations ${version} makes in sizes or an order the rule table does not record (the run follows 6.1 there: sparse_init, the memblock arrays)`,
  );
  return out;
}

function absent(ctx: Context, row: AgreementRow): string {
  const { version } = ctx.who;
  if (row.topic === 'node-data' && row.log && !row.model)
    return `${version} allocates NODE_DATA for a node without memory (memoryless node), which the model does not simulate.`;
  return `the run and the log list different ${row.topic === 'node-data' ? 'nodes' : 'entries'} here.`;
}

function crashReason(ctx: Context, row: AgreementRow): string {
  if (row.what === 'window') return placementReason(ctx, row, 'the crash kernel window');
  const { version } = ctx.who;
  return `The log's kernel (${version}) ${row.log?.text ?? 'did not say'} where the run ${row.model?.text ?? 'says nothing'}: the crashkernel rules the table records for ${version} (rules.ts: crashReserve, crashLowMax, crashkernelAuto) do not explain it, so an input the log does not print (what occupied the window) is the likely cause.`;
}

const REASONS: Partial<Record<AgreementRow['topic'], (ctx: Context, row: AgreementRow) => string>> =
  {
    'node-data': (ctx, row) =>
      placementReason(ctx, row, `NODE_DATA(${row.what.replace('node ', '')})`),
    bootmap: (ctx, row) => placementReason(ctx, row, `${row.what}'s bootmem bitmap`),
    crashkernel: crashReason,
  };

/** The generic reason for a topic without its own: which fact, on each side. */
function generic(ctx: Context, row: AgreementRow): string {
  const { version } = ctx.who;
  return `The log shows ${row.log?.text ?? 'nothing here'}, the run ${row.model?.text ?? 'nothing here'}: a rule of ${version} for ${row.topic} that the rule table does not record, or an input the log does not print.`;
}

/** Every differing row with its reason; the others as they are. */
export function withReasons(
  rows: readonly AgreementRow[],
  boot: ImportedBootFull,
  sim: Simulation,
): AgreementRow[] {
  const ctx = { boot, sim, who: whoOf(boot, sim) };
  return rows.map((r) =>
    r.status === 'differ' ? { ...r, reason: (REASONS[r.topic] ?? generic)(ctx, r) } : r,
  );
}
