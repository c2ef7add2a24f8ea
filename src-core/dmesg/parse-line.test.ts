/**
 * Every printk format of every era, one line each, including those no corpus log happens to
 * contain (the formats are from the kernel sources; see the reference notes).
 */
import { describe, expect, it } from 'vitest';
import { GiB, MAX_PHYS, MiB } from '../base/addr';
import type { Fact, LineContext } from './facts';
import { NO_CONTEXT } from './facts';
import { parseMessage } from './parse-line';

const parse = (t: string, ctx: Partial<LineContext> = {}): Fact | null =>
  parseMessage(t, 7, { ...NO_CONTEXT, ...ctx });

describe('e820', () => {
  it.each([
    [' BIOS-e820: 0000000000000000 - 000000000009fc00 (usable)', 0, 0x9fc00, 1, 'firmware'],
    [
      'BIOS-e820: 00000000fec00000 - 00000000fec01000 type 9',
      0xfec00000,
      0xfec01000,
      9,
      'firmware',
    ],
    [
      'BIOS-e820: [mem 0x0000000000100000-0x00000000bffdffff] usable',
      0x100000,
      0xbffe0000,
      1,
      'firmware',
    ],
    [
      'BIOS-e820: [mem 0x0000000000000000-0x000000000009ffff]  System RAM',
      0,
      0xa0000,
      1,
      'firmware',
    ],
    [
      'BIOS-e820: [mem 0x00000000000a0000-0x00000000000fffff]  device reserved',
      0xa0000,
      0x100000,
      2,
      'firmware',
    ],
    [
      'BIOS-e820: [mem 0x0000000500000000-0x000000603fffffff] persistent (type 12)',
      0x500000000,
      0x6040000000,
      12,
      'firmware',
    ],
    [
      'Xen: [mem 0x0000000000100000-0x000000003ffeffff] usable',
      0x100000,
      0x3fff0000,
      1,
      'firmware',
    ],
    [' user: 0000000003090000 - 000000000affb000 (usable)', 0x3090000, 0xaffb000, 1, 'user'],
    [
      'user: [mem 0x0000000010000000-0x0000000013ffffff] reserved',
      0x10000000,
      0x14000000,
      2,
      'user',
    ],
    [' modified: 0000000000000000 - 0000000000010000 (reserved)', 0, 0x10000, 2, 'modified'],
    [
      'reserve setup_data: [mem 0x000000006fdff000-0x000000006fffefff] ACPI data',
      0x6fdff000,
      0x6ffff000,
      3,
      'extended',
    ],
  ])('%s', (text, start, end, type, map) => {
    expect(parse(text)).toMatchObject({ kind: 'e820', map, entry: { start, end, type } });
  });

  it('the hypervisor’s own map only on (XEN) lines', () => {
    const t = ' [0000000100000000, 0000000fdfffffff] (usable)';
    expect(parse(t, { xen: true })).toMatchObject({
      kind: 'e820',
      map: 'xen',
      entry: { start: 0x100000000, end: 0xfe0000000 },
    });
    expect(parse(t)).toBeNull();
  });

  it('gap lines of the newest format', () => {
    expect(parse('BIOS-e820: [gap 0x000000009d000000-0x000000009d78ffff]')).toEqual({
      kind: 'e820-gap',
      line: 7,
      range: { start: 0x9d000000, end: 0x9d790000 },
    });
  });

  it('updates and removes in both eras, ends beyond 2^52 clamped', () => {
    expect(
      parse('e820 update range: 0000000000000000 - 0000000000010000 (usable) ==> (reserved)'),
    ).toMatchObject({
      op: 'update',
      range: { start: 0, end: 0x10000 },
      from: 'usable',
      to: 'reserved',
      fromType: 1,
      toType: 2,
    });
    expect(parse('e820 remove range: 00000000000a0000 - 0000000000100000 (usable)')).toMatchObject({
      op: 'remove',
      from: 'usable',
    });
    expect(
      parse('e820: update [mem 0x9bff9000-0x9bffcfff] System RAM ==> device reserved'),
    ).toMatchObject({
      range: { start: 0x9bff9000, end: 0x9bffd000 },
      fromType: 1,
      toType: 2,
    });
    expect(parse('e820: remove [mem 0x100000000-0xfffffffffffffffe] usable')).toMatchObject({
      range: { start: 0x100000000, end: MAX_PHYS },
    });
  });

  it('headers, with and without the 3.x `e820: ` prefix', () => {
    expect(parse('BIOS-provided physical RAM map:')).toMatchObject({
      kind: 'header',
      what: 'e820-firmware',
    });
    expect(parse('e820: BIOS-provided physical RAM map:')).toMatchObject({ what: 'e820-firmware' });
    expect(parse('user-defined physical RAM map:')).toMatchObject({ what: 'e820-user' });
  });

  it('refuses types it cannot name and reversed ranges', () => {
    expect(parse('BIOS-e820: [mem 0x0000000000100000-0x00000000bffdffff] whatever')).toBeNull();
    expect(parse(' BIOS-e820: 0000000000100000 - 0000000000000000 (usable)')).toBeNull();
  });
});

