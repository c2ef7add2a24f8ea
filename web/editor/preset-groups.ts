/**
 * Presets grouped the way people look for them: the seed incident under each generation, real
 * 6.1 boots, and other machines; each with the facts that tell them apart at a glance.
 */
import {
  E820_RAM,
  e820Ram,
  humanSize,
  parseCmdline,
  preset,
  PRESET_NAMES,
  type Scenario,
} from '../../src-core';

export interface PresetGroup {
  title: string;
  names: string[];
}

const SEED = (n: string) => n.startsWith('seed-');
const QEMU = (n: string) => n.startsWith('qemu-');

export const PRESET_GROUPS: PresetGroup[] = [
  { title: 'The seed incident under each generation', names: PRESET_NAMES.filter(SEED) },
  { title: 'Real Linux 6.1 boots (QEMU, from their logs)', names: PRESET_NAMES.filter(QEMU) },
  { title: 'Other machines', names: PRESET_NAMES.filter((n) => !SEED(n) && !QEMU(n)) },
];

/** "memblock-6.1 · 95 GiB RAM · 2 nodes · crashkernel=128M@16M" */
export function presetFacts(s: Scenario): string {
  const ram = e820Ram(s.machine.e820.filter((e) => e.type === E820_RAM)).reduce(
    (n, r) => n + r.end - r.start,
    0,
  );
  const nodes = s.machine.srat
    ? new Set(s.machine.srat.map((b) => b.node)).size
    : s.machine.nodes.length;
  const memory = parseCmdline(s.cmdline)
    .filter((p) => /^(crashkernel|mem|memmap|numa)$/.test(p.key))
    .map((p) => s.cmdline.slice(p.start, p.end));
  return [
    s.model,
    `${humanSize(ram)} RAM`,
    nodes ? `${nodes} node${nodes > 1 ? 's' : ''}` : 'no NUMA',
    ...memory,
  ].join(' · ');
}

export const presetTitle = (name: string): string => preset(name)?.title ?? name;
