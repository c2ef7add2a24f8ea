/** Text to boots: normalise, extract, split, assemble. */
import { assembleBoot } from './assemble';
import { splitBoots } from './boots';
import { extract, type Unrecognized } from './extract';
import type { Fact } from './facts';
import { normalize, type NormalizeStats } from './normalize';
import type { LogLine } from './types';
import { isCompleteFact } from './parse-line';
import type { ImportedBootFull } from './types';

export interface ReadBoot {
  boot: ImportedBootFull;
  lines: LogLine[];
  facts: Fact[];
}

export interface ReadLog {
  boots: ReadBoot[];
  unrecognized: Unrecognized[];
  stats: NormalizeStats;
  /** Messages after normalisation (joined lines count once). */
  messages: number;
}

/** xs[from, to): the array itself when that is all of it (a log of one boot), not a copy. */
const span = <T>(xs: T[], from: number, to: number): T[] =>
  from === 0 && to === xs.length ? xs : xs.slice(from, to);

export function readLog(text: string): ReadLog {
  const { lines, stats } = normalize(text, isCompleteFact);
  const { facts, at, unrecognized } = extract(lines);
  const spans = splitBoots(lines, facts, at);
  const boots = spans.map((s, i) => {
    const bootLines = span(lines, s.from, s.to);
    const bootFacts = span(facts, s.factFrom, s.factTo);
    return { boot: assembleBoot(i + 1, bootLines, bootFacts), lines: bootLines, facts: bootFacts };
  });
  return { boots, unrecognized, stats, messages: lines.length };
}