describe('NUMA', () => {
  it('SRAT: 2.6.x bare hex with an exclusive end; later [mem], with and without ACPI:, hotplug', () => {
    expect(parse('SRAT: Node 1 PXM 1 1a8000000-328000000')).toMatchObject({
      kind: 'srat',
      node: 1,
      pxm: 1,
      range: { start: 0x1a8000000, end: 0x328000000 },
    });
    expect(parse('SRAT: Node 0 PXM 0 [mem 0x00000000-0x0009ffff]')).toMatchObject({
      range: { start: 0, end: 0xa0000 },
      hotplug: false,
    });
    expect(parse('ACPI: SRAT: Node 0 PXM 0 [mem 0x100000000-0xfdfffffff] hotplug')).toMatchObject({
      hotplug: true,
    });
  });

  it('merges: [a,b) forms of SRAT: and NUMA:, and the [mem] form', () => {
    expect(parse('SRAT: Node 0 [0,a0000) + [100000,40000000) -> [0,40000000)')).toMatchObject({
      kind: 'numa-merge',
      node: 0,
      range: { start: 0, end: 0x40000000 },
    });
    expect(
      parse('NUMA: Node 2 [0,80000000) + [100000000,180000000) -> [0,180000000)'),
    ).toMatchObject({ node: 2, range: { end: 0x180000000 } });
    expect(
      parse(
        'NUMA: Node 1 [mem 0x80000000-0xbfffffff] + [mem 0x100000000-0x13fffffff] -> [mem 0x80000000-0x13fffffff]',
      ),
    ).toMatchObject({
      parts: [
        { start: 0x80000000, end: 0xc0000000 },
        { start: 0x100000000, end: 0x140000000 },
      ],
    });
  });

  it('NODE_DATA: named, or the node of the setup line above', () => {
    expect(parse('NODE_DATA(3) allocated [mem 0x807ff7c000-0x807ff7ffff]')).toMatchObject({
      node: 3,
      range: { start: 0x807ff7c000, end: 0x807ff80000 },
    });
    expect(parse('  NODE_DATA [0000000100000000 - 0000000100004fff]', { node: 1 })).toMatchObject({
      node: 1,
      range: { end: 0x100005000 },
    });
    expect(parse('numa:   NODE_DATA [mem 0xe85b0ee80-0xe85b1667f]')).toMatchObject({ node: -1 });
  });

  it('setup lines, faked nodes, memoryless nodes, NUMA off', () => {
    expect(parse('Bootmem setup node 0 0000000000000000-00000001a8000000')).toMatchObject({
      how: 'bootmem',
      range: { end: 0x1a8000000 },
    });
    expect(parse('Initmem setup node 1 0000000240000000-00000003c0000000')).toMatchObject({
      how: 'initmem',
      node: 1,
    });
    expect(parse('Initmem setup node 0 [mem 0x0000000000001000-0x00000004ffffffff]')).toMatchObject(
      { range: { start: 0x1000, end: 0x500000000 } },
    );
    expect(parse('Initmem setup node 1 [mem 0x0000000000000000-0x0000000000000000]')).toMatchObject(
      { range: null },
    );
    expect(parse('Initmem setup node 12 as memoryless')).toMatchObject({ node: 12, range: null });
    expect(parse('Faking a node at 0000000000000000-000000006fe80000')).toMatchObject({
      how: 'fake',
      range: { end: 0x6fe80000 },
    });
    expect(parse('Faking a node at [mem 0x0000000000000000-0x000000001ffdffff]')).toMatchObject({
      how: 'fake',
      range: { end: 0x1ffe0000 },
    });
    expect(parse('NUMA turned off')).toMatchObject({ kind: 'header', what: 'no-numa' });
    expect(parse('NUMA: Allocated memnodemap from 16000 - 160e5')).toMatchObject({
      what: 'memnodemap',
      range: { start: 0x16000, end: 0x160e5 },
    });
  });
});

