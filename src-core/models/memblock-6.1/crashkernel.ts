/**
 * reserve_crashkernel and reserve_crashkernel_low as v6.1 arch/x86/kernel/setup.c does them,
 * with the parser of v6.1 kernel/crash_core.c (crashkernel.ts, DIALECT_6_1):
 * - the plain crashkernel= (simple or range list; System RAM rounded up to 128 MiB for the
 *   match) wins; without it, or when it gives 0 bytes or fails to parse, crashkernel=X,high;
 * - no base (or @0): 16 MiB aligned from 16 MiB, below 4 GiB first (not for ,high), then up to
 *   64 TiB; nothing: "No suitable area found";
 * - a base: memblock_phys_alloc_range(size, 1 MiB, base, base + size), so only the base itself
 *   can come back; anything else: "memory is in use";
 * - a region at or above 4 GiB needs a low part below 4 GiB (crashkernel=Y,low, or
 *   max(swiotlb + 8 MiB, 256 MiB); ,low of 0 means none); if that fails, the region is freed.
 */
import { GiB, hex, humanSize, memRange, MiB, PAGE_SIZE, TiB, toMB } from '../../base/addr';
import { parseCmdline } from '../../input/cmdline';
import {
  describeSpec,
  DIALECT_6_1,
  findCrashkernel,
  kexecDialect,
  resolveCrashkernel,
  type Dialect,
} from '../../input/crashkernel';
import type { Range } from '../../base/range';
import type { CrashProbe } from '../../output/simulation';
import type { MemblockBoot } from './boot';

const SRC_SETUP = 'v6.1:arch/x86/kernel/setup.c';
const SRC_CRASH = 'v6.1:kernel/crash_core.c';
const CRASH_ALIGN = 16 * MiB;
const CRASH_ADDR_LOW_MAX = 4 * GiB;
const CRASH_ADDR_HIGH_MAX = 64 * TiB;
/** %pS of the inlined reserve_crashkernel: the requests show setup_arch as their caller. */
const CALLER = 'setup_arch';

interface Request {
  size: number;
  base: number;
  high: boolean;
  /** What the parser printed on the way (warnings), and how the size was chosen. */
  lines: string[];
  how: string;
}

/** parse_crashkernel, then parse_crashkernel_high (kernel/crash_core.c). */
function parse(
  cmdline: string,
  totalMem: number,
  dialect: Dialect,
): Request | { none: string; lines: string[] } {
  const opts = findCrashkernel(parseCmdline(cmdline), dialect);
  const lines: string[] = [];
  if (opts.main) {
    const p = opts.main.parse;
    if (!p.ok) lines.push(p.error.message);
    else {
      const r = resolveCrashkernel(p.spec, totalMem, dialect);
      if (!r.ok) lines.push(r.message);
      else if (r.size === 0) lines.push('crashkernel size resulted in zero bytes');
      else
        return {
          size: r.size,
          base: r.base,
          high: false,
          lines,
          how: `crashkernel=${opts.main.param.value}: ${describeSpec(p.spec)}${r.entry ? `; System RAM ${toMB(totalMem)} MiB rounds up to ${Math.ceil(totalMem / (128 * MiB)) * 128} MiB and picks ${humanSize(r.size)}` : ''}`,
        };
    }
  }
  if (opts.high) {
    const p = opts.high.parse;
    if (!p.ok) lines.push(p.error.message);
    else if (p.spec.kind === 'high' && p.spec.size > 0)
      return {
        size: p.spec.size,
        base: 0,
        high: true,
        lines,
        how: `crashkernel=${opts.high.param.value}: ${describeSpec(p.spec)}`,
      };
  }
  return { none: opts.main || opts.high ? 'no usable crashkernel= request' : '', lines };
}

/** The low part's size: crashkernel=Y,low, else max(swiotlb + 8 MiB, 256 MiB); null = none. */
function lowSize(cmdline: string, swiotlbBytes: number): { size: number; how: string } | null {
  const low = findCrashkernel(parseCmdline(cmdline), DIALECT_6_1).low;
  if (low?.parse.ok && low.parse.spec.kind === 'low') {
    const size = low.parse.spec.size;
    return size ? { size, how: `crashkernel=${low.param.value}` } : null;
  }
  const size = Math.max(swiotlbBytes + 8 * MiB, 256 * MiB);
  return {
    size,
    how: `the default max(swiotlb ${humanSize(swiotlbBytes)} + 8 MiB, 256 MiB) = ${humanSize(size)}`,
  };
}

