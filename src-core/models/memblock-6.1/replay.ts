/**
 * The scenario's early memblock inputs (input/scenario-6.1.ts), replayed at their stage of the
 * 6.1 boot. An input says what a kernel function asked for — a size, an alignment, limits, a
 * node, or a fixed range to reserve or free — and the model's memblock decides the outcome.
 */
import type { Owner, Phase } from '../../output/events';
import type { EarlyOp, EarlyStage } from '../../input/scenario-6.1';
import { ownerOf, symbolOf, type MemblockBoot } from './boot';

/** Where each caller's code lives in 6.1, for the event's source link. */
const SOURCES: [RegExp, string][] = [
  [/^smp_scan_config|^e820__memblock_alloc_reserved_mpc_new/, 'arch/x86/kernel/mpparse.c'],
  [/^acpi_(reserve_initial_tables|table_upgrade)/, 'drivers/acpi/tables.c'],
  [/^acpi_parse_hpet/, 'arch/x86/kernel/acpi/boot.c'],
  [/^(setup_arch|reserve_brk|reserve_initrd|relocate_initrd)/, 'arch/x86/kernel/setup.c'],
  [/^(alloc_low_pages|init_mem_mapping)/, 'arch/x86/mm/init.c'],
  [/^spp_getpage/, 'arch/x86/mm/init_64.c'],
  [/^sparse/, 'mm/sparse.c'],
  [/^vmemmap/, 'mm/sparse-vmemmap.c'],
  [/^pcpu/, 'mm/percpu.c'],
  [/^alloc_large_system_hash/, 'mm/page_alloc.c'],
  [/^(start_kernel|setup_command_line)/, 'init/main.c'],
  [/^e820__/, 'arch/x86/kernel/e820.c'],
  [/^io_apic/, 'arch/x86/kernel/apic/io_apic.c'],
  [/^firmware_map/, 'drivers/firmware/memmap.c'],
  [/^register_nosave_region/, 'kernel/power/snapshot.c'],
  [/^alloc_bootmem_cpumask_var/, 'lib/cpumask.c'],
];

export function sourceOf(caller: string): string {
  const hit = SOURCES.find(([re]) => re.test(caller));
  return `v6.1:${hit ? hit[1] : 'mm/memblock.c'}`;
}

/** A short name for what a fixed reservation holds. */
function reserveLabel(caller: string, stage: EarlyStage): string {
  const sym = symbolOf(caller);
  if (sym === 'smp_scan_config') return 'MP table';
  if (sym.startsWith('acpi')) return 'ACPI table';
  if (sym === 'setup_arch' && stage === 'early') return 'brk (early page tables and more)';
  return `reserved by ${sym}`;
}

const PHASE: Record<EarlyStage, Phase> = {
  early: 'early-reserve',
  setup: 'reserve',
  paging: 'zones',
  late: 'reserve',
  end: 'retire',
  'after-free': 'retire',
};

/** Run every input of one stage, in order. */
export function replayStage(boot: MemblockBoot, ops: readonly EarlyOp[], stage: EarlyStage): void {
  const phase = PHASE[stage];
  for (const op of ops) {
    if (op.stage !== stage) continue;
    const sym = symbolOf(op.caller);
    const src = sourceOf(op.caller);
    if (op.op === 'alloc') {
      boot.alloc(op, {
        phase,
        label: sym,
        src,
        explain: `${sym} asks memblock for memory.`,
      });
    } else if (op.op === 'reserve') {
      const owner: Owner = ownerOf(op.caller) === 'allocation' ? 'other' : ownerOf(op.caller);
      boot.reserve(op, {
        phase,
        label: reserveLabel(op.caller, stage),
        owner,
        fn: sym,
        caller: op.caller,
        src,
        explain: `${sym} reserves a range whose address it already knows; memblock_reserve takes it whatever else is there.`,
      });
    } else if (op.op === 'free') {
      boot.free(op, {
        phase,
        caller: op.caller,
        label: `${sym} frees memory`,
        src,
        explain: `${sym} hands a range back with ${op.fn}.`,
      });
    } else {
      boot.mb.remove(op.start, op.end - op.start);
      boot.event({
        phase,
        kind: 'remove',
        start: op.start,
        end: op.end,
        label: `${sym} removes memory`,
        owner: 'firmware',
        fn: sym,
        src,
        explain: `memblock_remove takes the range out of memblock.memory: it is no longer RAM to the kernel.`,
      });
      boot.drawMemory();
    }
  }
}
