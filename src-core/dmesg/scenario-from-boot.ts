/**
 * A scenario the simulator can run, built from what one boot's log shows: the firmware e820
 * map, the NUMA node spans (and, for memblock-6.1, the SRAT blocks), the command line and the
 * model for the kernel version. A printed user map the command line does not explain is put
 * back into it (user-map.ts); the kernel image comes from the log or lies in usable RAM
 * (kernel-image.ts). What the log does not show (the EBDA, pg_data_t's size) gets a documented
 * default, and every default or inference is listed in `notes`, with what the model does not
 * cover of this kernel (generation-notes.ts).
 */
import { hex, humanSize, KiB, MAX_PHYS, PAGE_SIZE } from '../base/addr';
import { E820_RAM, E820_RESERVED, e820Ram, type E820Entry } from '../input/e820';
import type { NodeSpan } from '../input/numa';
import { normalize as normalizeRanges, rangeLength, setLength, type Range } from '../base/range';
import {
  LIMITS,
  parseScenario,
  SCENARIO_VERSION,
  type E820Edit,
  type KernelInputs,
  type Scenario,
} from '../input/scenario';
import type { MemblockInputs, SratBlock } from '../input/scenario-6.1';
import type { Fact } from './facts';
import { extentsByNode } from './extents';
import { generationNotes } from './generation-notes';
import { kernelImage } from './kernel-image';
import { kernelInForce } from '../kernel/rules';
import { modelForRelease } from '../kernel/rules';
import { parseKernelVersion } from '../kernel/version';
import type { ImportedBootFull } from './types';
import { explainUserMap } from './user-map';

export interface BootScenario {
  /** Runnable and validated by parseScenario; null when the log cannot give one. */
  scenario: Scenario | null;
  /** Why there is no runnable scenario. */
  problems: string[];
  /** Defaults and inferences, for people. */
  notes: string[];
  /** The machine as far as the log shows it, for drawing even when it cannot be simulated. */
  display: Scenario;
}

/** roundup(sizeof(pg_data_t), PAGE_SIZE) seen in 2.6.3x and 6.1 x86_64 logs. */
const PGDAT_OLD = 0x5000;
const PGDAT_61 = 0x2b000;
const X86 = new Set(['x86_64', 'i386']);

const ceilPage = (x: number): number => Math.ceil(x / 4096) * 4096;

function modelOf(boot: ImportedBootFull, facts: readonly Fact[], notes: string[]): string {
  const byVersion = modelForRelease(boot.kernel.version);
  if (byVersion) return byVersion;
  const bracketed = facts.some((f) => f.kind === 'e820' && f.bracketed);
  const model = bracketed || boot.memblock.length > 0 ? 'memblock-6.1' : 'bootmem-2.6.23';
  notes.push(
    `The kernel version is not in the log; ${model} was chosen from the ${bracketed ? '[mem …] e820 format (3.x and later)' : 'message formats'}. Pick another model if you know the version.`,
  );
  return model;
}

/** Node spans in the order the kernel would trust them: merged SRAT, SRAT, per-node setup lines. */
function nodeSpans(boot: ImportedBootFull, notes: string[]): NodeSpan[] {
  const fixed = boot.srat.filter((s) => !s.hotplug);
  const spans = extentsByNode(fixed.length ? fixed : boot.srat);
  for (const m of boot.numaNodes) spans.set(m.node, { ...m.range });
  if (spans.size)
    notes.push(
      `NUMA node spans come from the SRAT lines (${spans.size} node${spans.size > 1 ? 's' : ''}).`,
    );
  if (!spans.size) {
    const setup = boot.nodeSetup.flatMap((n) =>
      n.range && n.how !== 'fake' ? [{ node: n.node, range: n.range }] : [],
    );
    for (const [node, r] of extentsByNode(setup)) spans.set(node, r);
    if (spans.size === 1) spans.clear(); // one real node is what the model fakes anyway
    if (spans.size) notes.push('NUMA node spans come from the per-node setup lines.');
  }
  return [...spans]
    .map(([node, r]) => ({ node, start: r.start, end: r.end }))
    .sort((a, b) => a.start - b.start);
}