function say(boot: MemblockBoot, label: string, explain: string, lines: string[], r?: Range) {
  boot.event({
    phase: 'crashkernel',
    kind: 'crashkernel',
    ...(r ? { start: r.start, end: r.end } : {}),
    label,
    owner: 'crashkernel',
    fn: 'reserve_crashkernel',
    src: SRC_SETUP,
    explain,
    dmesg: lines,
  });
}

/** reserve_crashkernel(). `swiotlbBytes` is swiotlb_size_or_default(). */
export function reserveCrashkernel(boot: MemblockBoot, swiotlbBytes: number): void {
  const rules = boot.kernel.rules;
  const totalMem =
    rules.crashSystemRam === 'end-pfn' ? boot.maxPfn * PAGE_SIZE : boot.mb.physMemSize();
  const auto = boot.kernel.crashkernelAuto;
  // A Red Hat kernel reads crashkernel=auto as its release's range list (rules.ts).
  const cmdline = auto
    ? boot.s.cmdline.replace(/(^|\s)crashkernel=auto(?=\s|$)/g, `$1crashkernel=${auto.ranges}`)
    : boot.s.cmdline;
  const parsed = parse(cmdline, totalMem, kexecDialect(rules));
  const req =
    auto && cmdline !== boot.s.cmdline && !('none' in parsed)
      ? {
          ...parsed,
          how: `crashkernel=auto is ${auto.ranges} on this Red Hat kernel (${auto.src}); ${parsed.how}`,
        }
      : parsed;
  if ('none' in req) {
    if (req.lines.length) {
      // "size resulted in zero bytes" is information; the other lines are parse errors.
      const zero = req.lines.every((l) => l === 'crashkernel size resulted in zero bytes');
      boot.crash = {
        outcome: zero ? 'none' : 'failed',
        message: req.lines.join('\n'),
        detail: req.lines.join('; '),
      };
      say(
        boot,
        'crashkernel= not usable',
        `The parser of ${SRC_CRASH} refuses the option, so nothing is reserved.`,
        req.lines,
      );
    }
    return;
  }
  const alloc = (max: number, from: number, align: number, what: string) =>
    boot.alloc(
      {
        fn: 'memblock_phys_alloc_range',
        caller: CALLER,
        size: req.size,
        align,
        from,
        max,
        nid: -1,
      },
      {
        phase: 'crashkernel',
        label: `crashkernel ${what}`,
        owner: 'crashkernel',
        src: SRC_SETUP,
        explain: `${req.how}.`,
      },
    );
  let base: number;
  if (!req.base) {
    // The low limit was 896 MiB until 5.2, and a plain request had no second try above it.
    const lowMax = rules.crashLowMax;
    const high = req.high || rules.crashHighFallback;
    base = req.high ? 0 : alloc(lowMax, CRASH_ALIGN, CRASH_ALIGN, `below ${humanSize(lowMax)}`);
    if (!base && high) base = alloc(CRASH_ADDR_HIGH_MAX, CRASH_ALIGN, CRASH_ALIGN, 'below 64 TiB');
    if (!base)
      return fail(
        boot,
        'crashkernel reservation failed - No suitable area found.',
        `No ${humanSize(req.size)} block aligned to 16 MiB is free between 16 MiB and ${req.high ? '64 TiB' : `${humanSize(lowMax)}${high ? ', nor up to 64 TiB' : ''}`}.`,
        req.lines,
      );
  } else {
    base = alloc(req.base + req.size, req.base, MiB, `at ${hex(req.base)}`);
    if (base !== req.base)
      return fail(
        boot,
        'crashkernel reservation failed - memory is in use.',
        `The window ${memRange(req.base, req.base + req.size)} is exactly the request, so memblock can only return its base, and part of it is not free memory${req.base % MiB ? ' (and the base is not 1 MiB aligned)' : ''}.`,
        req.lines,
        { start: req.base, end: req.base + req.size },
      );
  }
  const main = { start: base, end: base + req.size };
  let low: Range | undefined;
  const lines = [...req.lines];
  if (base >= CRASH_ADDR_LOW_MAX) {
    const got = reserveLow(boot, swiotlbBytes, lines);
    if (got === false) {
      boot.free(main, {
        phase: 'crashkernel',
        caller: CALLER,
        label: 'crashkernel region given back',
        explain:
          'Without its low part the region above 4 GiB is useless: memblock_phys_free gives it back.',
        src: SRC_SETUP,
      });
      boot.crash = {
        outcome: 'failed',
        message: lines.join('\n'),
        detail: 'the low part below 4 GiB did not fit, so the whole reservation was undone',
      };
      return;
    }
    low = got ?? undefined;
  }
  const msg = `Reserving ${toMB(req.size)}MB of memory at ${toMB(base)}MB for crashkernel (System RAM: ${toMB(totalMem)}MB)`;
  lines.push(msg);
  say(
    boot,
    `crashkernel reserved at ${hex(base)}`,
    `${req.how}. The region ${memRange(main.start, main.end)} stays in memblock.reserved, so it never reaches the page allocator.`,
    [msg],
    main,
  );
  boot.rec.region({
    lane: 'crashkernel',
    ...main,
    label: 'crashkernel',
    owner: 'crashkernel',
    crash: 'reserved',
  });
  boot.crash = {
    outcome: 'reserved',
    ...main,
    message: lines.join('\n'),
    detail: `${humanSize(req.size)} at ${hex(base)}${low ? `, low part ${humanSize(low.end - low.start)} at ${hex(low.start)}` : ''}`,
    ...(low ? { low } : {}),
  };
}

