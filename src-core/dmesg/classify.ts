/**
 * Which lines look memory-related, and which of those are known but deliberately not modelled
 * (CPU-to-node maps, hash shifts, hibernation nosave areas, ...). A memory-related line that no
 * parser understood and that is not known noise is reported as unrecognized.
 */

export const CLASSIFY_PATTERNS = {
  /** Messages of the early memory code start with their subsystem or topic. */
  topic:
    /^(?:NUMA[: ]|numa:|SRAT|ACPI: SRAT|NODE_DATA|Bootmem|bootmap|Initmem|early_node_map|Zone|Early memory|Movable zone|Memory:|user:|modified:|reserve setup_data:|Xen:|BIOS-e8|e820|memblock|MEMBLOCK|__memblock|RAMDISK|Move RAMDISK|crashkernel|Faking a node|No NUMA|node \d{1,4} (?:bootmap|low ram)|#\d{1,6} \[|\(\d{1,6} early reservations|Subtract \(|init_memory_mapping|software IO TLB|cma:|fadump:|elfcorehdr)/,
  /** crashkernel outcomes are worded freely; `crashkernel=` is only an option being quoted. */
  crashkernel: /\bcrashkernel\b(?!=)/,
  nodeRange: /^ {1,4}node {1,4}\d{1,4}:/,
  program: /^[\w.@-]{1,64}\[\d{1,10}\]: /,
} as const;

export const KNOWN_NOISE: readonly RegExp[] = [
  /^SRAT: PXM \d{1,10} -> (?:APIC|SAPIC|x2APIC) /,
  /^ACPI: SRAT (?:0x|[0-9A-F]{8})/,
  /^ACPI: SRAT: (?:Node \d{1,4} PXM \d{1,10} -> |Ignoring|not present)/,
  /^NUMA: Using \d{1,3} for the hash shift/,
  /^NODE_DATA\(\d{1,4}\) on node \d{1,4}$/,
  /^(?:e820: )?(?:reserve|register) RAM buffer /,
  /^RAMDISK driver initialized/,
  /^(?:DMA|DMA32|Normal|HighMem|Movable|Device) zone: \d{1,12} pages/,
  /^software IO TLB: (?:area num|default area num|Memory encryption)/,
  /^(?:rtas )?fadump: (?:Firmware-assisted dump is active|Registration is successful)/,
  /^(?:e820: )?\[mem 0x[0-9a-fA-F]{1,16}-0x[0-9a-fA-F]{1,16}\] available for PCI devices$/,
  /^e820: (?:last_pfn|end_pfn|cannot find a gap|the e820 map|e820_table)/,
  /^(?:efi: (?:Remove|Not removing) mem\d{1,4}: |efi: mem\d{1,4}: )/,
  /^On node \d{1,4},? (?:totalpages|zone )/,
  /^(?:swsusp|PM: hibernation|PM): Registered nosave memory/,
  /^Zeroed struct page in unavailable ranges/,
  /^cma: Failed to reserve /,
  /^os_info: crashkernel: /,
  /^(?:Scanning NUMA topology|Number of nodes \d)/,
  /^node \d{1,4} low ram: /,
  /^numa: (?:Partition configured|Node \d{1,4} CPUs)/,
  /^Unknown kernel command line parameters /,
  /^NUMA: (?:Faking|No NUMA|Initialized distance table)/,
  /^(?:setup_node_bootmem|bootmem_init|init_bootmem_core): /,
];

/** Does the message talk about early-boot memory? */
export function isMemoryRelated(text: string): boolean {
  const t = text.trimStart();
  if (CLASSIFY_PATTERNS.program.test(t)) return false;
  return (
    CLASSIFY_PATTERNS.topic.test(t) ||
    CLASSIFY_PATTERNS.nodeRange.test(text) ||
    CLASSIFY_PATTERNS.crashkernel.test(t)
  );
}

export function isKnownNoise(text: string): boolean {
  const t = text.trimStart();
  return KNOWN_NOISE.some((re) => re.test(t));
}