/** `1`, `1 and 3`, `1–7`: node numbers for people, runs joined. */
export function nodeList(nodes: readonly number[]): string {
  const sorted = [...new Set(nodes)].sort((a, b) => a - b);
  const runs: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && (sorted[j + 1] as number) === (sorted[j] as number) + 1) j++;
    runs.push(j - i >= 2 ? `${sorted[i]}–${sorted[j]}` : sorted.slice(i, j + 1).join(', '));
    i = j + 1;
  }
  const all = runs.join(', ');
  const last = all.lastIndexOf(', ');
  return `node${sorted.length > 1 ? 's' : ''} ${last < 0 ? all : `${all.slice(0, last)} and ${all.slice(last + 2)}`}`;
}

/**
 * Nodes the log shows that have no RAM in the map this kernel used: an `Initmem setup node N
 * as memoryless` (or empty) line, or SRAT blocks none of which holds RAM.
 */
function memorylessNodes(boot: ImportedBootFull, used: readonly E820Entry[]): number[] {
  const ram = e820Ram(used);
  const holds = (r: Range) => ram.some((m) => m.start < r.end && m.end > r.start);
  const setup = boot.nodeSetup.filter((n) => n.range === null).map((n) => n.node);
  const sratNodes = new Set(boot.srat.map((b) => b.node));
  const bare = [...sratNodes].filter((n) => !boot.srat.some((b) => b.node === n && holds(b.range)));
  const withMemory = new Set(boot.nodeRanges.map((n) => n.node));
  return [...new Set([...setup, ...bare])].filter((n) => !withMemory.has(n)).sort((a, b) => a - b);
}

/** Why memoryless nodes are or are not in the scenario, and what that does to NODE_DATA. */
function memorylessNote(
  boot: ImportedBootFull,
  model: string,
  memoryless: readonly number[],
  inSrat: boolean,
  allocated: boolean,
): string | null {
  if (!memoryless.length) return null;
  const shown = [
    boot.srat.some((b) => memoryless.includes(b.node)) && 'SRAT',
    boot.nodeData.some((d) => memoryless.includes(d.node)) && 'NODE_DATA',
    boot.nodeSetup.some((n) => memoryless.includes(n.node)) && 'Initmem setup',
  ].filter(Boolean);
  const nodeData = boot.nodeData.filter((d) => memoryless.includes(d.node));
  if (inSrat && allocated) {
    const cap = nodeList(memoryless);
    return `${cap[0]?.toUpperCase()}${cap.slice(1)} ${memoryless.length > 1 ? 'have' : 'has'} no RAM in the map this kernel used (memoryless). This kernel gives each its pg_data_t after paging_init (init_cpu_to_node), in the order of the CPUs' numbers, which the log shows only through that allocation${nodeData.length ? ` (lines ${nodeData.map((d) => d.line).join(', ')}); the run follows the same order` : '; the run takes node order'}.`;
  }
  const rows = nodeData.length
    ? ` The log's NODE_DATA for ${nodeList(nodeData.map((d) => d.node))} (line${nodeData.length > 1 ? 's' : ''} ${nodeData.map((d) => d.line).join(', ')}) has no counterpart in the run, so ${nodeData.length > 1 ? 'those rows differ' : 'that row differs'}.`
    : '';
  const [they, stay, are] = memoryless.length > 1 ? ['They', 'stay', 'are'] : ['It', 'stays', 'is'];
  const where = inSrat
    ? `${they} ${stay} in the scenario's SRAT blocks, which the ${model} model reads, but it sets up pg_data_t only for nodes with memory: it does not model what a kernel allocates for a node without memory.`
    : model === 'memblock-6.1'
      ? `The ${model} model reads nodes from SRAT blocks, and the log shows none for ${they === 'It' ? 'it' : 'them'}, so ${they.toLowerCase()} ${are} not in the scenario.`
      : `The ${model} model takes one span per node, each holding RAM, so ${they.toLowerCase()} ${are} not in the scenario.`;
  const cap = nodeList(memoryless);
  return `${cap[0]?.toUpperCase()}${cap.slice(1)} ${memoryless.length > 1 ? 'have' : 'has'} no RAM in the map this kernel used (memoryless; the log shows ${memoryless.length > 1 ? 'them' : 'it'} in its ${shown.join(', ')} lines). ${where}${rows}`;
}

