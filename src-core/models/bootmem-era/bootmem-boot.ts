/**
 * The state of a 2.6.23/2.6.24 x86_64 bootmem boot (models bootmem-2.6.23 and bootmem-2.6.24):
 * besides what every generation keeps, the fixed bad_addr list find_e820_area steps over. The
 * sequence is in bootmem-setup-arch.ts. Rules: v2.6.23 arch/x86_64/kernel/{setup,e820}.c,
 * arch/x86_64/mm/{init,numa}.c, mm/bootmem.c.
 */
import type { Recorder } from '../../output/events';
import type { Scenario } from '../../input/scenario';
import type { RunOptions } from '../../output/simulation';
import type { KernelInForce } from '../../kernel/rules';
import { compareVersions, formatVersion } from '../../kernel/version';
import { RegionsByStart } from '../../output/regions-by-start';
import { X86Boot } from './boot';
import type { BadAreas } from './e820-area';

export const SRC_2623 = {
  setup: 'v2.6.23:arch/x86_64/kernel/setup.c',
  e820: 'v2.6.23:arch/x86_64/kernel/e820.c',
  numa: 'v2.6.23:arch/x86_64/mm/numa.c',
  pageAlloc: 'v2.6.23:mm/page_alloc.c',
  kexec: 'v2.6.23:kernel/kexec.c',
};
export const SRC_INIT_2623 = 'v2.6.23:arch/x86_64/mm/init.c';
export const SRC_BOOTMEM_2623 = 'v2.6.23:mm/bootmem.c';

/** 2.6.24 moved these files to arch/x86 (setup_64.c, e820_64.c, numa_64.c) until 2.6.27. */
function sources(k: KernelInForce) {
  if (compareVersions(k.version, [2, 6, 24]) < 0) return SRC_2623;
  const v = `v${formatVersion(k.version)}`;
  return {
    setup: `${v}:arch/x86/kernel/setup_64.c`,
    e820: `${v}:arch/x86/kernel/e820_64.c`,
    numa: `${v}:arch/x86/mm/numa_64.c`,
    pageAlloc: `${v}:mm/page_alloc.c`,
    kexec: `${v}:kernel/kexec.c`,
  };
}

export class BootmemBoot extends X86Boot {
  readonly bad: BadAreas;
  /** The regions drawn so far by start: a reservation asks whether its range is drawn. */
  readonly drawnAt: RegionsByStart;

  constructor(rec: Recorder, s: Scenario, model: string, options: RunOptions = {}) {
    super(rec, s, model, sources, options);
    this.drawnAt = new RegionsByStart(rec.regions);
    const k = s.kernel;
    this.bad = {
      tables: { start: 0, end: 0 },
      initrd: k.initrd,
      kernel: { start: k.text, end: k.end },
      ebda: { start: 0, end: 0 },
      nodemap: { start: 0, end: 0 },
    };
  }
}
