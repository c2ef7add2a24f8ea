/**
 * Every real log in ../shared/corpus/dmesg imports, and each boot yields the facts MANIFEST.md and
 * the log itself show (checked by hand against both): kernel, architecture, the e820 map's
 * size and ends, zones, nodes with memory, crashkernel outcome and the Memory: line. Ranges
 * are half-open, in lowercase hex. Then the capture quirks each file was kept for.
 */
import { describe, expect, it } from 'vitest';
import { hex } from '../base/addr';
import { e820TypeName, type E820Entry } from '../input/e820';
import { importLog, type ImportOk } from './import-log';
import { CORPUS_SKIP, corpusFiles, HAVE_CORPUS, readCorpus } from '../testing/log-fixtures';
import type { ImportedBootFull } from './types';

/** Per file, one line per boot (see describeBoot for the fields). */
const EXPECTED: Record<string, string[]> = {
  '01-ubuntu-8.04-2.6.24-x86_64-12gb-2node-opteron-numa-bootmem-add_active_range.txt': [
    '2.6.24-19-server x86_64 complete | e820 11: 0x0-0x9fc00 usable .. 0x100000000-0x328000000 usable | zones DMA 0x0-0x1000000, DMA32 0x1000000-0x100000000, Normal 0x100000000-0x328000000 | nodes 0,1 | crashkernel - | Memory 12322244K/13238272K',
  ],
  '02-ubuntu-2.6.32-i386-3gb-highmem-bootmem-bootmap-early-res.txt': [
    '2.6.32-13-generic i386 complete | e820 10: 0x0-0x9d800 usable .. 0x100000000-0x140000000 usable | zones DMA 0x10000-0x1000000, Normal 0x1000000-0x377fe000, HighMem 0x377fe000-0xafeb0000 | nodes 0 | crashkernel - | Memory 2832080K/2882240K',
  ],
  '03-ubuntu-2.6.32-x86_64-1.8gb-bootmem-setup-node0.txt': [
    '2.6.32-21-generic x86_64 complete | e820 11: 0x0-0x9dc00 usable .. 0xfff00000-0x100000000 reserved | zones DMA 0x10000-0x1000000, DMA32 0x1000000-0x100000000 | nodes 0 | crashkernel - | Memory 1781976K/1833472K',
  ],
  '04-ubuntu-2.6.32-x86_64-24gb-dual-socket-no-numa.txt': [
    '2.6.32-24-generic x86_64 complete | e820 11: 0x0-0x9e400 usable .. 0x100000000-0x628000000 usable | zones DMA 0x0-0x1000000, DMA32 0x1000000-0x100000000, Normal 0x100000000-0x628000000 | nodes 0 | crashkernel - | Memory 24728516K/25821184K',
  ],
  '05-ubuntu-2.6.35-x86_64-15gb-2node-numa-srat-early-res.txt': [
    '2.6.35-19-generic x86_64 complete | e820 11: 0x0-0x93c00 usable .. 0x100000000-0x3c0000000 usable | zones DMA 0x10000-0x1000000, DMA32 0x1000000-0x100000000, Normal 0x100000000-0x3c0000000 | nodes 0,1 | crashkernel - | Memory 12302572K/15728640K',
  ],
  '06-ubuntu-2.6.35-i386-pae-5gb-highmem-above-4g.txt': [
    '2.6.35-22-generic-pae i386 complete | e820 18: 0x0-0x9d000 usable .. 0x100000000-0x138000000 usable | zones DMA 0x1000-0x1000000, Normal 0x1000000-0x37bfe000, HighMem 0x37bfe000-0x138000000 | nodes 0 | crashkernel - | Memory 3770212K/5111808K',
  ],
  '07-ubuntu-2.6.35-x86_64-480mb-small.txt': [
    '2.6.35-22-generic x86_64 complete | e820 8: 0x0-0x9f800 usable .. 0xfec00000-0x100000000 reserved | zones DMA 0x10000-0x1000000, DMA32 0x1000000-0x100000000 | nodes 0 | crashkernel - | Memory 458328K/491456K',
  ],
  '08-ubuntu-2.6.38-i386-2gb-crashkernel-64mb-at-448mb.txt': [
    '2.6.38-999-generic i386 complete | e820 10: 0x0-0x9fc00 usable .. 0xfff80000-0x100000000 reserved | zones DMA 0x10000-0x1000000, Normal 0x1000000-0x377fe000, HighMem 0x377fe000-0x7f780000 | nodes 0 | crashkernel reserved 0x1c000000+0x4000000 | Memory 1972872K/2088448K',
  ],
  '09-ubuntu-3.0-x86_64-thinkpad-3gb-crashkernel-128mb-old-e820.txt': [
    '3.0.0-12-generic x86_64 complete | e820 14: 0x0-0x9f800 usable .. 0xff000000-0x100000000 reserved | zones DMA 0x10000-0x1000000, DMA32 0x1000000-0x100000000 | nodes 0 | crashkernel reserved 0x2d000000+0x8000000 | Memory 2928536K/3136320K',
  ],
  '10-x86_64-2.6.7-rc1-opteron-2node-k8-numa-syslog-wrapped-fragment.txt': [
    '? x86_64 | e820 0: - .. - | zones - | nodes 0,1 | crashkernel - | Memory -',
  ],
  '11-dell-r710-3.2-rc2-kdump-kernel-memmap-exactmap-user-map-wrapped-80col.txt': [
    '3.2.0-rc2+ x86_64 complete | e820 8: 0x100-0xa0000 usable .. 0x100000000-0x630000000 usable | user 8 | zones DMA 0x10000-0x1000000, DMA32 0x1000000-0x100000000 | nodes 1 | crashkernel - | Memory 109492K/180204K',
  ],
  '12-centos7-3.10-kvm-12gb-crashkernel-auto-pci-earlydump-truncated.txt': [
    '3.10.0-957.el7.x86_64 x86_64 complete | e820 11: 0x0-0xa0000 usable .. 0x100000000-0x380000000 usable | zones DMA 0x1000-0x1000000, DMA32 0x1000000-0x100000000, Normal 0x100000000-0x380000000 | nodes 0 | crashkernel reserved 0x2d000000+0xa100000 | Memory 3793528K/14680064K',
  ],
  '13-dell-r7425-4.19-1tb-8node-numa-crashkernel-256m-plus-kdump-kernel-oom.txt': [
    '4.19.57.mx64.282 x86_64 complete | e820 31: 0x0-0x8f000 usable .. 0x1007ff80000-0x10080000000 reserved | zones DMA 0x1000-0x1000000, DMA32 0x1000000-0x100000000, Normal 0x100000000-0x1007ff80000 | nodes 0,1,2,3,4,5,6,7 | crashkernel reserved 0x27000000+0x10000000 | Memory 1051967552K/1069214136K',
    '4.19.57.mx64.282 x86_64 complete | e820 5: 0x1000-0x8f000 usable .. 0x6fdff000-0x6ffff000 ACPI data | zones DMA 0x1000-0x1000000, DMA32 0x1000000-0x36f6e000 | nodes 0 | crashkernel - | Memory 129092K/262128K',
  ],
  '14-asus-zenbook-gentoo-5.3-16gb-no-timestamps-efi-debug-normal-and-kexec-boot.txt': [
    '5.3.11-gentoo x86_64 complete | e820 16: 0x0-0x9f000 usable .. 0x100000000-0x47e000000 usable | zones DMA 0x1000-0x1000000, DMA32 0x1000000-0x100000000, Normal 0x100000000-0x47e000000 | nodes 0 | crashkernel reserved 0x65000000+0x6000000 | Memory 15927596K/16584296K',
    '5.3.11-gentoo x86_64 complete | e820 16: 0x0-0x9f000 usable .. 0x100000000-0x47e000000 usable | zones DMA 0x1000-0x1000000, DMA32 0x1000000-0x100000000, Normal 0x100000000-0x47e000000 | nodes 0 | crashkernel reserved 0x67000000+0x6000000 | Memory 16096644K/16584296K',
  ],
  '15-qemu-5.2-x86_64-512mb-serial-console-crcrlf-ansi-escapes.txt': [
    '5.2.0-rc2-next-20190529 x86_64 complete | e820 7: 0x0-0x9fc00 usable .. 0xfffc0000-0x100000000 reserved | zones DMA 0x1000-0x1000000, DMA32 0x1000000-0x1ffe0000 | nodes 0 | crashkernel - | Memory 486332K/523768K',
  ],
  '16-intel-s2600wt-5.5-rc7-64gb-2node-crashkernel-512m-serial.txt': [
    '5.5.0-rc7+ x86_64 complete | e820 12: 0x0-0x9b400 usable .. 0x100000000-0x1080000000 usable | zones DMA 0x1000-0x1000000, DMA32 0x1000000-0x100000000, Normal 0x100000000-0x1080000000 | nodes 0,1 | crashkernel reserved 0x59000000+0x20000000 | Memory 1589000K/67009972K',
  ],
  '17-debian-5.10-hp-laptop-32gb-no-timestamps-email-wrapped.txt': [
    '5.10.0-1-amd64 x86_64 complete | e820 24: 0x0-0x9f800 usable .. 0x100000000-0x8bfc00000 usable | zones DMA 0x1000-0x1000000, DMA32 0x1000000-0x100000000, Normal 0x100000000-0x8bfc00000 | nodes 0 | crashkernel - | Memory 827144K/33330992K',
  ],
  '18-x86_64-2gb-5.10-rc-memblock-debug-tail-fragment.txt': [
    '? x86_64 | e820 0: - .. - | zones - | nodes - | crashkernel - | Memory -',
  ],
  '19-hyperv-5.13-x86_64-1.5gb-journalctl-srat-hotplug.txt': [
    '5.13.0-rc5-next-20210611-llvm x86_64 complete | e820 12: 0x0-0xa0000 usable .. 0x5ffff000-0x60000000 usable | zones DMA 0x1000-0x1000000, DMA32 0x1000000-0x60000000 | nodes 0 | crashkernel - | Memory 1394704K/1571756K',
  ],
  '20-x86-5.1-memmap-pram-type12-user-map-empty-node1-fragment.txt': [
    '? x86_64 | e820 0: - .. - | user 14 | zones - | nodes 0 | crashkernel - | Memory -',
  ],
  '21-x86-5.16-rc-128gb-mem4g-user-map-two-boots-fragment.txt': [
    '? x86_64 complete | e820 12: 0x0-0x9ac00 usable .. 0x100000000-0x2080000000 usable | user 11 | zones - | nodes - | crashkernel - | Memory 1762876K/2061136K',
    '? x86_64 complete | e820 12: 0x0-0x9ac00 usable .. 0x100000000-0x2080000000 usable | user 12 | zones - | nodes - | crashkernel - | Memory 131657608K/134181712K',
  ],
  '22-qemu-q35-6.11-x86_64-32gb-crashkernel-reserved-192mb.txt': [
    '6.11.0+ x86_64 complete | e820 10: 0x0-0x9fc00 usable .. 0x100000000-0x880000000 usable | zones DMA 0x1000-0x1000000, DMA32 0x1000000-0x100000000, Normal 0x100000000-0x880000000 | nodes 0 | crashkernel reserved 0x73000000+0xc000000 | Memory 31964700K/33553904K',
  ],
  '23-hyperv-6.1-686-pae-2gb-early-panic-quoted-truncated.txt': [
    '6.1.0-18-686-pae i386 | e820 6: 0x0-0x9fc00 usable .. 0x7ffff000-0x80000000 ACPI NVS | zones - | nodes - | crashkernel - | Memory -',
  ],
  '24-debian-6.18-amd-laptop-journalctl-monotonic-kernel-prefix.txt': [
    '6.18-amd64 x86_64 complete | e820 28: 0x0-0x9f000 usable .. 0xfd00000000-0xfd02000000 reserved | zones DMA 0x1000-0x1000000, DMA32 0x1000000-0x100000000, Normal 0x100000000-0x85e280000 | nodes 0 | crashkernel - | Memory 32042176K/32797408K',
  ],
  '25-amd-minipc-ser8-7.0-rc2-x86_64-20gb-new-e820-format-gaps.txt': [
    '7.0.0-rc2-debug-next-20260303-03431-gc025f6cf4209 x86_64 complete | e820 21: 0x0-0xa0000 usable .. 0x55f340000-0x680200000 reserved | zones DMA 0x1000-0x1000000, DMA32 0x1000000-0x100000000, Normal 0x100000000-0x55e300000 | nodes 0 | crashkernel - | Memory 20174756K/20754324K',
  ],
  '26-xen-4.15-dom0-5.18-hyperv-xen-e820-and-xen-mem-map-fragment.txt': [
    '5.18.7+ x86_64 | e820 8: 0x0-0x9f000 usable .. 0x100000000-0x1c0071000 usable | zones - | nodes - | crashkernel - | Memory -',
  ],
  '27-arm64-broadcom-stingray-5.1-48gb-crashkernel-reserved-plus-kdump-kernel.txt': [
    '5.1.0 arm64 | e820 0: - .. - | zones - | nodes - | crashkernel reserved 0xdfe00000+0x20000000 | Memory 47645616K/50292608K',
    '5.1.0 arm64 | e820 0: - .. - | zones - | nodes - | crashkernel - | Memory 342428K/532056K',
  ],
  '28-arm64-broadcom-stingray-5.0-kdump-kernel-cannot-allocate-crashkernel-quoted.txt': [
    '5.0.0 arm64 | e820 0: - .. - | zones - | nodes - | crashkernel failed | Memory 472776K/532212K',
  ],
  '29-arm64-rpi-cm4-5.15-8gb-dma-dma32-normal-cma.txt': [
    '5.15.84-v8+ arm64 | e820 0: - .. - | zones DMA 0x0-0x40000000, DMA32 0x40000000-0x100000000, Normal 0x100000000-0x200000000 | nodes 0 | crashkernel - | Memory 7668384K/8245248K',
  ],
  '30-arm32-rpi2-lpae-5.2-1gb-memblock-debug-efi-early-panic.txt': [
    '5.2.1-lpae arm | e820 0: - .. - | zones - | nodes - | crashkernel - | Memory -',
  ],
  '31-ppc32-p2020-6.0-3gb-memblock-debug-highmem-holes.txt': [
    '? powerpc | e820 0: - .. - | zones Normal 0x0-0x30000000, HighMem 0x30000000-0xff700000 | nodes 0 | crashkernel - | Memory 3062620K/3118080K',
  ],
  '32-ppc32-powermac-g4-6.8-rc7-2gb-highmem.txt': [
    '6.8.0-rc7-PMacG4 powerpc | e820 0: - .. - | zones DMA 0x0-0x30000000, HighMem 0x30000000-0x80000000 | nodes 0 | crashkernel - | Memory 1898556K/2097152K',
  ],
  '33-ppc64le-power10-lpar-6.9-rc1-60gb-32-numa-nodes-crashkernel-1gb.txt': [
    '6.9.0-rc1-next-20240325 ppc64le | e820 0: - .. - | zones Normal 0x0-0xf00000000 | nodes 3 | crashkernel reserved 0x10000000+0x40000000 | Memory 59497664K/62914560K',
  ],
  '34-ppc64le-power10-lpar-6.5-rc4-fadump-capture-kernel-60gb.txt': [
    '6.5.0-rc4-next-20230731 ppc64le | e820 0: - .. - | zones Normal 0x0-0xf00000000 | nodes 0 | crashkernel - | Memory 836608K/62914560K',
  ],
  '35-s390x-zvm-5.7-rc4-kdump-kernel-80col-wrapped-quoted.txt': [
    '5.7.0-rc4+ s390x | e820 0: - .. - | zones DMA 0x0-0x80000000 | nodes 0 | crashkernel - | Memory 237484K/262144K',
  ],
  '36-riscv64-k210-nommu-5.6-rc1-8mb.txt': [
    '5.6.0-rc1-00054-gd32122774dab riscv64 | e820 0: - .. - | zones DMA32 0x80000000-0x80800000 | nodes 0 | crashkernel - | Memory 5528K/8192K',
  ],
  '37-x86-crashkernel-64M-at-16M-failed-memory-in-use-fragment.txt': [
    '? ? | e820 0: - .. - | zones - | nodes - | crashkernel failed | Memory -',
    '? ? | e820 0: - .. - | zones - | nodes - | crashkernel failed | Memory -',
    '? ? | e820 0: - .. - | zones - | nodes - | crashkernel reserved 0xd4000000+0x4000000 | Memory -',
  ],
  '38-debian-5.0-2.6.26-x86_64-2gb-bootmap-node-data-early-res-list.txt': [
    '2.6.26-2-amd64 x86_64 complete | e820 10: 0x0-0x9f000 usable .. 0xffb00000-0x100000000 reserved | zones DMA 0x0-0x1000000, DMA32 0x1000000-0x100000000 | nodes 0 | crashkernel - | Memory 2059404K/2095644K',
  ],
  '39-ubuntu-8.10-2.6.27-x86_64-4gb-ram-to-4.5g-bootmap-pages-0x24-early-reservations.txt': [
    '2.6.27-14-generic x86_64 complete | e820 11: 0x0-0x9dc00 usable .. 0x100000000-0x120000000 usable | zones DMA 0x0-0x1000000, DMA32 0x1000000-0x100000000, Normal 0x100000000-0x120000000 | nodes 0 | crashkernel - | Memory 3916456K/4718592K',
  ],
  '40-ubuntu-9.10-2.6.31-x86_64-4gb-ram-to-5.4g-30-e820-entries-bootmap-pages-0x2c.txt': [
    '2.6.31-15-generic x86_64 complete | e820 30: 0x0-0x9ec00 usable .. 0x100000000-0x15c000000 usable | zones DMA 0x0-0x1000000, DMA32 0x1000000-0x100000000, Normal 0x100000000-0x15c000000 | nodes 0 | crashkernel - | Memory 3977980K/5701632K',
  ],
  '41-custom-2.6.32.2-x86_64-2gb-bootmap-pages-0x10-early-reservations.txt': [
    '2.6.32.2 x86_64 complete | e820 9: 0x0-0x96c00 usable .. 0xfff00000-0x100000000 reserved | zones DMA 0x10000-0x1000000, DMA32 0x1000000-0x100000000 | nodes 0 | crashkernel - | Memory 1988188K/2096640K',
  ],
  '42-custom-2.6.34-x86_64-1.9gb-nobootmem-crashkernel-64mb-at-32mb-early-res.txt': [
    '2.6.34 x86_64 complete | e820 27: 0x0-0x9f400 usable .. 0xff800000-0x100000000 reserved | zones DMA 0x10000-0x1000000, DMA32 0x1000000-0x100000000 | nodes 0 | crashkernel reserved 0x2000000+0x4000000 | Memory 1785624K/1961984K',
  ],
  '43-opensuse-11.3-2.6.34.7-x86_64-6gb-ram-to-6.75g-nobootmem-node-data-at-4g.txt': [
    '2.6.34.7-0.7-desktop x86_64 complete | e820 11: 0x0-0x9ec00 usable .. 0x100000000-0x1b0000000 usable | zones DMA 0x10000-0x1000000, DMA32 0x1000000-0x100000000, Normal 0x100000000-0x1b0000000 | nodes 0 | crashkernel - | Memory 6102684K/7077888K',
  ],
  '44-ubuntu-mainline-2.6.36-i386-2.5gb-highmem-nobootmem-53-early-reservations.txt': [
    '2.6.36-020636-generic i386 complete | e820 11: 0x0-0xa0000 usable .. 0xffb00000-0x100000000 reserved | zones DMA 0x1000-0x1000000, Normal 0x1000000-0x26ffe000, HighMem 0x26ffe000-0x9fe88000 | nodes 0 | crashkernel - | Memory 2565392K/2619936K',
  ],
  '45-ubuntu-8.04-2.6.24-server-i386-pae-4gb-ram-to-4.75g-highmem-above-4g.txt': [
    '2.6.24-24-server i386 complete | e820 10: 0x0-0x9e800 usable .. 0x100000000-0x130000000 usable | zones DMA 0x0-0x1000000, Normal 0x1000000-0x38000000, HighMem 0x38000000-0x130000000 | nodes 0 | crashkernel - | Memory 4140224K/4980736K',
  ],
  '46-gentoo-3.0.3-x86_64-2gb-crashkernel-128mb-at-768mb-loglevel-prefix-wrapped.txt': [
    '3.0.3-dirty x86_64 complete | e820 9: 0x0-0x9f000 usable .. 0xfec00000-0x100000000 reserved | zones DMA 0x10000-0x1000000, DMA32 0x1000000-0x100000000 | nodes 0 | crashkernel reserved 0x30000000+0x8000000 | Memory 1792880K/1964928K',
  ],
  '47-ubuntu-6.12-kvm-x86_64-920gb-ovmf-wrapped-72col.txt': [
    '6.12.1+ x86_64 complete | e820 13: 0x0-0xa0000 usable .. 0x100000000-0xe6e0000000 usable | zones DMA 0x1000-0x1000000, DMA32 0x1000000-0x100000000, Normal 0x100000000-0xe6e0000000 | nodes 0 | crashkernel - | Memory 950467920K/966257952K',
  ],
};