/** Nodes the scenario checks would refuse: out of range and overlapping ones with a note each. */
function usableNodes(nodes: NodeSpan[], e820: readonly E820Entry[], notes: string[]): NodeSpan[] {
  const ram = e820Ram(e820);
  const out: NodeSpan[] = [];
  for (const n of nodes) {
    const prev = out[out.length - 1];
    const holdsRam = ram.some((r) => r.start < n.end && r.end > n.start);
    if (!holdsRam) continue; // memoryless: memorylessNote says what becomes of it
    if (n.node >= LIMITS.nodes || (prev && n.start < prev.end)) {
      notes.push(
        `Node ${n.node} [${hex(n.start)}-${hex(n.end)}) is left out: ${n.node >= LIMITS.nodes ? `scenarios number nodes below ${LIMITS.nodes}` : 'it overlaps the node before it'}.`,
      );
    } else out.push(n);
  }
  return out;
}

/** The SRAT as printed, for memblock-6.1 (it reads blocks, memoryless nodes included). */
function sratBlocks(boot: ImportedBootFull): SratBlock[] {
  return boot.srat
    .filter((b) => b.node < LIMITS.nodes)
    .map((b) => ({
      node: b.node,
      pxm: b.pxm,
      start: b.range.start,
      end: b.range.end,
      ...(b.hotplug ? { hotplug: true } : {}),
    }));
}

/** The initrd as the boot loader left it or the kernel moved it (the last line that says). */
function initrdOf(boot: ImportedBootFull, notes: string[]): Range | null {
  const moved = [...boot.otherReservations].reverse().find((r) => r.what === 'initrd')?.range;
  const listed = [...boot.earlyReservations].reverse().find((r) => /RAMDISK$/.test(r.name))?.range;
  if (!moved && !listed) notes.push('No initrd in the log.');
  return moved ?? listed ?? null;
}

/** The EBDA: named in early_res, else the reserved e820 entry that ends at 640 KiB. */
function ebdaOf(
  boot: ImportedBootFull,
  e820: readonly E820Entry[],
  notes: string[],
): KernelInputs['ebda'] {
  const named = boot.earlyReservations.find((r) => r.name === 'EBDA')?.range;
  const below640 = e820.find(
    (e) => e.type === E820_RESERVED && e.end === 0xa0000 && e.start >= 0x80000,
  );
  if (!named && below640)
    notes.push(
      `The EBDA is taken to be the reserved e820 entry below 640 KiB at ${hex(below640.start)}.`,
    );
  const r = named ?? below640;
  return r ? { addr: r.start, sizeKiB: Math.min(65535, Math.ceil(rangeLength(r) / KiB)) } : null;
}

/** The MP floating pointer and the table it points to (the second smp_scan_config reservation). */
function mptableOf(boot: ImportedBootFull, notes: string[]): KernelInputs['mptable'] {
  const mpf = boot.otherReservations.find((r) => r.what === 'mptable')?.range.start;
  if (mpf === undefined) return null;
  const listed = boot.earlyReservations.find((r) => r.name === 'MP-table mpc')?.range.start;
  const reserved = boot.memblock.find(
    (r) =>
      r.op === 'reserve' &&
      r.caller.startsWith('smp_scan_config') &&
      r.range &&
      r.range.start !== mpf,
  )?.range?.start;
  if (listed === undefined && reserved === undefined)
    notes.push(
      'The MP configuration table is taken to follow the MP floating pointer (16 bytes on).',
    );
  return { mpf, physptr: listed ?? reserved ?? mpf + 16 };
}