describe('zones and node memory', () => {
  it('zone lists are read only after their header', () => {
    expect(parse('  DMA      [mem 0x0000000000001000-0x0000000000ffffff]')).toBeNull();
    expect(
      parse('  DMA      [mem 0x0000000000001000-0x0000000000ffffff]', { block: 'zones-new' }),
    ).toMatchObject({ zone: 'DMA', range: { start: 0x1000, end: 0x1000000 } });
    expect(parse('  Normal   empty', { block: 'zones-new' })).toMatchObject({
      zone: 'Normal',
      range: null,
    });
  });

  it('old zone PFNs in decimal and hex; start = end is empty', () => {
    const ctx = { block: 'zones-old' as const };
    expect(parse('  DMA32        4096 ->  1048576', ctx)).toMatchObject({
      zone: 'DMA32',
      range: { start: 16 * MiB, end: 4 * GiB },
    });
    expect(parse('  HighMem  0x000377fe -> 0x000afeb0', ctx)).toMatchObject({
      range: { start: 0x377fe000, end: 0xafeb0000 },
    });
    expect(parse('  Normal   0x00100000 -> 0x00100000', ctx)).toMatchObject({ range: null });
  });

  it('early_node_map entries after their header; Early memory node ranges anywhere', () => {
    expect(parse('    1:  1736704 ->  3309568', { block: 'node-map-old' })).toMatchObject({
      kind: 'node-range',
      node: 1,
      range: { start: 1736704 * 4096 },
    });
    expect(parse('    0: 0x00000010 -> 0x0000009d', { block: 'node-map-old' })).toMatchObject({
      range: { start: 0x10000, end: 0x9d000 },
    });
    expect(parse('  node   7: [mem 0x000000fe00000000-0x000001007ff7ffff]')).toMatchObject({
      node: 7,
      range: { end: 0x1007ff80000 },
    });
    expect(
      parse('Entering add_active_range(1, 1736704, 3309568) 4 entries of 3200 used'),
    ).toMatchObject({ kind: 'active-range', node: 1 });
  });
});

