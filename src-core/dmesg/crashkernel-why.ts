/**
 * Why an imported log's crash window is the size it is and where it is: the command line's
 * crashkernel= resolved with the engine's own parser (crashkernel.ts) in the dialect of the
 * log's kernel, against the System RAM the log shows. The placement rule is stated only where
 * it is fixed by the option (`@base`) or by the generation (memblock kernels); elsewhere the
 * matching model's crashkernel step says it, and the app links to that step.
 *
 * The memblock rule is v6.1 arch/x86/kernel/setup.c reserve_crashkernel():
 * memblock_phys_alloc_range(crash_size, CRASH_ALIGN, CRASH_ALIGN, CRASH_ADDR_LOW_MAX), then up
 * to CRASH_ADDR_HIGH_MAX; memblock allocates top-down unless told otherwise (mm/memblock.c).
 * The low limit and the high fallback by version are the kernel rules table's (crashLowMax,
 * crashHighFallback in src-core/kernel/rules.ts): 896 MiB until 9ca5c8e632ce in 5.2.
 */
import { hex, humanSize, MiB, toMB } from '../base/addr';
import { parseCmdline } from '../input/cmdline';
import {
  describeSpec,
  DIALECT_2_6_24,
  DIALECT_6_1,
  findCrashkernel,
  parseCrashkernelValue,
  resolveCrashkernel,
} from '../input/crashkernel';
import { RHEL_CRASHKERNEL_AUTO, ruleChange, rulesFor } from '../kernel/rules';
import { parseRelease } from '../kernel/version';

/** Where a memblock kernel without @base looks first: crashLowMax of its version (rules.ts). */
function lowLimit(version: string | null): string {
  const r = version === null ? null : parseRelease(version);
  if (!r) return 'below CRASH_ADDR_LOW_MAX first (896 MiB before 5.2, 4 GiB from 5.2)';
  const low = ruleChange('crashLowMax', r.version).value;
  return `below ${humanSize(low)} first (this kernel’s CRASH_ADDR_LOW_MAX)${rulesFor(r.version).crashHighFallback ? ', else up to 64 TiB' : ''}`;
}

export interface WhyInput {
  cmdline: string | null;
  /** The kernel release the log prints (`6.1.0-13-amd64`), or null. */
  version: string | null;
  /** System RAM in bytes: as the crashkernel line prints it, else the e820 RAM total. */
  systemRam: number;
}

/**
 * One paragraph, or null when the command line asks for nothing. Example (a 6.1 log):
 * "crashkernel=512M-:192M asks for size by RAM (RAM 512 MiB–∞: 192 MiB): System RAM 4095 MiB,
 * rounded up to 4096 MiB for the match, picks 192 MiB. No @base: …"
 */
export function crashkernelWhy(input: WhyInput): string | null {
  if (input.cmdline === null) return null;
  const release = input.version === null ? null : parseRelease(input.version);
  // kernel/crash_core.c's parser in the memblock era (6.1 here); kernel/kexec.c v2.6.24 before.
  const memblock = !release || rulesFor(release.version).crashReserve === 'memblock';
  const dialect = memblock ? DIALECT_6_1 : DIALECT_2_6_24;
  const opts = findCrashkernel(parseCmdline(input.cmdline), dialect);
  const main = opts.main ?? opts.high;
  if (!main) return null;
  // crashkernel=auto is a Red Hat kernel's range list (rules.ts); upstream refuses it.
  const rhel = release?.rhel ?? null;
  const auto =
    main.param.value === 'auto' && rhel !== null ? RHEL_CRASHKERNEL_AUTO[rhel] : undefined;
  const parsed = auto ? parseCrashkernelValue(auto.ranges, dialect) : main.parse;
  const option = auto
    ? `crashkernel=auto (RHEL ${rhel}: ${auto.ranges})`
    : `crashkernel=${main.param.value}`;
  if (!parsed.ok) return `${option} does not parse: ${parsed.error.message}.`;
  const spec = parsed.spec;
  const r = resolveCrashkernel(spec, input.systemRam, dialect);
  const sizeWhy = !r.ok
    ? `the kernel refuses it: ${r.message}`
    : r.entry
      ? `System RAM ${toMB(input.systemRam)} MiB${dialect.roundRam128M ? `, rounded up to ${Math.ceil(input.systemRam / (128 * MiB)) * 128} MiB for the match,` : ''} picks ${humanSize(r.size)}`
      : r.size === 0
        ? 'no range matches System RAM: 0 bytes, nothing reserved'
        : 'the size is given';
  const base = r.ok ? r.base : 0;
  const where =
    base > 0
      ? `@${hex(base)}: the window must start exactly at ${hex(base)} (${humanSize(base)}), or the reservation fails.`
      : spec.kind === 'high'
        ? ',high: the kernel places it itself, above 4 GiB first, with a low part below 4 GiB.'
        : memblock
          ? `No @base: the kernel places it itself, 16 MiB-aligned, ${lowLimit(input.version)} (memblock searches top-down: the highest free fit).`
          : 'No @base: where it goes is this generation’s rule; the model’s crashkernel step says it.';
  return `${option} asks for ${describeSpec(spec)}: ${sizeWhy}. ${where}`;
}
