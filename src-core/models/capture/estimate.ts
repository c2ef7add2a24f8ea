/**
 * How big must crashkernel be: the smallest size (in MiB) with which the simulated capture
 * kernel boots in the window the crashed kernel reserves for it and leaves its userspace what it
 * needs. Each candidate is simulated whole: the crashed kernel with crashkernel=<size>M (so the
 * window lands where the kernel puts it, falling back above 4 GiB with a low part as 6.1 does),
 * then the capture kernel in that window.
 *
 * The answer splits into parts that add up to the window (plus any low part):
 * ELF headers + resident image + early allocations by owner + userspace needs + headroom.
 */
import { hex, humanSize, MiB } from '../../base/addr';
import { withParam } from '../../input/cmdline';
import { E820_RAM } from '../../input/e820';
import { regionsAt, type Owner } from '../../output/events';
import { modelById } from '..';
import { normalize, setIntersect, setLength, type Range } from '../../base/range';
import type { Scenario } from '../../input/scenario';
import { bootCaptureKernel, type CaptureBoot, type CaptureOptions, type Run } from './boot';
import { advise, memArg } from '../../features/advisor';
import { DISTRO_TABLES, fleetRanges, tableSize } from './tables';
import { templateOps } from './timeline';

export interface EstimatePart {
  what: string;
  bytes: number;
  why: string;
}

export interface Estimate {
  model: string;
  loader: string;
  /** The smallest crashkernel size that works, bytes (a whole number of MiB). */
  size: number;
  /** The window it gets and the low part, if the kernel adds one. */
  window: Range;
  low: Range | null;
  parts: EstimatePart[];
  recommended: string[];
  tables: {
    id: string;
    title: string;
    ranges: string;
    size: number;
    enough: boolean;
    source: string;
  }[];
  /** The capture kernel's boot at that size. */
  capture: CaptureBoot;
  /** System RAM of the machine (bytes). */
  ram: number;
}

export type EstimateResult = { ok: true; estimate: Estimate } | { ok: false; error: string };

/** The init sections free_initmem gives back (Debian 6.1: 2824K), not resident after boot. */
const INIT_SECTIONS = 2824 * 1024;
const MAX_MIB = 64 * 1024;

const PART_OF: Partial<Record<Owner, string>> = {
  sparse: 'struct pages for the window',
  'page-tables': 'page tables',
  percpu: 'per-CPU areas',
  swiotlb: 'swiotlb bounce buffer',
};

const WHY: Record<string, string> = {
  'struct pages for the window':
    'sparse_init: a 64-byte struct page per 4 KiB page of every present 128 MiB section (vmemmap), as simulated',
  'page tables':
    'the direct map of the window and fixmap pages (init_mem_mapping, alloc_low_pages, spp_getpage), as simulated',
  'per-CPU areas':
    'pcpu_embed_first_chunk for the possible CPUs the capture command line leaves, as simulated',
  'swiotlb bounce buffer':
    'swiotlb_init: 64 MiB when the highest possible pfn (RAM or SRAT) is above 4 GiB, as simulated',
  'early allocations':
    'NODE_DATA, hash tables, cpumasks, firmware map copies and the other memblock requests of the same kernel, as simulated',
};

/**
 * Where the window goes: 6.1 places `crashkernel=SIZE` itself; the older generations need
 * `@offset` (their capture kernels were built for a fixed CONFIG_PHYSICAL_START), so the
 * command line's base is kept, else 16 MiB, the usual one.
 */
function baseSuffix(scenario: Scenario, modelId: string): string {
  if (modelId === 'memblock-6.1') return '';
  const m = /(?:^|\s)crashkernel=[^\s@]*@(\S+)/.exec(scenario.cmdline);
  return `@${m?.[1] ?? '16M'}`;
}

function tryRun(
  scenario: Scenario,
  model: string,
  run: Run,
  mib: number,
  at: string,
  options: CaptureOptions,
) {
  const withSize = (opt: string) =>
    run(
      { ...scenario, cmdline: withParam(scenario.cmdline, 'crashkernel', opt) },
      { noCapture: true },
    );
  let first = withSize(`${mib}M${at}`);
  // A fixed base the old kernel refuses (its bitmap there, say): the advisor's first safe one.
  if (at && first.crashkernel.outcome !== 'reserved') {
    const a = advise(scenario, model, mib * MiB);
    const sug = a.ok ? a.advice.suggestions[0] : undefined;
    if (sug) first = withSize(sug.replace(/^crashkernel=/, ''));
  }
  const cap = bootCaptureKernel(first, run, templateOps(), options);
  const fits = cap.ok && !cap.boot.sim.panic && cap.boot.left >= 0;
  return { first, cap, fits };
}

