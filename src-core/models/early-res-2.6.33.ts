/**
 * Model early-res-2.6.33: reserve_crashkernel moves before initmem_init and records the window
 * in early_res (commit 44280733, v2.6.33-rc1), so find_e820_area places each node's bootmem
 * bitmap around it: the incident cannot happen. Overlapping early reservations panic.
 */
import type { Model } from '../output/simulation';
import { runEarlyRes } from './bootmem-era/earlyres-setup-arch';

export const earlyRes2633: Model = {
  id: 'early-res-2.6.33',
  kernel: '2.6.33',
  title: '2.6.33 x86_64: the crashkernel joins early_res before the bitmaps are placed',
  run: (s, o = {}) => runEarlyRes(s, 'early-res-2.6.33', o),
};
