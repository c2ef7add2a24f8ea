/**
 * The state of an x86_64 boot of 2.6.27 to 2.6.36, where early structures are tracked in the
 * early_res table and find_e820_area steps over it:
 * - 2.6.27 (bootmem-exclusive-2.6.27): bootmem after the rewrite (v2.6.30 rules), early_res
 *   copied into each node's bitmap, crashkernel reserved after NUMA with BOOTMEM_EXCLUSIVE.
 * - 2.6.33 (early-res-2.6.33): the crashkernel joins early_res before NUMA, so the bitmaps,
 *   placed later, step around it.
 * - 2.6.34 (nobootmem-2.6.34): CONFIG_NO_BOOTMEM — no bitmap; early_res holds everything and
 *   RAM minus early_res goes to the page allocator at mem_init.
 * The sequence is in earlyres-setup-arch.ts. Sources: v2.6.27 and v2.6.33
 * arch/x86/kernel/{setup,e820,head64}.c, arch/x86/mm/{init_64,numa_64}.c, v2.6.30 mm/bootmem.c,
 * v2.6.34 kernel/early_res.c and mm/page_alloc.c.
 */
import { EarlyResTable } from '../../allocators/early-res/early-res';
import type { Owner, Recorder } from '../../output/events';
import type { Range } from '../../base/range';
import type { Scenario } from '../../input/scenario';
import type { RunOptions } from '../../output/simulation';
import type { KernelInForce } from '../../kernel/rules';
import { formatVersion } from '../../kernel/version';
import { X86Boot } from './boot';

/** The files of 2.6.27 to 2.6.36 the shared steps follow, at the version in force. */
const sources = (k: KernelInForce) => {
  const v = `v${formatVersion(k.version)}`;
  return {
    setup: `${v}:arch/x86/kernel/setup.c`,
    e820: `${v}:arch/x86/kernel/e820.c`,
    numa: `${v}:arch/x86/mm/numa_64.c`,
    pageAlloc: `${v}:mm/page_alloc.c`,
    kexec: `${v}:kernel/kexec.c`,
  };
};
export const SRC_BOOTMEM_2630 = 'v2.6.30:mm/bootmem.c';

export class EarlyResBoot extends X86Boot {
  readonly early = new EarlyResTable();
  /** max_low_pfn: the end of RAM below 4 GiB when RAM goes above it. */
  maxLowPfn = 0;

  constructor(rec: Recorder, s: Scenario, model: string, options: RunOptions = {}) {
    super(rec, s, model, sources, options);
  }

  /** `v2.6.31`: the version in force, for sources. */
  get tag(): string {
    return `v${formatVersion(this.kernel.version)}`;
  }
}

/** reserve_early, drawn. */
export function reserveEarly(
  boot: EarlyResBoot,
  r: Range,
  name: string,
  owner: Owner,
  node?: number,
): void {
  boot.early.reserve(r.start, r.end, name);
  boot.rec.region({
    lane: 'reserved',
    ...r,
    label: name,
    owner,
    ...(node === undefined ? {} : { node }),
  });
}

/** The owner colour for an early_res name. */
export function ownerOf(name: string): Owner {
  const map: Record<string, Owner> = {
    'BIOS data page': 'firmware',
    'BIOS reserved': 'firmware',
    SMP_TRAMPOLINE: 'trampoline',
    'TEXT DATA BSS': 'kernel',
    RAMDISK: 'initrd',
    PGTABLE: 'page-tables',
    NODE_DATA: 'node-data',
    BOOTMAP: 'bitmap',
    MEMNODEMAP: 'memnodemap',
    'CRASH KERNEL': 'crashkernel',
    'ACPI WAKEUP': 'acpi',
  };
  return map[name] ?? 'other';
}
