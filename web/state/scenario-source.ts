/**
 * Where a scenario comes from: a named preset, the benchmark's synthetic machine (by URL only),
 * a JSON file the user opened, or one of those edited in the app. Files are validated by the engine; every problem is reported
 * with its JSON path, and a file that is not JSON says where it breaks.
 */
import {
  formatProblems,
  parseScenario,
  preset,
  PRESET_NAMES,
  scenarioToJson,
  STRESS_PREFIX,
  stressScenario,
  type Scenario,
} from '../../src-core';

export type Source =
  | { kind: 'preset'; name: string }
  | { kind: 'stress'; name: string }
  | { kind: 'file'; name: string }
  /** Edited in the editor, or opened from a link: named after the preset it started from. */
  | { kind: 'custom'; name: string };

/** The benchmark machine's size is capped (the bench's largest) so a hand-edited link cannot freeze the tab for long. */
const MAX_STRESS_REGIONS = 100_000;

/** A scenario by the name a link carries, or why not. */
export function scenarioByName(
  name: string,
): { ok: true; source: Source; scenario: Scenario } | { ok: false; error: string } {
  if (PRESET_NAMES.includes(name)) {
    const scenario = preset(name);
    if (scenario) return { ok: true, source: { kind: 'preset', name }, scenario };
  }
  const stress = new RegExp(`^${STRESS_PREFIX}(\\d{1,6})$`).exec(name);
  if (stress) {
    const n = Number(stress[1]);
    if (n > MAX_STRESS_REGIONS)
      return { ok: false, error: `${name}: at most ${MAX_STRESS_REGIONS} regions` };
    return { ok: true, source: { kind: 'stress', name }, scenario: stressScenario(n) };
  }
  return {
    ok: false,
    error: `unknown scenario "${name}": choose one of ${PRESET_NAMES.join(', ')}`,
  };
}

/** Where a scenario that arrived as data (an edit, a link) comes from: its preset if unchanged. */
export function sourceFor(scenario: Scenario): Source {
  const p = PRESET_NAMES.includes(scenario.name) ? preset(scenario.name) : undefined;
  if (p && sameScenario(p, scenario)) return { kind: 'preset', name: scenario.name };
  return { kind: 'custom', name: p ? `${scenario.name} (edited)` : scenario.name || 'custom' };
}

/** Same content: compared as canonical JSON, which is what a link or a file would carry. */
export const sameScenario = (a: Scenario, b: Scenario): boolean =>
  a === b || JSON.stringify(scenarioToJson(a)) === JSON.stringify(scenarioToJson(b));

/** Line and column of a JSON.parse error position, for people. */
function where(text: string, message: string): string {
  const m = /position (\d+)/.exec(message);
  if (!m) return '';
  const pos = Number(m[1]);
  const lines = text.slice(0, pos).split('\n');
  return ` at line ${lines.length}, column ${(lines[lines.length - 1] ?? '').length + 1}`;
}

/** A scenario from the text of a file. */
export function scenarioFromText(
  fileName: string,
  text: string,
): { ok: true; scenario: Scenario } | { ok: false; error: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    const msg = (e as Error).message;
    return { ok: false, error: `${fileName} is not valid JSON${where(text, msg)}: ${msg}` };
  }
  const r = parseScenario(json);
  if (!r.ok) return { ok: false, error: `${fileName}:\n${formatProblems(r.problems)}` };
  return { ok: true, scenario: r.scenario };
}
