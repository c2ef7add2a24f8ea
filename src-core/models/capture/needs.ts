/**
 * What the dump's userspace needs once the capture kernel has booted, each part with its
 * formula and where it comes from. The simulated boot gives what the kernel leaves; these are
 * what must fit in it.
 */
import { alignUp, MiB, PAGE_SIZE } from '../../base/addr';

export interface Need {
  what: string;
  bytes: number;
  why: string;
}

/**
 * The kernel's own use after early boot (slab, kernel stacks, page tables of processes, driver
 * buffers, udev/systemd in the initramfs): RHEL's `kdumpctl estimate` adds a fixed "Runtime
 * reservation: 64M" on x86_64 for it (kexec-tools' kdumpctl, RHEL 8/9 output).
 */
export const RUNTIME_RESERVATION = 64 * MiB;
/**
 * Unpacked initramfs / image file: an assumption, not a measurement. dracut compresses the cpio
 * archive (zstd/xz), but most of a kdump image is kernel modules that are compressed one by one
 * already, so the archive unpacks to about twice its size. Give the unpacked size with
 * --initrd-unpacked to be exact (lsinitrd lists it).
 */
export const INITRAMFS_UNPACK_RATIO = 2;
/** makedumpfile's bitmap cap: 32 MiB covers 0.5 TiB per cycle (openSUSE kdump calibrate.cc). */
const MAX_BITMAP = 32 * MiB;

/**
 * makedumpfile's working set for the RAM being dumped: two bitmaps of one bit per page, i.e.
 * RAM / PAGE_SIZE / 4 bytes, capped at 32 MiB because cyclic mode (makedumpfile ≥ 1.5.0) walks
 * the memory in cycles of what fits, plus 96 bytes per 128 MiB of RAM (openSUSE kdump
 * kdumptool/calibrate.cc: bitmapsz = memtotal / pagesize / 4, MAX_BITMAP_KB = 32 MiB,
 * "makedumpfile needs additional 96 B for every 128 MiB of RAM").
 */
export function makedumpfileBytes(ram: number): number {
  const bitmaps = Math.min(Math.ceil(ram / PAGE_SIZE / 4), MAX_BITMAP);
  return alignUp(bitmaps + 96 * Math.ceil(ram / (128 * MiB)), PAGE_SIZE);
}

/** What the dump's userspace needs, for a machine of `ram` bytes and an initramfs file size. */
export function userspaceNeeds(ram: number, initrd: number, unpacked?: number): Need[] {
  return [
    {
      what: 'kernel runtime after boot',
      bytes: RUNTIME_RESERVATION,
      why: 'slab, stacks and driver memory once the capture kernel runs: RHEL kdumpctl estimate\'s fixed "Runtime reservation: 64M" (x86_64)',
    },
    {
      what: 'initramfs unpacked',
      bytes: alignUp(unpacked ?? initrd * INITRAMFS_UNPACK_RATIO, PAGE_SIZE),
      why:
        unpacked === undefined
          ? `the ${Math.round(initrd / MiB)} MiB image unpacks into rootfs (ramfs, never reclaimed): assumed ${INITRAMFS_UNPACK_RATIO}× its size, as its modules are compressed already (give --initrd-unpacked from lsinitrd to be exact)`
          : 'the unpacked size given: rootfs (ramfs) is never reclaimed',
    },
    {
      what: 'makedumpfile working set',
      bytes: makedumpfileBytes(ram),
      why: `min(RAM / 4 KiB / 4, 32 MiB) of bitmaps + 96 B per 128 MiB for ${Math.round(ram / MiB)} MiB of RAM (openSUSE kdumptool calibrate.cc; makedumpfile's cyclic mode)`,
    },
  ];
}