describe('reservations', () => {
  it('early_res and bootmem list entries, with the 2.6.33 ==> part', () => {
    expect(
      parse('  #3 [0001000000 - 0001a29e64]    TEXT DATA BSS ==> [0001000000 - 0001a29e64]'),
    ).toMatchObject({
      kind: 'early-res',
      index: 3,
      name: 'TEXT DATA BSS',
      range: { start: 0x1000000, end: 0x1a29e64 },
    });
    expect(parse('  #19 [0100200000 - 0105600000]        MEMMAP 0')).toMatchObject({
      name: 'MEMMAP 0',
    });
    expect(parse('(9 early reservations) ==> bootmem [0000000000 - 00377fe000]')).toMatchObject({
      what: 'early-res',
    });
  });

  it('bootmem bitmaps of x86_64 (inclusive) and i386 (exclusive)', () => {
    expect(
      parse('  bootmap [0000000000017000 -  0000000000024fcf] pages e', { node: 0 }),
    ).toMatchObject({ kind: 'bootmap', range: { start: 0x17000, end: 0x24fd0 } });
    expect(parse('  node 0 bootmap 00011000 - 00017f00')).toMatchObject({
      kind: 'bootmap',
      range: { end: 0x17f00 },
    });
  });

  it.each([
    ['RAMDISK: [mem 0x2d18f000-0x31342fff]', 'initrd', 0x2d18f000, 0x31343000],
    ['RAMDISK: 37d73000 - 37fefcb1', 'initrd', 0x37d73000, 0x37fefcb1],
    [
      'Move RAMDISK from 0000000037d73000 - 0000000037fefcb0 to 00916000 - 00b92cb0',
      'initrd',
      0x916000,
      0xb92cb1,
    ],
    ['found SMP MP-table at [mem 0x000f5ba0-0x000f5baf]', 'mptable', 0xf5ba0, 0xf5bb0],
    ['found SMP MP-table at [ffff8800000fe710] fe710', 'mptable', 0xfe710, 0xfe720],
    [
      'ACPI: Reserving FACP table memory at [mem 0xbffe19eb-0xbffe1a5e]',
      'acpi',
      0xbffe19eb,
      0xbffe1a5f,
    ],
    [
      'software IO TLB: mapped [mem 0x00000000bbfe0000-0x00000000bffe0000] (64MB)',
      'swiotlb',
      0xbbfe0000,
      0xbffe0000,
    ],
    [
      'software IO TLB [mem 0xbbfe0000-0xbffdffff] (64MB) mapped at [ffff8800bbfe0000-ffff8800bffdffff]',
      'swiotlb',
      0xbbfe0000,
      0xbffe0000,
    ],
    ['software IO TLB at phys 0x20000000 - 0x24000000', 'swiotlb', 0x20000000, 0x24000000],
    ['cma: Reserved 1024 MiB at 0x000000009fc00000', 'cma', 0x9fc00000, 0xdfc00000],
    ['Reserving 2KB of memory at 0xffdff000 for elfcorehdr', 'elfcorehdr', 0xffdff000, 0xffdff800],
    ['kexec: Reserving the low 1M of memory for crashkernel', 'low-1M', 0, MiB],
    ['  01000000-01e0257f : Kernel code', 'kernel', 0x1000000, 0x1e02580],
    ['27200000-27c5ffff : Kernel rodata', 'kernel', 0x27200000, 0x27c60000],
    ['  0229e000-026fffff : Kernel bss', 'kernel', 0x229e000, 0x2700000],
  ])('%s', (text, what, start, end) => {
    expect(parse(text)).toMatchObject({ kind: 'reservation', what, range: { start, end } });
  });

  it('/proc/iomem read without root shows the kernel at 0: no fact', () => {
    expect(parse('  00000000-00000000 : Kernel code')).toBeNull();
    expect(parse('  01000000-01e0257f : Kernel stack')).toBeNull();
  });
});