/** The parts of the window at this size, adding up to window + low part. */
function partsOf(cap: CaptureBoot): EstimatePart[] {
  const { layout, sim } = cap;
  const areas = normalize([layout.window, ...(layout.low ? [layout.low] : [])]);
  const last = sim.events.length - 1;
  const taken = new Map<string, Range[]>();
  for (const r of regionsAt(sim.regions, last)) {
    if (r.lane !== 'reserved' || r.owner === 'kernel' || r.owner === 'initrd') continue;
    const what = PART_OF[r.owner] ?? 'early allocations';
    taken.set(what, [...(taken.get(what) ?? []), { start: r.start, end: r.end }]);
  }
  const image = layout.kernel.end - layout.kernel.start;
  const parts: EstimatePart[] = [
    {
      what: 'ELF core headers',
      bytes: layout.elfcorehdr.end - layout.elfcorehdr.start,
      why: `one program header per CPU note, vmcoreinfo, kernel text and RAM range; ${layout.loader} keeps them out of the capture kernel's RAM`,
    },
    {
      what: 'kernel image',
      bytes: image - INIT_SECTIONS,
      why: `_text..__end_of_kernel_reserve at ${hex(layout.kernel.start)} (${humanSize(image)}) less the init sections freed after boot; kexec loads it top-down with init_size room`,
    },
  ];
  let counted = parts.reduce((t, p) => t + p.bytes, 0);
  for (const what of [...Object.values(PART_OF), 'early allocations']) {
    const bytes = setLength(setIntersect(normalize(taken.get(what) ?? []), areas));
    if (!bytes) continue;
    parts.push({ what, bytes, why: WHY[what] ?? '' });
    counted += bytes;
  }
  const initrd = layout.initrd ? layout.initrd.end - layout.initrd.start : 0;
  for (const n of cap.needs) {
    parts.push({
      what: `userspace: ${n.what}`,
      bytes: n.bytes,
      why:
        n.what === 'initramfs unpacked' && initrd
          ? `${n.why}; the compressed image (${humanSize(initrd)}) is reserved during boot and freed once unpacked`
          : n.why,
    });
    counted += n.bytes;
  }
  const total = setLength(areas);
  parts.push({
    what: 'headroom',
    bytes: total - counted,
    why: 'what is left once everything above is in place (rounding the size to whole MiB)',
  });
  return parts;
}

function recommend(
  est: { size: number; window: Range; low: Range | null },
  ram: number,
  at: string,
): string[] {
  const sz = memArg(est.size);
  // Older generations take a fixed base only (and no ranges before 2.6.24): one line.
  if (at) return [`crashkernel=${sz}@${memArg(est.window.start)}`];
  if (est.low)
    return [
      `crashkernel=${sz},high crashkernel=${memArg(est.low.end - est.low.start)},low`,
      `crashkernel=${fleetRanges(ram, est.size)}`,
    ];
  return [
    `crashkernel=${sz}`,
    `crashkernel=${sz}@${memArg(est.window.start)}`,
    `crashkernel=${fleetRanges(ram, est.size)}`,
  ];
}

export function estimateCrashkernel(
  scenario: Scenario,
  modelId: string,
  options: CaptureOptions = {},
): EstimateResult {
  const model = modelById(modelId);
  if (!model) return { ok: false, error: `unknown model "${modelId}"` };
  const run: Run = (s, o) => model.run(s, { ...o, noCapture: true });
  const ram = setLength(normalize(scenario.machine.e820.filter((e) => e.type === E820_RAM)));
  const at = baseSuffix(scenario, model.id);
  // Exponential search for a size that works, then bisection for the smallest (MiB steps).
  let hi = 64;
  let found = tryRun(scenario, model.id, run, hi, at, options);
  while (!found.fits && hi < MAX_MIB) {
    hi *= 2;
    found = tryRun(scenario, model.id, run, hi, at, options);
  }
  if (!found.fits) {
    const why = found.cap.ok
      ? (found.cap.boot.sim.panic ?? 'its userspace never gets what it needs')
      : found.cap.error;
    return { ok: false, error: `no crashkernel size up to ${MAX_MIB / 1024} GiB works: ${why}` };
  }
  let lo = hi / 2;
  if (hi === 64) lo = 0;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    const t = tryRun(scenario, model.id, run, mid, at, options);
    if (t.fits) {
      hi = mid;
      found = t;
    } else lo = mid;
  }
  if (!found.cap.ok) return { ok: false, error: found.cap.error };
  const cap = found.cap.boot;
  const size = hi * MiB;
  const est = { size, window: cap.layout.window, low: cap.layout.low };
  return {
    ok: true,
    estimate: {
      model: model.id,
      loader: cap.loader,
      size,
      window: est.window,
      low: est.low,
      parts: partsOf(cap),
      recommended: recommend(est, ram, at),
      tables: DISTRO_TABLES.map((t) => {
        const s = tableSize(t, ram);
        return {
          id: t.id,
          title: t.title,
          ranges: t.ranges,
          size: s,
          enough: s >= size,
          source: t.source,
        };
      }),
      capture: cap,
      ram: ram,
    },
  };
}
