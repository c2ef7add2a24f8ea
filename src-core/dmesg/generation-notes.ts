/**
 * What the chosen model does and does not cover of the kernel that wrote the log, said plainly:
 * which model runs with which version's rules, and the log's own evidence of a rule the model
 * does not have (crashkernel=auto on a kernel that is not Red Hat's).
 */
import { paramsNamed, parseCmdline } from '../input/cmdline';
import { kernelInForce } from '../kernel/rules';
import { formatVersion } from '../kernel/version';
import { MODEL_KERNELS, type KernelModelId } from '../kernel/generations';
import { numaFakeText } from '../input/numa';
import type { ImportedBootFull } from './types';

function modelNote(boot: ImportedBootFull, model: string): string | null {
  const version = boot.kernel.version;
  const kernels = MODEL_KERNELS[model as KernelModelId] as string | undefined;
  if (version === null || !kernels) return null;
  const k = kernelInForce(version, model);
  const v = formatVersion(k.version);
  if (model !== 'memblock-6.1' || v === '6.1')
    return `The ${model} model follows ${kernels}; this log is Linux ${version}, and the run follows the rules of ${v} (src-core/kernel/rules.ts).`;
  return `The ${model} model follows Linux 6.1 in detail; this log is Linux ${version}, so the run takes the rules the table records for ${v} where they differ from 6.1 (the crashkernel search limit, System RAM, crashkernel=auto). Where ${v} allocates in an order or size the table does not record, the run follows 6.1, and the comparison says so.`;
}

function crashkernelAutoNote(boot: ImportedBootFull, model: string): string | null {
  const params = paramsNamed(parseCmdline(boot.cmdline ?? ''), 'crashkernel');
  if (!params.some((p) => p.value === 'auto')) return null;
  const auto = boot.kernel.version === null ? null : kernelInForce(boot.kernel.version, model);
  if (auto?.crashkernelAuto)
    return `crashkernel=auto is a Red Hat kernel option: this kernel reads it as crashkernel=${auto.crashkernelAuto.ranges} (${auto.crashkernelAuto.src}), and so does the run.`;
  return 'crashkernel=auto is a Red Hat kernel option (RHEL and CentOS choose a size from the RAM); this is not a Red Hat kernel, which reads "auto" as no size, so the run reserves nothing.';
}

/** numa=fake: modelled after 6.1's numa_emulation.c; the 2.6 models do not emulate nodes. */
function numaFakeNote(boot: ImportedBootFull, model: string): string | null {
  const fake = numaFakeText(boot.cmdline ?? '');
  if (fake === null) return null;
  if (model === 'memblock-6.1')
    return `numa=fake=${fake}: the run cuts the nodes into fake nodes as 6.1's numa_emulation does (with a SLIT, its copy of the physical distance table is not modelled).`;
  return `numa=fake=${fake}: the ${model} model does not emulate NUMA nodes, so the run keeps the firmware's nodes; node ranges and every per-node placement after them will differ.`;
}

/** Notes on the model that runs and what it does not cover of this kernel. */
export function generationNotes(boot: ImportedBootFull, model: string): string[] {
  return [
    modelNote(boot, model),
    crashkernelAutoNote(boot, model),
    numaFakeNote(boot, model),
  ].filter((n): n is string => n !== null);
}