const entry = (e: E820Entry | undefined): string =>
  e ? `${hex(e.start)}-${hex(e.end)} ${e820TypeName(e.type)}` : '-';
/** One boot in one line: the facts the table checks. */
function describeBoot(b: ImportedBootFull): string {
  const nodes = new Set([
    ...b.nodeRanges.map((n) => n.node),
    ...b.nodeSetup.filter((n) => n.range && n.how !== 'fake').map((n) => n.node),
  ]);
  return [
    `${b.kernel.version ?? '?'} ${b.kernel.arch ?? '?'}${b.complete ? ' complete' : ''}`,
    `e820 ${b.e820.length}: ${entry(b.e820[0])} .. ${entry(b.e820[b.e820.length - 1])}${b.e820User ? ` | user ${b.e820User.length}` : ''}`,
    `zones ${b.zoneRanges.map((z) => `${z.zone} ${hex(z.range.start)}-${hex(z.range.end)}`).join(', ') || '-'}`,
    `nodes ${[...nodes].sort((x, y) => x - y).join(',') || '-'}`,
    `crashkernel ${b.crashkernel.map((c) => c.outcome + (c.range ? ` ${hex(c.range.start)}+${hex(c.range.end - c.range.start)}` : '')).join(', ') || '-'}`,
    `Memory ${b.memory ? `${b.memory.availableK}K/${b.memory.totalK}K` : '-'}`,
  ].join(' | ');
}