/** `e820` is the machine's map, `used` the one the kernel ran with (its user map, if printed). */
function kernelInputs(
  boot: ImportedBootFull,
  model: string,
  maps: { e820: readonly E820Entry[]; used: readonly E820Entry[] },
  notes: string[],
): KernelInputs {
  const image = kernelImage(boot, model, maps.used, notes);
  const parts = boot.memory?.parts ?? {};
  const kib = (...names: string[]): number | undefined => {
    const name = names.find((n) => parts[n] !== undefined);
    return name === undefined ? undefined : (parts[name] as number) * KiB;
  };
  const codeSize = kib('kernel code');
  const dataSize = kib('data', 'rwdata');
  const initSize = kib('init');
  const pgdat = boot.nodeData[0];
  const pgdatDefault = model === 'memblock-6.1' ? PGDAT_61 : PGDAT_OLD;
  if (!pgdat) notes.push(`pg_data_t's size is not in the log: default ${hex(pgdatDefault)}.`);
  const version = boot.kernel.version;
  // The brk area in use, as the early_res list prints it (2.6.30-2.6.36).
  const brk = boot.earlyReservations.find((r) => r.name === 'BRK')?.range;
  const rules = kernelInForce(version ?? undefined, model).rules;
  if (!brk && rules.brkReserve && model !== 'memblock-6.1')
    notes.push(
      'The brk area in use is not in the log (it prints no early_res list), so the run reserves none after the kernel image: what the kernel placed right after its image can sit a little lower in the run.',
    );
  return {
    ...(brk ? { brk } : {}),
    ...(version !== null && parseKernelVersion(version) ? { version } : {}),
    text: image.start,
    end: image.end,
    ...(codeSize === undefined ? {} : { codeSize }),
    ...(dataSize === undefined ? {} : { dataSize }),
    ...(initSize === undefined ? {} : { initSize }),
    initrd: initrdOf(boot, notes),
    ebda: ebdaOf(boot, maps.e820, notes),
    // As printed: 6.1 rounds pg_data_t to a page, later kernels only to a cache line.
    pgdatSize: pgdat ? pgdatSizeOf(pgdat.range, model) : pgdatDefault,
    mptable: mptableOf(boot, notes),
    ...directMapOf(boot, model, rules.pgtBufPages, notes),
  };
}

/**
 * How the log's kernel built its direct map, where it says: 1 GiB pages, 5-level paging, and
 * a brk pool larger than the version's default (a distribution's config: more BRK PGTABLE
 * lines than the rule's pages). Fewer or more page tables come from memblock at the top of RAM.
 */
function directMapOf(
  boot: ImportedBootFull,
  model: string,
  pgtBufPages: number,
  notes: string[],
): Partial<KernelInputs> {
  const d = boot.directMap;
  const m: MemblockInputs = { ops: [] };
  if (boot.gbPages !== null) {
    m.gbPages = true;
    notes.push(
      `The direct map uses 1 GiB pages (line ${boot.gbPages}: "Using GB pages for direct mapping"), and so does the run.`,
    );
  }
  if (model !== 'memblock-6.1') return m.gbPages ? { memblock: m } : {};
  if (d.la57 !== null) {
    m.la57 = true;
    notes.push(
      `5-level paging is on (line ${d.la57}: max_arch_pfn is 2^40, MAX_PHYSMEM_BITS 52): the direct map has a P4D level.`,
    );
  }
  if (d.brkPgtable.length > pgtBufPages) {
    m.pgtBufPages = d.brkPgtable.length;
    notes.push(
      `The log's kernel took ${d.brkPgtable.length} page-table pages from its brk pool ("BRK [...] PGTABLE" lines), more than the ${pgtBufPages} of this version's default INIT_PGT_BUF_SIZE: the run's pool has ${d.brkPgtable.length}.`,
    );
  }
  return Object.keys(m).length > 1 ? { memblock: m } : {};
}

