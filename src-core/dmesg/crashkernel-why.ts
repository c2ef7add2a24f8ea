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
 * CRASH_ADDR_LOW_MAX is SZ_4G there; x86_64 kernels up to 4.19 had (896UL << 20), "old
 * kexec-tools need to under 896MiB" (corpus log 13, a 4.19 kernel: 256 MiB at 624 MiB, ending
 * at 880 MiB). Between 4.19 and 6.1 the version that raised it is not pinned here.
 */
import { hex, humanSize, MiB, toMB } from '../addr';
import { parseCmdline } from '../cmdline';
import {
  describeSpec,
  DIALECT_2_6_24,
  DIALECT_6_1,
  findCrashkernel,
  resolveCrashkernel,
} from '../crashkernel';
import { modelForKernel, parseKernelVersion } from './kernel-model';

/** Where a memblock kernel without @base looks first: CRASH_ADDR_LOW_MAX of its version. */
function lowLimit(version: string | null): string {
  const v = version === null ? null : parseKernelVersion(version);
  if (v && (v[0] < 4 || (v[0] === 4 && v[1] <= 19)))
    return 'below 896 MiB (this kernel’s CRASH_ADDR_LOW_MAX)';
  if (v && v[0] >= 6) return 'below 4 GiB first';
  return 'below CRASH_ADDR_LOW_MAX first (896 MiB up to 4.19, 4 GiB by 6.1)';
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
  const model = modelForKernel(input.version);
  // kernel/crash_core.c's parser from 3.x on (6.1 here); kernel/kexec.c v2.6.24 before.
  const memblock = model === null || model === 'memblock-6.1';
  const dialect = memblock ? DIALECT_6_1 : DIALECT_2_6_24;
  const opts = findCrashkernel(parseCmdline(input.cmdline), dialect);
  const main = opts.main ?? opts.high;
  if (!main) return null;
  const option = `crashkernel=${main.param.value}`;
  if (!main.parse.ok) return `${option} does not parse: ${main.parse.error.message}.`;
  const spec = main.parse.spec;
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
