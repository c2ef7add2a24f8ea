/** What a step read from the log says, for people: label, explanation, phase and owner. */
import { hex, humanSize, memRange } from '../base/addr';
import { e820TypeName } from '../input/e820';
import type { Phase } from '../output/events';
import type { Fact } from './facts';
import { describeMemblock } from './memblock-describe';
import { OTHER_LABEL, OTHER_OWNER, ownerOfEarlyRes } from './owners';
import { span, type Described } from './step-text';
import type { MemblockRecord } from './types';

const E820_MAP_WORDS = {
  firmware: 'the firmware reports',
  user: 'the user-defined map (mem=, memmap=) has',
  modified: 'the modified map has',
  extended: 'the map extended by setup_data has',
  xen: 'the Xen hypervisor’s own map has',
} as const;

export function describeFact(f: Fact, alloc: MemblockRecord | null): Described {
  switch (f.kind) {
    case 'version':
      return {
        phase: 'firmware',
        fixed: true,
        label: `Linux ${f.version}`,
        explain: `${f.fromLoader ? 'The boot loader loads' : 'The kernel is'} Linux ${f.version}.`,
        fn: f.fromLoader ? 'boot loader' : 'start_kernel',
        owner: 'kernel',
      };
    case 'cmdline':
      return {
        phase: 'cmdline',
        fixed: true,
        label: 'command line',
        explain: `The ${f.source === 'loader' ? 'boot loader passes the' : 'kernel prints its'} command line: ${f.cmdline || '(empty)'}.`,
        fn: f.source === 'kernel' ? 'start_kernel' : 'setup_arch',
        owner: 'kernel',
      };
    case 'header':
      return describeHeader(f.what, f.text);
    case 'e820':
      return {
        phase: f.map === 'user' ? 'cmdline' : 'firmware',
        ...(f.map === 'user' ? { fixed: true } : { advance: true }),
        label: `${f.map === 'firmware' ? '' : `${f.map}: `}${e820TypeName(f.entry.type)}`,
        explain: `${E820_MAP_WORDS[f.map]} ${span(f.entry)} as ${e820TypeName(f.entry.type)}.`,
        fn: 'e820_print_map',
        owner: 'firmware',
        range: f.entry,
      };
    case 'e820-gap':
      return {
        phase: 'firmware',
        advance: true,
        label: 'gap',
        explain: `Nothing in the e820 map covers ${span(f.range)}.`,
        fn: 'e820__print_table',
        owner: 'firmware',
        range: f.range,
      };
    case 'e820-edit':
      return {
        phase: 'firmware',
        label: f.op === 'update' ? `e820: ${f.from} → ${f.to ?? '?'}` : `e820: remove ${f.from}`,
        explain:
          f.op === 'update'
            ? `The kernel changes ${span(f.range)} from ${f.from} to ${f.to ?? '?'} in its e820 table.`
            : `The kernel removes the ${f.from} part of ${span(f.range)} from its e820 table.`,
        fn: f.op === 'update' ? 'e820__range_update' : 'e820__range_remove',
        owner: 'firmware',
        range: f.range,
      };
    case 'srat':
      return {
        phase: 'numa',
        advance: true,
        label: `SRAT: node ${f.node} (PXM ${f.pxm})${f.hotplug ? ', hotplug' : ''}`,
        explain: `The ACPI SRAT puts ${span(f.range)} on node ${f.node}${f.hotplug ? ' as hot-pluggable memory' : ''}.`,
        fn: 'acpi_numa_memory_affinity_init',
        owner: 'numa',
        range: f.range,
        node: f.node,
      };
    case 'numa-merge':
      return {
        phase: 'numa',
        advance: true,
        label: `node ${f.node} merged`,
        explain: `Node ${f.node}'s ranges ${f.parts.map((p) => memRange(p.start, p.end)).join(' and ')} are merged into ${span(f.range)}.`,
        fn: 'numa_cleanup_meminfo',
        owner: 'numa',
        range: f.range,
        node: f.node,
      };
    case 'node-data':
      return {
        phase: 'numa',
        advance: true,
        label: `NODE_DATA(${f.node < 0 ? '?' : f.node})`,
        explain: `pg_data_t of node ${f.node < 0 ? '(not named)' : f.node} is placed at ${span(f.range)}.`,
        fn: 'alloc_node_data',
        owner: 'node-data',
        range: f.range,
        ...(f.node < 0 ? {} : { node: f.node }),
      };
    case 'node-setup':
      return {
        phase: 'numa',
        advance: true,
        label:
          f.how === 'fake'
            ? 'fake node 0'
            : f.range
              ? `node ${f.node}`
              : `node ${f.node} (no memory)`,
        explain:
          f.how === 'fake'
            ? `No NUMA information: one node covers ${f.range ? span(f.range) : 'all memory'}.`
            : f.range
              ? `Node ${f.node} spans ${span(f.range)}.`
              : `Node ${f.node} has no memory.`,
        fn:
          f.how === 'bootmem'
            ? 'setup_node_bootmem'
            : f.how === 'k8'
              ? 'k8_scan_nodes'
              : f.how === 'fake'
                ? 'numa_initmem_init'
                : 'free_area_init_node',
        owner: 'numa',
        ...(f.range ? { range: f.range } : {}),
        node: f.node,
      };
    case 'zone':
      return {
        phase: 'zones',
        advance: true,
        label: `zone ${f.zone}${f.range ? '' : ' (empty)'}`,
        explain: f.range ? `Zone ${f.zone} spans ${span(f.range)}.` : `Zone ${f.zone} is empty.`,
        fn: 'free_area_init',
        owner: 'zone',
        ...(f.range ? { range: f.range } : {}),
      };
    case 'node-range':
      return {
        phase: 'zones',
        advance: true,
        label: `node ${f.node} memory`,
        explain: `Node ${f.node} has memory at ${span(f.range)}.`,
        fn: 'free_area_init',
        owner: 'numa',
        range: f.range,
        node: f.node,
      };
    case 'active-range':
      return {
        phase: 'numa',
        label: `active range, node ${f.node}`,
        explain: `Node ${f.node} registers ${span(f.range)} as active memory.`,
        fn: 'add_active_range',
        owner: 'numa',
        range: f.range,
        node: f.node,
      };
    case 'early-res':
      return {
        phase: 'reserve',
        label: f.name,
        explain: `Early reservation #${f.index} "${f.name}" holds ${span(f.range)}.`,
        fn: 'early_res_to_bootmem',
        owner: ownerOfEarlyRes(f.name),
        range: f.range,
      };
    case 'bootmap':
      return {
        phase: 'numa',
        advance: true,
        label: `node ${f.node} bootmem bitmap`,
        explain: `Node ${f.node}'s bootmem bitmap sits at ${span(f.range)}; mem_init frees these pages to the page allocator whatever else covers them.`,
        fn: 'setup_node_bootmem',
        owner: 'bitmap',
        range: f.range,
        node: f.node,
      };
    case 'memblock':
      return describeMemblock(f.record, alloc);
    case 'memblock-dump-entry':
      return {
        phase: 'early-reserve',
        label: `memblock.${f.type}`,
        explain: `memblock.${f.type} holds ${span(f.range)}${f.node === undefined ? '' : ` on node ${f.node}`}${f.flags ? ` (flags ${hex(f.flags)})` : ''}.`,
        fn: 'memblock_dump_all',
        owner: f.type === 'memory' ? 'firmware' : 'other',
        range: f.range,
        ...(f.node === undefined ? {} : { node: f.node }),
      };
    case 'crashkernel':
      return {
        phase: 'crashkernel',
        advance: true,
        label:
          f.outcome === 'failed'
            ? 'crashkernel failed'
            : `crashkernel${f.outcome === 'reserved-low' ? ' (low)' : ''} ${f.range ? humanSize(f.range.end - f.range.start) : ''}`.trimEnd(),
        explain:
          f.outcome === 'failed'
            ? `The crash kernel gets no memory: ${f.text}`
            : `The crash kernel's ${f.outcome === 'reserved-low' ? 'low ' : ''}window is ${f.range ? span(f.range) : 'not printed'}${f.ramMB ? ` (System RAM as the kernel counts it: ${f.ramMB} MB)` : ''}.`,
        fn: 'reserve_crashkernel',
        owner: 'crashkernel',
        ...(f.range ? { range: f.range } : {}),
        ...(f.range && f.outcome !== 'failed'
          ? {
              worked: [
                {
                  label: 'window',
                  value: `${hex(f.range.start)} + ${humanSize(f.range.end - f.range.start)}`,
                },
              ],
            }
          : {}),
      };
    case 'reservation':
      return {
        phase: 'early-reserve',
        label: OTHER_LABEL[f.what],
        explain: `${OTHER_LABEL[f.what]}: ${span(f.range)}.`,
        fn: f.what === 'initrd' ? 'reserve_initrd' : f.what,
        owner: OTHER_OWNER[f.what],
        range: f.range,
      };
    case 'memory':
      return {
        phase: 'retire',
        advance: true,
        label: 'Memory:',
        explain: `mem_init hands the free memory to the page allocator: ${humanSize(f.info.availableK * 1024)} of ${humanSize(f.info.totalK * 1024)} available.`,
        fn: 'mem_init',
        owner: 'page-allocator',
      };
    case 'direct-map':
      return {
        phase: 'direct-map',
        advance: true,
        label: 'direct mapping',
        explain: `The kernel maps ${span(f.range)} into its direct mapping.`,
        fn: 'init_memory_mapping',
        owner: 'page-tables',
        range: f.range,
      };
    case 'panic':
      return { phase: 'retire', label: 'panic', explain: f.text, fn: 'panic', owner: 'conflict' };
  }
}

function describeHeader(what: Extract<Fact, { kind: 'header' }>['what'], text: string): Described {
  const zones =
    what === 'zones-new' ||
    what === 'zones-old' ||
    what === 'movable' ||
    what.startsWith('node-map');
  const retire = what === 'early-res' && text.startsWith('Subtract');
  const phase: Phase =
    what.startsWith('e820') || what === 'xen-e820'
      ? 'firmware'
      : zones
        ? 'zones'
        : retire
          ? 'retire'
          : what === 'early-res' || what === 'no-numa'
            ? 'numa'
            : 'early-reserve';
  return {
    phase,
    ...(what === 'e820-user' ? { fixed: true } : { advance: !what.startsWith('memblock') }),
    label: text.replace(/:$/, ''),
    explain: text,
    fn: what.startsWith('memblock') ? 'memblock_dump_all' : 'printk',
    owner: 'other',
  };
}
