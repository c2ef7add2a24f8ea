import { describe, expect, it } from 'vitest';
import { MiB } from '../../base/addr';
import { parseCmdline } from '../../input/cmdline';
import { parseSwiotlb, swiotlbBytes } from './mem-init';

const cfg = (cmdline: string) => parseSwiotlb(parseCmdline(cmdline));

describe('swiotlb= (v6.1 kernel/dma/swiotlb.c setup_io_tlb_npages)', () => {
  it('defaults to 64 MiB of 2 KiB slabs', () => {
    expect(cfg('')).toEqual({ nslabs: 32768, nareas: null, force: false, disable: false });
    expect(swiotlbBytes(cfg(''))).toBe(64 * MiB);
  });
  it('rounds the slab count up to IO_TLB_SEGSIZE and the areas to a power of two', () => {
    expect(cfg('swiotlb=1000,3,force')).toEqual({
      nslabs: 1024,
      nareas: 4,
      force: true,
      disable: false,
    });
  });
  it('noforce turns it off; the last swiotlb= wins', () => {
    expect(cfg('swiotlb=65536 swiotlb=noforce')).toMatchObject({ nslabs: 32768, disable: true });
  });
});