/** reserve_crashkernel_low: the range, null when ,low asks for none, false on failure. */
function reserveLow(
  boot: MemblockBoot,
  swiotlbBytes: number,
  lines: string[],
): Range | null | false {
  const limit = Math.min(boot.mb.physMemSize(), CRASH_ADDR_LOW_MAX);
  const want = lowSize(boot.s.cmdline, swiotlbBytes);
  if (!want) return null;
  const addr = boot.alloc(
    {
      fn: 'memblock_phys_alloc_range',
      caller: CALLER,
      size: want.size,
      align: CRASH_ALIGN,
      from: 0,
      max: CRASH_ADDR_LOW_MAX,
      nid: -1,
    },
    {
      phase: 'crashkernel',
      label: 'crashkernel low part',
      owner: 'crashkernel',
      src: SRC_SETUP,
      explain: `The region lies above 4 GiB, so 32-bit DMA needs a low part: ${want.how}.`,
    },
  );
  if (!addr) {
    const msg = `Cannot reserve ${toMB(want.size)}MB crashkernel low memory, please try smaller size.`;
    lines.push(msg);
    say(
      boot,
      'crashkernel low part failed',
      `No ${humanSize(want.size)} block aligned to 16 MiB is free below 4 GiB.`,
      [msg],
    );
    return false;
  }
  const r = { start: addr, end: addr + want.size };
  const msg = `Reserving ${toMB(want.size)}MB of low memory at ${toMB(addr)}MB for crashkernel (low RAM limit: ${toMB(limit)}MB)`;
  lines.push(msg);
  say(
    boot,
    `crashkernel low part at ${hex(addr)}`,
    `The low RAM limit printed is min(System RAM, 4 GiB) = ${humanSize(limit)}.`,
    [msg],
    r,
  );
  boot.rec.region({
    lane: 'crashkernel',
    ...r,
    label: 'crashkernel (low part)',
    owner: 'crashkernel',
    crash: 'reserved',
  });
  return r;
}

function fail(
  boot: MemblockBoot,
  msg: string,
  why: string,
  parseLines: string[],
  asked?: Range,
): void {
  say(boot, 'crashkernel reservation failed', why, [msg], asked);
  // The window asked for stays on the bar, dashed, so what stood in its way can be seen.
  if (asked)
    boot.rec.region({
      lane: 'crashkernel',
      ...asked,
      label: 'crashkernel window (refused)',
      owner: 'crashkernel',
      crash: 'refused',
    });
  boot.crash = { outcome: 'failed', message: [...parseLines, msg].join('\n'), detail: why };
}

/**
 * What the advisor needs at the crashkernel point: memblock.reserved with the owner drawn for
 * each piece, memblock.memory, and 6.1's rules (checked against free memory, 1 MiB-aligned
 * fixed bases, automatic placement available).
 */
export function crashProbe(boot: MemblockBoot): CrashProbe {
  const live = boot.rec.regions.filter(
    (r) => r.died === undefined && (r.lane === 'reserved' || r.lane === 'memory'),
  );
  const taken = boot.mb.reserved.regions.map((r) => {
    const end = r.base + r.size;
    const who = live.find((x) => x.start < end && x.end > r.base && x.owner !== 'firmware');
    return {
      start: r.base,
      end,
      label: who ? who.label : 'memblock.reserved',
      owner: who ? who.owner : 'other',
    };
  });
  const ram = boot.mb.memory.regions.map((r) => ({ start: r.base, end: r.base + r.size }));
  const top = Math.max(0, ...ram.map((r) => r.end));
  return {
    taken,
    ram,
    spans: [{ start: 0, end: top, label: 'RAM' }],
    checked: true,
    align: MiB,
    automatic: true,
  };
}
