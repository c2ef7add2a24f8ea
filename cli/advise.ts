/** `bootmap advise`: which crashkernel bases are safe for a size on a scenario and model. */
import {
  advise,
  cmdlineCrashkernelSize,
  describeAdvice,
  hex,
  parseSize,
  type Scenario,
} from '../src-core';

/** The size to advise for: --size, else what the command line's crashkernel= asks for. */
function adviseSize(scenario: Scenario, size: string | undefined): number | string {
  if (size !== undefined) {
    const r = parseSize(size, '--size');
    return r.ok ? r.value : r.error;
  }
  const r = cmdlineCrashkernelSize(scenario);
  return r.ok ? r.value : `${r.error}: give --size SIZE`;
}

/** The advise document (a contract like simulate's: hex strings, half-open ranges) or an error. */
export function adviseDocument(
  scenario: Scenario,
  model: string,
  sizeText: string | undefined,
  json: boolean,
): { out: string } | { error: string } {
  const size = adviseSize(scenario, sizeText);
  if (typeof size === 'string') return { error: size };
  const r = advise(scenario, model, size);
  if (!r.ok) return { error: r.error };
  const a = r.advice;
  if (!json) return { out: describeAdvice(a) };
  const doc = {
    model: a.model,
    size: hex(a.size),
    align: hex(a.align),
    safe: a.safe.map((x) => ({ start: hex(x.start), end: hex(x.end) })),
    unsafe: a.unsafe.map((x) => ({ start: hex(x.start), end: hex(x.end), reason: x.reason })),
    suggestions: a.suggestions,
  };
  return { out: JSON.stringify(doc, null, 2) };
}