/** EFI boot-services regions, for memblock kernels (efi_reserve_boot_services). */
function efiOf(
  boot: ImportedBootFull,
  model: string,
  notes: string[],
): Partial<Scenario['machine']> {
  const regions = boot.efiBootServices;
  if (model !== 'memblock-6.1' || !regions.length) return {};
  notes.push(
    `The log prints the EFI memory map (efi=debug): its ${regions.length} boot-services regions (${humanSize(setLength(normalizeRanges(regions)))}) are memblock-reserved before the direct map, as efi_reserve_boot_services does, and the run reserves them too.`,
  );
  return { efiBootServices: regions.slice(0, LIMITS.e820Entries) };
}

/** memblock-6.1 places NODE_DATA as printed; the bootmem models allocate whole pages. */
const pgdatSizeOf = (r: Range, model: string): number =>
  model === 'memblock-6.1' ? rangeLength(r) : ceilPage(rangeLength(r));

/** What memory a non-x86 (or e820-less) log shows, as usable entries, for drawing only. */
function shownMemory(boot: ImportedBootFull): E820Entry[] {
  const dump = boot.memblockDumps[boot.memblockDumps.length - 1];
  const sources: Range[][] = [
    dump ? dump.memory.map((m) => m.range) : [],
    boot.nodeRanges.map((n) => n.range),
    boot.nodeSetup.flatMap((n) => (n.range ? [n.range] : [])),
    boot.zoneRanges.map((z) => z.range),
  ];
  const ranges = sources.find((s) => s.length > 0) ?? [];
  return normalizeRanges(ranges).map((r) => ({ ...r, type: E820_RAM }));
}

/**
 * The log's e820 edits that the model's rules do not make, as scenario inputs: RAM taken out
 * by a DMI quirk, CONFIG_X86_RESERVE_LOW or MTRR trimming, none of which the e820 table shows.
 * Left out: mem= (it removes to the top; the command line does it again), edits that leave
 * RAM as RAM (setup_data), 6.1's own trim_bios_range (page 0, 640 KiB-1 MiB), and edits made
 * after memblock was filled (an EFI table reserved late): where the log prints its early node
 * ranges, an edit counts only if no node range covers it.
 */
function firmwareEdits(boot: ImportedBootFull, model: string, notes: string[]): E820Edit[] {
  const edits = boot.e820Edits.flatMap((e, i): (E820Edit & { line: number })[] => {
    const t = boot.e820EditTypes[i];
    const to = e.op === 'remove' ? null : (t?.to ?? null);
    if (t?.from !== E820_RAM || (e.op === 'update' && (to === null || to === E820_RAM))) return [];
    if (e.range.end >= MAX_PHYS) return [];
    const { start, end } = e.range;
    const trim61 =
      model === 'memblock-6.1' &&
      ((to !== null && start === 0 && end === PAGE_SIZE) ||
        (to === null && start === 0xa0000 && end === 0x100000));
    const late = boot.nodeRanges.some((n) => n.range.start < end && n.range.end > start);
    return trim61 || late ? [] : [{ start, end, to, line: e.line }];
  });
  if (edits.length)
    notes.push(
      `The kernel edited its e820 map where the firmware table does not say why (log ${edits.length > 1 ? 'lines' : 'line'} ${edits.map((e) => e.line).join(', ')}: a BIOS quirk, CONFIG_X86_RESERVE_LOW or MTRR trimming); the scenario carries ${edits.length > 1 ? 'these edits' : 'this edit'} as machine inputs.`,
    );
  return edits.map(({ start, end, to }) => ({ start, end, to }));
}

