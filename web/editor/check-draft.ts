/**
 * Is a draft a scenario the bar may show? The engine's validator (every problem with its JSON
 * path) plus what only the editor knows: "+size" ends, whole-number fields, and command-line
 * options the kernel refuses. Problems are keyed by path so each shows next to its field.
 */
import {
  cmdlineProblems,
  kernelInForce,
  parseScenario,
  type KernelInForce,
  type Problem,
  type Scenario,
} from '../../src-core';
import { draftToJson, type Draft } from './draft';

export interface DraftCheck {
  /** The scenario when the draft is valid, else null (the bar keeps the last valid one). */
  scenario: Scenario | null;
  problems: Problem[];
}

/** How to fix what the engine's rules across fields report (their own words say what is wrong). */
const FIXES: [RegExp, string][] = [
  [/at least two e820 entries/, 'add rows, or build the map with the quick builder'],
  [/no usable RAM in the e820 map/, 'give at least one row the type usable'],
  [/overlaps node/, 'end each node where the next begins, or use “Split RAM evenly”'],
  [/holds no usable RAM/, 'move its span over usable RAM, or delete the node'],
  [/is listed twice/, 'give each node its own number'],
  [
    /pg_data_t size must not be 0/,
    "give the build's page-rounded size, e.g. 0x5000 (2.6.23) or 0x2b000 (6.1)",
  ],
];

const withFix = (p: Problem): Problem => {
  const fix = FIXES.find(([re]) => re.test(p.message))?.[1];
  return fix ? { ...p, message: `${p.message}: ${fix}` } : p;
};

/** The kernel whose rules read the draft: its version under `model` ('' = the model's own). */
export const draftKernel = (d: Draft, model = d.model): KernelInForce =>
  kernelInForce(d.kernel.version.trim() || undefined, model);

export function checkDraft(d: Draft): DraftCheck {
  const { json, problems: own } = draftToJson(d);
  const r = parseScenario(json);
  const mine = new Set(own.map((p) => p.path));
  // The editor's message for a field is the more specific one: drop the validator's there.
  const engine = r.ok ? [] : r.problems.filter((p) => !mine.has(p.path)).map(withFix);
  const problems = [...own, ...engine, ...cmdlineProblems(d.cmdline, draftKernel(d))];
  return { scenario: r.ok && problems.length === 0 ? r.scenario : null, problems };
}

/** The problems of one field: its own path, or (for a row) the row's path. */
export function problemsAt(problems: readonly Problem[], path: string): string[] {
  return problems.filter((p) => p.path === path).map((p) => p.message);
}

/** Problems under a path prefix (a row, a table, a tab), for counts and summaries. */
export function problemsUnder(problems: readonly Problem[], prefix: string): Problem[] {
  return problems.filter(
    (p) => p.path === prefix || p.path.startsWith(`${prefix}.`) || p.path.startsWith(`${prefix}[`),
  );
}
