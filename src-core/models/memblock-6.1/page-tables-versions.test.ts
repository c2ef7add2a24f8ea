/**
 * The direct map's page tables and the allocations around NODE_DATA by kernel version
 * (rules.ts: directMapTables, tableSpaceFirstPtes, pgtBufPages, pgtStep, trampolinePgt,
 * numaDistance, memorylessNodeData): what each version takes from memblock, checked against
 * the source's arithmetic on small machines.
 */
import { describe, expect, it } from 'vitest';
import { GiB, MiB } from '../../base/addr';
import { E820_RAM, E820_RESERVED } from '../../input/e820';
import { SCENARIO_VERSION, type Scenario } from '../../input/scenario';
import { eachRequest } from '../../output/simulation';
import { runMemblock61 } from './model';

function machine(version: string, ram: number, cmdline = 'nokaslr'): Scenario {
  return {
    version: SCENARIO_VERSION,
    name: 'test',
    title: '',
    model: 'memblock-6.1',
    machine: {
      e820: [
        { start: 0, end: 0x9fc00, type: E820_RAM },
        { start: 0x9fc00, end: 0xa0000, type: E820_RESERVED },
        { start: 0x100000, end: 3 * GiB - 0x20000, type: E820_RAM },
        { start: 4 * GiB, end: 4 * GiB + ram - 3 * GiB, type: E820_RAM },
      ],
      nodes: [],
    },
    kernel: {
      version,
      text: 0x1000000,
      end: 0x3000000,
      initrd: null,
      ebda: null,
      pgdatSize: 0x5000,
      mptable: null,
      memblock: { ops: [] },
    },
    cmdline,
  };
}

const run = (s: Scenario) => runMemblock61(s);
const pageTables = (s: Scenario) =>
  eachRequest(run(s).allocations).filter((a) => a.caller === 'alloc_low_pages').length;
const nodeData = (s: Scenario, nid = 0) =>
  run(s).events.find((e) => e.label.startsWith(`NODE_DATA(${nid}) `))?.start;

describe('direct-map page tables by version', () => {
  it('3.0 (find_early_table_space): the block is found under the end of RAM, its used pages reserved as PGTABLE from its bottom', () => {
    const sim = run(machine('3.0', 3 * GiB));
    const pgt = sim.events.filter((e) => e.label === 'PGTABLE');
    // [0, 3 GiB - 128 KiB): PUD 1 + PMD 3 + PTE 1 pages searched; used: the PMD pages of GiB
    // 1 and 2 (GiB 0's is head_64's) and the PTE page of the unaligned end.
    expect(pgt).toHaveLength(1);
    expect(pgt[0]?.dmesg).toContain(
      'kernel direct mapping tables up to bffe0000 @ bffdb000-bffe0000',
    );
    expect((pgt[0]?.end ?? 0) - (pgt[0]?.start ?? 0)).toBe(3 * 4096);
    // NODE_DATA (20 KiB) does not fit in the 8 KiB left above the PGTABLE pages.
    expect(nodeData(machine('3.0', 3 * GiB))).toBe(0xbffdb000 - 0x5000);
    expect(pageTables(machine('3.0', 3 * GiB))).toBe(0);
  });

  it('3.2 sizes the whole first range with 4 KiB entries: a large block, its used pages far below the top', () => {
    const pgt = run(machine('3.2', 3 * GiB)).events.find((e) => e.label === 'PGTABLE');
    expect(pgt?.start).toBeLessThan(3 * GiB - 4 * MiB);
    expect(nodeData(machine('3.2', 3 * GiB))).toBe(3 * GiB - 0x20000 - 0x5000);
  });

  it('the brk pool grows with the version: 6 pages (3.9), 12 (4.8, memory KASLR), 16 (5.11, 5-level)', () => {
    const brk = (v: string) =>
      run(machine(v, 8 * GiB)).events.find((e) => e.kind === 'page-tables')?.explain ?? '';
    expect(brk('3.10')).toMatch(/from the 6-page brk buffer/);
    expect(brk('4.19')).toMatch(/from the 12-page brk buffer/);
    expect(brk('5.15')).toMatch(/from the 16-page brk buffer/);
  });

  it('3.9-3.17 grow the step x32 after a larger range, 3.18 on x256 once the total reaches it', () => {
    // RAM ends at 97 GiB. Page-table pages come from memblock inside what is already mapped,
    // [min_pfn_mapped, top): the windows show the steps. 3.10: 2 MiB, 64 MiB, 2 GiB, 64 GiB,
    // so pages are asked from 96 GiB, then from 64 GiB; 3.18: 2 MiB, 512 MiB, 128 GiB, so
    // one window from 96.5 GiB.
    const windows = (v: string) => [
      ...new Set(
        run(machine(v, 96 * GiB))
          .allocations?.filter((a) => a.caller === 'alloc_low_pages')
          .map((a) => a.from / GiB),
      ),
    ];
    expect(windows('3.10')).toEqual([96, 64]);
    expect(windows('3.17')).toEqual([96, 64]);
    expect(windows('3.18')).toEqual([96.5]);
    expect(windows('6.1')).toEqual([96.5]);
    expect(pageTables(machine('3.10', 96 * GiB))).toBe(93);
  });

  it('memory KASLR (4.8 on, no nokaslr) gives the trampoline a PUD page; 5-level paging a P4D page more', () => {
    const total = (s: Scenario) => {
      const m = /took (\d+) page-table/.exec(
        run(s).events.find((e) => e.kind === 'page-tables')?.explain ?? '',
      );
      return Number(m?.[1]);
    };
    const off = machine('5.15', 8 * GiB);
    const on = machine('5.15', 8 * GiB, '');
    expect(total(on) - total(off)).toBe(1);
    const la57 = machine('5.15', 8 * GiB, '');
    la57.kernel.memblock = { ops: [], la57: true };
    // The trampoline's P4D page and the direct map's P4D page.
    expect(total(la57) - total(on)).toBe(2);
    expect(total(machine('4.7', 8 * GiB, ''))).toBe(total(machine('4.7', 8 * GiB)));
  });
});

