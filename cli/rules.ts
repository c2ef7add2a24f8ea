/** `bootmap rules [--kernel VERSION] [--json]`: the rule table, or the rules one version runs. */
import { formatVersion, kernelInForce, modelForRelease, RULES, type RuleId } from '../src-core';

const valueText = (v: unknown): string =>
  typeof v === 'number' && v >= 1024 ? `0x${v.toString(16)}` : JSON.stringify(v);

/** The whole table, oldest change first, or (with a release) each rule's value in force. */
export function rulesDocument(
  release: string | undefined,
  json: boolean,
): string | { error: string } {
  const ids = Object.keys(RULES) as RuleId[];
  if (release === undefined) {
    if (json) return JSON.stringify(RULES, null, 2);
    return ids
      .flatMap((id) => [
        `${id}: ${RULES[id].what}`,
        ...RULES[id].history.map(
          (c) => `  from ${c.since.padEnd(7)} ${valueText(c.value)} — ${c.commit} [${c.src}]`,
        ),
      ])
      .join('\n');
  }
  const model = modelForRelease(release);
  if (!model) return { error: `--kernel needs a kernel release such as 2.6.25, not "${release}"` };
  const k = kernelInForce(release, model);
  if (json)
    return JSON.stringify(
      { kernel: release, version: formatVersion(k.version), model, rules: k.rules },
      null,
      2,
    );
  return [
    `Linux ${release}: model ${model}, the rules of ${formatVersion(k.version)}`,
    ...ids.map((id) => `  ${id.padEnd(22)} ${valueText(k.rules[id])}`),
    ...(k.crashkernelAuto ? [`  crashkernel=auto       ${k.crashkernelAuto.ranges}`] : []),
  ].join('\n');
}
