/**
 * What the chosen model does not cover of the kernel that wrote the log, said plainly: which
 * model runs, which kernels it follows, and the log's own evidence of a rule the model does not
 * have (low-memory e820 edits, 32-bit zones, zone limits, RHEL's crashkernel=auto). The
 * comparison shows these as differences; the notes say they come from the generation, not from
 * the machine or the import.
 */
import { GiB, hex, humanSize, memRange, MiB } from '../addr';
import { paramsNamed, parseCmdline } from '../cmdline';
import { E820_RAM, E820_RESERVED, e820Ram, type E820Entry } from '../e820';
import { MODEL_KERNELS, parseKernelVersion, type KernelModelId } from './kernel-model';
import type { ImportedBootFull } from './types';

const LOW_64K = 0x10000;
const PAGE0 = { start: 0, end: 0x1000 };

/** `line 26` or `lines 20, 21`. */
const linesText = (lines: number[]): string =>
  `line${lines.length > 1 ? 's' : ''} ${lines.join(', ')}`;

function modelNote(boot: ImportedBootFull, model: string): string | null {
  const version = boot.kernel.version;
  const kernels = MODEL_KERNELS[model as KernelModelId] as string | undefined;
  if (version === null || !kernels) return null;
  const v = parseKernelVersion(version);
  if (model !== 'memblock-6.1' || (v && v[0] === 6 && v[1] === 1))
    return `The ${model} model follows ${kernels}; this log is Linux ${version}.`;
  return `The ${model} model follows Linux 6.1; this log is Linux ${version}. Both allocate with memblock, but where their early-memory rules differ (the kernel's own e820 edits, the zone limits it prints, where crashkernel= and NODE_DATA land) the run's facts can differ from the log's, and the comparison shows them as differences.`;
}

/** e820 updates of low memory to reserved that the model does not make. */
function lowMemoryNote(boot: ImportedBootFull, model: string): string | null {
  const edits = boot.e820Edits.filter((e, i) => {
    const t = boot.e820EditTypes[i];
    const page0 = e.range.start === PAGE0.start && e.range.end === PAGE0.end;
    return (
      e.op === 'update' &&
      t?.from === E820_RAM &&
      t.to === E820_RESERVED &&
      e.range.start < LOW_64K &&
      e.range.end <= MiB &&
      !(page0 && model === 'memblock-6.1')
    );
  });
  if (!edits.length) return null;
  const ranges = edits.map((e) => memRange(e.range.start, e.range.end)).join(', ');
  return `Log ${linesText(edits.map((e) => e.line))}: this kernel marks low memory ${ranges} reserved in its e820 map (a BIOS known to corrupt low RAM, CONFIG_X86_RESERVE_LOW or the low-memory corruption check). The ${model} model does not make ${edits.length > 1 ? 'these edits' : 'this edit'}${model === 'memblock-6.1' ? ' (6.1 keeps the first 64 KiB in memblock.reserved instead, and only page 0 leaves the map)' : ''}, so zone DMA, the first early node range and what the kernel placed in low memory can start lower in the run than in the log.`;
}

function i386Note(boot: ImportedBootFull, model: string, map: readonly E820Entry[]): string | null {
  if (boot.kernel.arch !== 'i386') return null;
  const ramEnd = Math.max(0, ...e820Ram(map).map((r) => r.end));
  const logEnd = Math.max(0, ...boot.nodeRanges.map((n) => n.range.end));
  const above4G =
    ramEnd > 4 * GiB && logEnd > 0 && logEnd <= 4 * GiB
      ? ` This kernel did not use the RAM above 4 GiB (a 32-bit kernel without PAE cannot); the run does.`
      : '';
  return `This is a 32-bit (i386) kernel; the ${model} model follows x86_64 rules: it has no HighMem zone, so the log's DMA/Normal/HighMem zones are DMA/DMA32/Normal in the run, and the zone rows differ.${above4G}`;
}

/** 2.6.x and 3.x print DMA32 up to 4 GiB even when RAM ends below; 6.1 stops at max_pfn. */
function dma32Note(
  boot: ImportedBootFull,
  model: string,
  map: readonly E820Entry[],
): string | null {
  const dma32 = boot.zoneRanges.find((z) => z.zone === 'DMA32');
  const ramEnd = Math.max(0, ...e820Ram(map).map((r) => r.end));
  if (model !== 'memblock-6.1' || dma32?.range.end !== 4 * GiB || ramEnd >= 4 * GiB) return null;
  return `This kernel prints zone DMA32 up to 4 GiB although its RAM ends at ${hex(ramEnd)} (${humanSize(ramEnd)}); 6.1 prints zones only up to the end of RAM, so the run's DMA32 ends there.`;
}

function crashkernelAutoNote(boot: ImportedBootFull): string | null {
  const params = paramsNamed(parseCmdline(boot.cmdline ?? ''), 'crashkernel');
  if (!params.some((p) => p.value === 'auto')) return null;
  return 'crashkernel=auto is a Red Hat kernel option (RHEL and CentOS choose a size from the RAM); upstream kernels and the models do not know it, so the run reserves no crash kernel where the log does.';
}

/** Notes on the model that runs and what it does not cover of this kernel. */
export function generationNotes(
  boot: ImportedBootFull,
  model: string,
  map: readonly E820Entry[],
): string[] {
  return [
    modelNote(boot, model),
    lowMemoryNote(boot, model),
    i386Note(boot, model, map),
    dma32Note(boot, model, map),
    crashkernelAutoNote(boot),
  ].filter((n): n is string => n !== null);
}