describe('memblock=debug', () => {
  it('range operations with callers, names (2.6.3x) or nid fields (memblock_add_node)', () => {
    expect(
      parse(
        'memblock_reserve: [0x000000007ffd5000-0x000000007fffffff] memblock_alloc_range_nid+0xb0/0x13d',
      ),
    ).toMatchObject({
      record: {
        fn: 'memblock_reserve',
        op: 'reserve',
        caller: 'memblock_alloc_range_nid+0xb0/0x13d',
        range: { start: 0x7ffd5000, end: 0x80000000 },
      },
    });
    expect(
      parse('    memblock_x86_reserve_range: [0x0009f000-0x0009ffff]     BIOS reserved'),
    ).toMatchObject({ record: { op: 'reserve', caller: 'BIOS reserved' } });
    expect(
      parse(
        'memblock_add_node: [0x0000000100000000-0x000000013fffffff] nid=1 flags=0 acpi_numa_memory_affinity_init+0x1/0x2',
      ),
    ).toMatchObject({
      record: { op: 'add', nid: 1, caller: 'acpi_numa_memory_affinity_init+0x1/0x2' },
    });
    expect(
      parse('memblock_remove: [0x0000000000000000-0xfffffffffffffffe] reserve_regions+0x68/0x23c'),
    ).toMatchObject({ record: { op: 'remove', range: { end: MAX_PHYS } } });
    expect(
      parse('memblock_phys_free: [0x2dbe4000-0x2dbe3fff] pcpu_embed_first_chunk+0x680/0x7b4'),
    ).toMatchObject({ record: { op: 'free', range: { start: 0x2dbe4000, end: 0x2dbe4000 } } });
    expect(
      parse('__memblock_free_late: [0x000000007fe00000-0x000000007fffffff] free_foo+0x1/0x2'),
    ).toMatchObject({ record: { op: 'free' } });
  });

  it('allocation requests with and without nid', () => {
    expect(
      parse(
        'memblock_alloc_try_nid: 32768 bytes align=0x40 nid=-1 from=0x0000000000000000 max_addr=0x0000000000000000 sparse_init+0x9f/0x23c',
      ),
    ).toMatchObject({
      record: {
        op: 'alloc',
        size: 32768,
        align: 0x40,
        nid: -1,
        from: 0,
        maxAddr: 0,
        caller: 'sparse_init+0x9f/0x23c',
      },
    });
    const phys = parse(
      'memblock_phys_alloc_range: 134217728 bytes align=0x100000 from=0x0000000001000000 max_addr=0x0000000009000000 setup_arch+0xaa1/0xd4f',
    );
    expect(phys).toMatchObject({ record: { size: 128 * MiB, maxAddr: 0x9000000 } });
    expect(phys?.kind === 'memblock' && 'nid' in phys.record).toBe(false);
  });

  it('dump lines, tab or spaces, with or without node and flags', () => {
    expect(
      parse(
        ' memory[0x1]\t[0x0000000000100000-0x000000007fffffff], 0x000000007ff00000 bytes on node 0 flags: 0x0',
      ),
    ).toMatchObject({
      kind: 'memblock-dump-entry',
      type: 'memory',
      node: 0,
      flags: 0,
      range: { start: 0x100000, end: 0x80000000 },
    });
    expect(
      parse(
        ' memory[0x2]     [0x0000000007ef6000-0x0000000007f09fff], 0x0000000000014000 bytes flags: 0x4',
      ),
    ).toMatchObject({ flags: 4 });
    expect(
      parse('    reserved[0x0]\t[0x0000000009f000-0x000000000fffff], 0x61000 bytes'),
    ).toMatchObject({ type: 'reserved', flags: 0 });
    expect(parse('MEMBLOCK configuration:')).toMatchObject({ what: 'memblock-dump' });
  });
});

