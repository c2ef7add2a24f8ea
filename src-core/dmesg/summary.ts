/** What the import found, in numbers and in sentences people read first. */
import { humanSize } from '../base/addr';
import { e820Ram } from '../input/e820';
import { setLength } from '../base/range';
import type { FactKind } from './facts';
import { MODEL_KERNELS, type KernelModelId } from '../kernel/generations';
import type { ReadBoot, ReadLog } from './read-log';
import type { BootScenario } from './scenario-from-boot';

export interface ImportSummary {
  /** Physical lines in the file and messages after joining wrapped lines. */
  lines: number;
  messages: number;
  boots: number;
  /** 1-based number of the boot the rest describes. */
  selected: number;
  facts: Partial<Record<FactKind, number>>;
  e820Entries: number;
  /** Usable RAM in the firmware map, bytes. */
  ramBytes: number;
  nodes: number;
  zones: string[];
  crashkernel: string;
  memblockLines: number;
  unrecognized: number;
  /** The capture quirks that were handled. */
  normalization: string[];
  /** Sentences for people, one per line. */
  text: string[];
}

/** Which model runs and what it follows: where it is not this kernel's, facts can differ. */
function readyText(model: string, version: string | null): string {
  const follows = MODEL_KERNELS[model as KernelModelId] as string | undefined;
  if (!follows) return `Scenario ready for model ${model}.`;
  return `Scenario ready for model ${model}, which follows ${follows}${version ? ` (the log is Linux ${version})` : ''}.`;
}

export function summarize(log: ReadLog, picked: ReadBoot, built: BootScenario): ImportSummary {
  const b = picked.boot;
  const facts: Partial<Record<FactKind, number>> = {};
  for (const f of picked.facts) facts[f.kind] = (facts[f.kind] ?? 0) + 1;
  const s = log.stats;
  const normalization = [
    s.quoted && `${s.quoted} lines had e-mail quote marks`,
    s.ansi && `${s.ansi} lines had ANSI escapes`,
    s.carriageReturns && `${s.carriageReturns} lines had CR bytes`,
    s.glued && `${s.glued} kernel lines were glued after other output`,
    s.joined && `${s.joined} wrapped lines were joined`,
    s.cut && `${s.cut} lines longer than 4096 characters were cut`,
    s.prefixes.syslog && `${s.prefixes.syslog} syslog lines`,
    s.prefixes.journal && `${s.prefixes.journal} journal lines`,
  ].filter((x): x is string => typeof x === 'string');
  const nodes = new Set([
    ...b.nodeRanges.map((n) => n.node),
    ...b.nodeSetup.filter((n) => n.range).map((n) => n.node),
  ]);
  const ram = setLength(e820Ram(b.e820));
  const ck = b.crashkernel.map((c) => c.outcome).join(' + ') || 'no outcome printed';
  const text = [
    `${log.boots.length} boot${log.boots.length === 1 ? '' : 's'} in ${s.physicalLines} lines; boot ${b.number} (lines ${b.lines.start}–${b.lines.end - 1})${b.complete ? '' : ' is incomplete'}.`,
    `Linux ${b.kernel.version ?? '(version not shown)'}${b.kernel.arch ? ` on ${b.kernel.arch}` : ''}.`,
    b.e820.length ? `e820: ${b.e820.length} entries, ${humanSize(ram)} usable.` : 'No e820 map.',
    `${nodes.size || 'no'} node${nodes.size === 1 ? '' : 's'}; zones ${b.zoneRanges.map((z) => z.zone).join(', ') || 'not shown'}.`,
    `crashkernel: ${ck}.`,
    ...(b.memblock.length ? [`${b.memblock.length} memblock=debug lines.`] : []),
    ...(log.unrecognized.length
      ? [`${log.unrecognized.length} memory-related lines were not understood.`]
      : []),
    built.scenario
      ? readyText(built.scenario.model, b.kernel.version)
      : `No runnable scenario: ${built.problems.join(' ')}`,
  ];
  return {
    lines: s.physicalLines,
    messages: log.messages,
    boots: log.boots.length,
    selected: b.number,
    facts,
    e820Entries: b.e820.length,
    ramBytes: ram,
    nodes: nodes.size,
    zones: b.zoneRanges.map((z) => z.zone),
    crashkernel: ck,
    memblockLines: b.memblock.length,
    unrecognized: log.unrecognized.length,
    normalization,
    text,
  };
}