describe('around NODE_DATA', () => {
  const numa = (version: string, slit: boolean): Scenario => {
    const s = machine(version, 8 * GiB);
    s.machine.srat = [
      { node: 0, start: 0, end: 4 * GiB },
      { node: 1, start: 4 * GiB, end: 9 * GiB },
      { node: 2, start: 9 * GiB, end: 10 * GiB },
    ];
    if (slit) s.machine.slit = true;
    return s;
  };

  it('the SLIT (2.6.39 on) takes the top page below max_pfn_mapped before NODE_DATA', () => {
    const without = nodeData(numa('4.19', false), 1) ?? 0;
    expect(nodeData(numa('4.19', true), 1)).toBe(without - 0x1000);
    const table = run(numa('4.19', true)).allocations?.find(
      (a) => a.caller === 'numa_alloc_distance',
    );
    // Nodes 0-2 parsed: a 3x3 table of one-byte distances, on the page above NODE_DATA(1).
    expect(table).toMatchObject({ size: 9, start: without + 0x5000 - 0x1000 });
    expect(nodeData(numa('2.6.38', true), 1)).toBe(nodeData(numa('2.6.38', false), 1));
  });

  it('4.19 gives a memoryless node its pg_data_t on a node with memory, in CPU order; 6.1 does not here', () => {
    const s = numa('4.19', false);
    s.machine.srat?.push({ node: 3, start: 10 * GiB, end: 11 * GiB });
    s.machine.cpuNodes = [3, 2];
    const labels = (sim: ReturnType<typeof run>) =>
      sim.events.filter((e) => /^NODE_DATA\(/.test(e.label)).map((e) => e.label.split(' ')[0]);
    expect(labels(run(s))).toEqual([
      'NODE_DATA(0)',
      'NODE_DATA(1)',
      'NODE_DATA(3)',
      'NODE_DATA(2)',
    ]);
    const ev = run(s).events.find((e) => e.label.startsWith('NODE_DATA(3) '));
    expect(ev?.dmesg).toContain('    NODE_DATA(3) on node');
    expect(labels(run({ ...s, kernel: { ...s.kernel, version: '6.1' } }))).toEqual([
      'NODE_DATA(0)',
      'NODE_DATA(1)',
    ]);
  });

  it('EFI boot-services regions are reserved before the direct map: NODE_DATA goes below them', () => {
    const s = machine('5.3', 8 * GiB);
    const top = 9 * GiB;
    s.machine.efiBootServices = [{ start: top - 2 * MiB, end: top }];
    expect(nodeData(s)).toBeLessThan(top - 2 * MiB);
    const reserved = run(s).events.find((e) => e.fn === 'efi_reserve_boot_services');
    expect(reserved).toMatchObject({ start: top - 2 * MiB, end: top });
  });
});