describe('crashkernel outcomes', () => {
  it.each([
    [
      'Reserving 128MB of memory at 16MB for crashkernel (System RAM: 98304MB)',
      'reserved',
      16 * MiB,
      144 * MiB,
      98304,
    ],
    [
      'Reserving 256MB of low memory at 2800MB for crashkernel (low RAM limit: 4096MB)',
      'reserved-low',
      2800 * MiB,
      3056 * MiB,
      4096,
    ],
    [
      'Reserving 256MB of low memory at 3056MB for crashkernel (System low RAM: 3071MB)',
      'reserved-low',
      3056 * MiB,
      3312 * MiB,
      3071,
    ],
    [
      'crashkernel reserved: 0x00000000dfe00000 - 0x00000000ffe00000 (512 MB)',
      'reserved',
      0xdfe00000,
      0xffe00000,
      undefined,
    ],
    [
      'crashkernel low memory reserved: 0x00000000c0000000 - 0x00000000d0000000 (256 MB)',
      'reserved-low',
      0xc0000000,
      0xd0000000,
      undefined,
    ],
  ])('%s', (text, outcome, start, end, ramMB) => {
    const f = parse(text);
    expect(f).toMatchObject({ kind: 'crashkernel', outcome, range: { start, end } });
    expect(f?.kind === 'crashkernel' && f.ramMB).toBe(ramMB ?? undefined);
  });

  it.each([
    'crashkernel reservation failed - memory is in use',
    'crashkernel reservation failed - memory is in use.',
    'crashkernel reservation failed - you have to specify a base address',
    'crashkernel reservation failed. No suitable area found.',
    'crashkernel reservation failed - No suitable area found.',
    'cannot allocate crashkernel (size:0x20000000)',
    'Cannot reserve 256MB crashkernel low memory, please try smaller size.',
    'crashkernel: unrecognized char: x',
    'crashkernel: Memory value expected',
    'Ignoring crashkernel for a Xen PV domain',
  ])('%s', (text) => {
    expect(parse(text)).toEqual({ kind: 'crashkernel', line: 7, text, outcome: 'failed' });
  });
});

describe('kernel identity and the rest', () => {
  it('version and build, or the boot loader’s name for it', () => {
    expect(
      parse(
        'Linux version 2.6.24-19-server (buildd@yellow) (gcc version 4.2.3) #1 SMP Wed Jun 18 2008',
      ),
    ).toMatchObject({
      version: '2.6.24-19-server',
      build: '#1 SMP Wed Jun 18 2008',
      fromLoader: false,
    });
    expect(parse('Loading Linux 5.18.7+ ...')).toMatchObject({
      version: '5.18.7+',
      fromLoader: true,
    });
    expect(parse('Preparing to boot Linux version 6.5.0-rc4 (root@x) #16')).toMatchObject({
      version: '6.5.0-rc4',
      fromLoader: true,
    });
  });

  it('command lines: early, generic, prom_init; never the hypervisor’s', () => {
    expect(parse('Command line: ro root=/dev/sda1 crashkernel=128M@16M')).toMatchObject({
      source: 'early',
      cmdline: 'ro root=/dev/sda1 crashkernel=128M@16M',
    });
    expect(parse('Kernel command line: quiet')).toMatchObject({ source: 'kernel' });
    expect(parse('command line: BOOT_IMAGE=x')).toMatchObject({ source: 'loader' });
    expect(parse('Command line: placeholder dom0_mem=4096M', { xen: true })).toBeNull();
  });

  it('the Memory: line of 2.6.x and of later kernels', () => {
    expect(
      parse(
        'Memory: 12322244k/13238272k available (2523k kernel code, 259968k reserved, 1331k data, 328k init)',
      ),
    ).toMatchObject({
      info: {
        availableK: 12322244,
        totalK: 13238272,
        parts: { 'kernel code': 2523, reserved: 259968, data: 1331, init: 328 },
      },
    });
    expect(
      parse('Memory: 5528K/8192K available (918K kernel code, 106K rwdata, 0K cma-reserved)'),
    ).toMatchObject({ info: { parts: { 'cma-reserved': 0 } } });
  });

  it('direct mapping and panics', () => {
    expect(parse('init_memory_mapping: [mem 0x00000000-0x000fffff]')).toMatchObject({
      kind: 'direct-map',
      range: { end: 0x100000 },
    });
    expect(parse('init_memory_mapping: 0000000000000000-00000000377fe000')).toMatchObject({
      kind: 'direct-map',
      range: { end: 0x377fe000 },
    });
    expect(parse('Kernel panic - not syncing: VFS: Unable to mount root fs')).toMatchObject({
      kind: 'panic',
    });
  });

  it('lines that are not early-boot memory messages', () => {
    for (const t of [
      '',
      '   ',
      'pci 0000:00:02.0: reg 0x10: [mem 0xfe000000-0xfe7fffff pref]',
      'Memory: lots',
      'e820 is great',
    ])
      expect(parse(t)).toBeNull();
  });
});