function load(name: string): ImportOk {
  const r = importLog(readCorpus(name));
  if (!r.ok) throw new Error(`${name}: ${r.error}`);
  return r;
}

const find = (prefix: string): string => {
  const f = corpusFiles().find((x) => x.startsWith(prefix));
  if (!f) throw new Error(`no corpus file ${prefix}`);
  return f;
};

if (!HAVE_CORPUS) console.warn(`corpus.test.ts: ${CORPUS_SKIP}`);

describe.runIf(HAVE_CORPUS)('every corpus file imports', () => {
  it('the table covers every file', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(corpusFiles());
  });
  it.each(corpusFiles())('%s', (name) => {
    const r = load(name);
    expect(r.boots.map(describeBoot)).toEqual(EXPECTED[name]);
    expect(r.boot.number).toBe(r.boots.find((b) => b.complete)?.number ?? 1);
  });
});

describe.runIf(HAVE_CORPUS)('capture quirks', () => {
  it('10: syslog lines without a kernel: tag, wrapped by a mail client after a trailing space', () => {
    const b = load(find('10')).boot;
    const setup = b.nodeSetup.filter((n) => n.how === 'bootmem');
    // 2.6.7 prints node 0's K8 limit inclusive (…1fffffff) and node 1's clipped end exclusive.
    expect(setup.map((n) => [n.node, hex(n.range?.start ?? -1), hex(n.range?.end ?? -1)])).toEqual([
      [0, '0x0', '0x20000000'],
      [1, '0x20000000', '0x3fff0000'],
    ]);
    expect(b.kernel.arch).toBe('x86_64');
  });

  it('11: an 80-column console cut the version, the command line and the Memory: line', () => {
    const r = load(find('11'));
    expect(r.boot.cmdline).toBe('ro root=/dev/mapper/vg_dellper71001-lv_root rd_LVM_LV=vg_dellp');
    expect(r.boot.e820User?.[2]).toEqual({ start: 0x3090000, end: 0xaffb000, type: 1 });
    expect(r.boot.memoryLine).toBe(
      'Memory: 109492k/180204k available (6124k kernel code, 49152k absent, 21560k',
    );
    expect(r.summary.normalization.some((n) => n.includes('wrapped lines were joined'))).toBe(true);
  });

  it('13 and 14: two boots, the first complete one is the default, and --boot picks another', () => {
    expect(load(find('13')).boots.map((b) => b.lines)).toEqual([
      { start: 1, end: 1571 },
      { start: 1571, end: 2399 },
    ]);
    const second = importLog(readCorpus(find('14')), { boot: 2 });
    expect(second.ok && second.boot.crashkernel[0]?.text).toBe(
      'Reserving 96MB of memory at 1648MB for crashkernel (System RAM: 16195MB)',
    );
    const none = importLog(readCorpus(find('14')), { boot: 3 });
    expect(none.ok ? '' : none.error).toMatch(
      /^there is no boot 3: the log holds 2 boots: 1 \(lines 1–1087\), 2 \(lines 1088–2100\)/,
    );
  });

  it('14: the empty `Command line:` gives way to `Kernel command line:`', () => {
    expect(load(find('14')).boot.cmdline).toMatch(
      /^root=UUID=97bd2b14-.* crashkernel=96M efi=debug$/,
    );
  });

  it('15: CR CR LF endings, ANSI escapes, the version glued after SeaBIOS output', () => {
    const r = load(find('15'));
    expect(r.boot.lines.start).toBe(1);
    expect(r.observed.events[0]?.line).toBe(8);
    expect(r.boot.cmdline).toBe('root=/dev/sda console=ttyS0');
    expect(r.summary.normalization).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/had ANSI escapes$/),
        expect.stringMatching(/had CR bytes$/),
      ]),
    );
  });

  it('17: no timestamps, mail-wrapped at 72 columns', () => {
    const b = load(find('17')).boot;
    expect(b.kernel.version).toBe('5.10.0-1-amd64');
    expect(b.cmdline).toBe(
      'BOOT_IMAGE=/vmlinuz-5.10.0-1-amd64 root=/dev/mapper/debian--vg-root ro quiet',
    );
    expect(b.memoryLine).toBe(
      'Memory: 827144K/33330992K available (12295K kernel code, 2540K rwdata, 4060K rodata, 2380K init, 1692K bss, 735384K reserved, 0K cma-reserved)',
    );
  });

  it('19 and 24: journalctl short and short-monotonic prefixes', () => {
    expect(load(find('19')).boot.srat.filter((s) => s.hotplug)).toHaveLength(8);
    expect(load(find('24')).boot.e820[0]).toEqual({ start: 0, end: 0x9f000, type: 1 });
  });

  it('20, 23, 28, 35: e-mail quoting of every depth; 28 also collapsed `[ 0.000000]` and a lost `[`', () => {
    expect(load(find('20')).boot.e820User?.[13]).toEqual({
      start: 0x500000000,
      end: 0x6040000000,
      type: 12,
    });
    expect(load(find('23')).boot.panic?.line).toBeGreaterThan(0);
    const r28 = load(find('28'));
    expect(r28.boot.crashkernel[0]).toMatchObject({
      outcome: 'failed',
      text: 'cannot allocate crashkernel (size:0x20000000)',
    });
    expect(r28.boot.memory?.availableK).toBe(472776);
    expect(load(find('35')).boot.kernel.version).toBe('5.7.0-rc4+');
  });

  it('21: the regression boot removes RAM before the map is printed, so its user map keeps it', () => {
    const [one, two] = load(find('21')).boots;
    expect(one?.e820Edits[0]).toMatchObject({
      op: 'remove',
      range: { start: 0x100000000, end: 2 ** 52 },
    });
    expect(one?.e820User?.length).toBe(11);
    expect(two?.e820User?.[11]).toEqual({ start: 0x100000000, end: 0x2080000000, type: 1 });
  });

  it('25: the newest e820 names and gap lines', () => {
    const b = load(find('25')).boot;
    expect(b.e820Gaps).toHaveLength(5);
    expect(b.e820.filter((e) => e.type === 1)).toHaveLength(7);
    expect(b.e820Edits.some((e) => e.from === 'System RAM' && e.to === 'device reserved')).toBe(
      true,
    );
  });

  it('26: the Xen hypervisor map is kept apart from dom0’s `Xen:` map', () => {
    const b = load(find('26')).boot;
    expect(b.xenE820?.[0]).toEqual({ start: 0, end: 0x9fc00, type: 1 });
    expect(b.e820[0]).toEqual({ start: 0, end: 0x9f000, type: 1 });
    expect(b.cmdline).toBeNull(); // `(XEN) Command line:` is the hypervisor's
  });

  it('37: three one-line boots, listed in order', () => {
    const r = load(find('37'));
    expect(r.boots.map((b) => b.crashkernel[0]?.outcome)).toEqual(['failed', 'failed', 'reserved']);
  });
});

