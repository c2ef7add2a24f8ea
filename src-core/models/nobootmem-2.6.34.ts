/**
 * Model nobootmem-2.6.34: CONFIG_NO_BOOTMEM (commit 08677214, v2.6.34-rc1): no bitmap at all.
 * Early allocations are early_res entries; at mem_init every active range minus early_res goes
 * to the page allocator (free_all_memory_core_early).
 */
import type { Model } from '../output/simulation';
import { runEarlyRes } from './bootmem-era/earlyres-setup-arch';

export const nobootmem2634: Model = {
  id: 'nobootmem-2.6.34',
  kernel: '2.6.34–2.6.36',
  title: '2.6.34 x86_64: early_res only, no bootmem bitmap',
  run: (s, o = {}) => runEarlyRes(s, 'nobootmem-2.6.34', o),
};
