/**
 * Model bootmem-exclusive-2.6.27: early_res, the rewritten bootmem, and the crashkernel
 * reserved with BOOTMEM_EXCLUSIVE after NUMA setup (v2.6.27 arch/x86/kernel/setup.c
 * reserve_crashkernel; flags from commits 72a7fe39 and 18a01a3b, v2.6.25-rc1). A conflict makes
 * the reservation fail cleanly: "crashkernel reservation failed - memory is in use". Without a
 * base, find_and_reserve_crashkernel tries 16 MiB steps.
 */
import type { Model } from '../output/simulation';
import { runEarlyRes } from './bootmem-era/earlyres-setup-arch';

export const bootmemExclusive2627: Model = {
  id: 'bootmem-exclusive-2.6.27',
  kernel: '2.6.27–2.6.32',
  title: '2.6.27 x86_64: BOOTMEM_EXCLUSIVE turns the overlap into a clean failure',
  run: (s, o = {}) => runEarlyRes(s, 'bootmem-exclusive-2.6.27', o),
};