describe.runIf(HAVE_CORPUS)('runnable scenarios', () => {
  it.each([
    ['01', 'bootmem-2.6.24'],
    ['03', 'bootmem-exclusive-2.6.27'],
    ['05', 'nobootmem-2.6.34'],
    ['09', 'memblock-6.1'],
    ['13', 'memblock-6.1'],
  ])('%s runs under %s', (prefix, model) => {
    const r = load(find(prefix));
    expect(r.scenarioProblems).toEqual([]);
    expect(r.scenario?.model).toBe(model);
  });

  it('05: two NUMA nodes from the SRAT merges', () => {
    expect(load(find('05')).scenario?.machine.nodes).toEqual([
      { node: 0, start: 0, end: 0x240000000 },
      { node: 1, start: 0x240000000, end: 0x3c0000000 },
    ]);
  });

  it('03: the kernel image, initrd and pg_data_t size come from the log', () => {
    const k = load(find('03')).scenario?.kernel;
    expect(k).toMatchObject({
      text: 0x1000000,
      end: 0x1a29e64,
      initrd: { start: 0x3728b000, end: 0x37fef421 },
      pgdatSize: 0x5000,
    });
  });

  it.each(['27', '29', '31', '33', '35', '36'])(
    '%s is not x86: no scenario, and it says why',
    (prefix) => {
      const r = load(find(prefix));
      expect(r.scenario).toBeNull();
      expect(r.scenarioProblems[0]).toMatch(/the models simulate x86 only/);
    },
  );

  it.each(['29', '31', '33', '35', '36'])(
    '%s: the memory it shows is drawn all the same',
    (prefix) => {
      expect(load(find(prefix)).observed.scenario.machine.e820.length).toBeGreaterThan(0);
    },
  );
});