export function scenarioFromBoot(boot: ImportedBootFull, facts: readonly Fact[]): BootScenario {
  const notes: string[] = [];
  const problems: string[] = [];
  const arch = boot.kernel.arch;
  let e820 = boot.e820;
  if (!e820.length && boot.e820User) {
    e820 = boot.e820User;
    notes.push('Only the user-defined map is in the log; it stands in for the firmware map.');
  }
  if (arch !== null && !X86.has(arch))
    problems.push(`This boot ran on ${arch}: the models simulate x86 only.`);
  else if (arch === 'i386')
    problems.push(
      'This is a 32-bit x86 (i386) kernel: 32-bit x86 is not modelled (its HighMem zone, the 896 MiB of lowmem and setup_32.c rules are not in the models, which follow x86_64). The log is shown as observed, without a model run to compare.',
    );
  else if (!e820.length)
    problems.push(
      `The log holds no e820 map for this boot${arch === null ? ' (nor says which architecture it ran on)' : ''}, so the machine is unknown.`,
    );
  const model = modelOf(boot, facts, notes);
  const firmware = e820.length ? e820 : shownMemory(boot);
  let cmdline = boot.cmdline ?? '';
  if (boot.cmdline === null) notes.push('The command line is not in the log: empty.');
  if (cmdline.length > LIMITS.cmdline) {
    cmdline = cmdline.slice(0, LIMITS.cmdline);
    notes.push(`The command line was cut to ${LIMITS.cmdline} characters.`);
  }
  const printedUser = boot.e820.length ? boot.e820User : null;
  const user = explainUserMap(printedUser, firmware, cmdline, model, notes);
  cmdline = user.cmdline;
  const machineE820 = user.e820;
  const used = printedUser ?? machineE820;
  const srat = model === 'memblock-6.1' ? sratBlocks(boot) : [];
  const nodes = usableNodes(nodeSpans(boot, notes), machineE820, notes);
  const bare = problems.length ? [] : memorylessNodes(boot, used);
  const allocated = kernelInForce(boot.kernel.version ?? undefined, model).rules.memorylessNodeData;
  const memoryless = memorylessNote(boot, model, bare, srat.length > 0, allocated);
  if (memoryless) notes.push(memoryless);
  const cpuNodes =
    srat.length && allocated
      ? boot.nodeData.filter((d) => bare.includes(d.node)).map((d) => d.node)
      : [];
  const ram = setLength(e820Ram(machineE820));
  const edits = firmwareEdits(boot, model, notes);
  const display: Scenario = {
    version: SCENARIO_VERSION,
    name: `imported-boot-${boot.number}`,
    title: `Imported: Linux ${boot.kernel.version ?? '(version not shown)'}${arch ? ` ${arch}` : ''}, ${humanSize(ram)} RAM, log lines ${boot.lines.start}–${boot.lines.end - 1}`,
    model,
    machine: {
      e820: machineE820.slice(0, LIMITS.e820Entries),
      nodes,
      ...(srat.length ? { srat } : {}),
      ...(srat.length && boot.directMap.slit !== null ? { slit: true } : {}),
      ...(cpuNodes.length ? { cpuNodes } : {}),
      ...efiOf(boot, model, notes),
      ...(edits.length ? { e820Edits: edits } : {}),
    },
    kernel: kernelInputs(boot, model, { e820: machineE820, used }, notes),
    cmdline,
  };
  if (!problems.length) notes.push(...generationNotes(boot, model));
  if (machineE820.length > LIMITS.e820Entries)
    problems.push(
      `The e820 map has ${machineE820.length} entries; scenarios hold at most ${LIMITS.e820Entries}.`,
    );
  if (problems.length) return { scenario: null, problems, notes, display };
  const checked = parseScenario(display);
  if (!checked.ok)
    return {
      scenario: null,
      problems: checked.problems.map((p) => `${p.path}: ${p.message}`),
      notes,
      display,
    };
  return { scenario: checked.scenario, problems, notes, display };
}
