/**
 * setup_arch() to kexec for 2.6.23 and 2.6.24 (bootmem-boot.ts), all but the crashkernel,
 * which the models reserve their own way in between (v2.6.23 arch/x86_64/kernel/setup.c).
 */
import { hasParam, parseCmdline } from '../../input/cmdline';
import { SRC_2623, type BootmemBoot } from './bootmem-boot';
import { setupNodeBootmem } from './bootmem-nodes';
import { reserveEarlyAreas } from './bootmem-reserve';
import { kexecLoad } from './kexec';
import { memnodemapBadAddr } from './memnodemap';
import {
  applyFirmwareEdits,
  discoverEbda,
  endOfRam,
  kernelLoaded,
  MAXMEM_PFN,
  noteMemOptions,
  setupMemoryRegion,
  setUserMap,
} from './memory-map';
import { numaInit, zonesInit } from './nodes';
import { pageTablesBadAddr } from './page-tables';
import { memInitBootmem2623 } from './retire';
import { applyUserMap2623, parseMemOptions2623 } from './usermap-2.6.23';

/**
 * The part of setup_arch() up to the crashkernel that 2.6.23 and 2.6.24 share: map, early
 * parameters, end of RAM, EBDA, page tables, NUMA with per-node bootmem, and the reservations.
 */
export function bootUntilCrashkernel(
  boot: BootmemBoot,
  onParam?: (key: string, value: string | null) => void,
): void {
  const params = parseCmdline(boot.s.cmdline);
  kernelLoaded(boot);
  const firmware = setupMemoryRegion(boot);
  const mem = parseMemOptions2623(params);
  noteMemOptions(boot, mem.events);
  if (hasParam(params, 'numa', 'off')) {
    boot.numaOff = true;
    boot.ev({
      phase: 'cmdline',
      kind: 'param',
      label: 'numa=off',
      owner: 'numa',
      fn: 'numa_setup',
      src: SRC_2623.numa,
      explain: 'NUMA is turned off: one fake node will span all RAM.',
    });
  }
  for (const p of params) onParam?.(p.key, p.value);
  // finish_e820_parsing(): only prints the user map (no sanitize in 2.6.23).
  if (mem.userdef) setUserMap(boot, applyUserMap2623(firmware, mem));
  applyFirmwareEdits(boot);
  boot.endUserPfn = mem.endUserPfn;
  endOfRam(boot, MAXMEM_PFN, (_end, map) => `end_pfn_map = ${map}`);
  boot.bad.ebda = discoverEbda(boot) ?? boot.bad.ebda;
  pageTablesBadAddr(boot);
  numaInit(
    boot,
    () => memnodemapBadAddr(boot),
    (node, start, end) => setupNodeBootmem(boot, node, start, end),
  );
  reserveEarlyAreas(boot);
}

/** paging_init's zones, mem_init retiring bootmem, then kexec: the end 2.6.23 and 2.6.24 share. */
export function retireBootmem(boot: BootmemBoot): void {
  zonesInit(boot);
  memInitBootmem2623(boot);
  kexecLoad(boot);
}
