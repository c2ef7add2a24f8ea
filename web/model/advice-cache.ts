/**
 * advise() memoised per (scenario object, model, size), like simulateCached: the advisor runs
 * the engine's interval sweep once per change of scenario, model or size, never per frame or
 * per step, and the bar's lane cache can compare advice by identity. peekAdvice reads without
 * computing, for paints and renders.
 */
import {
  advise,
  cmdlineCrashkernelSize,
  type AdviceResult,
  type Scenario,
  type SizeParse,
} from '../../src-core';

const cache = new WeakMap<Scenario, Map<string, AdviceResult>>();
const sizes = new WeakMap<Scenario, SizeParse>();

export function adviseCached(scenario: Scenario, model: string, size: number): AdviceResult {
  let byKey = cache.get(scenario);
  if (!byKey) cache.set(scenario, (byKey = new Map()));
  const key = `${model}:${size}`;
  let r = byKey.get(key);
  if (!r) {
    try {
      r = advise(scenario, model, size);
    } catch (e) {
      // A model bug must not blank the page: report it like any other refusal.
      r = { ok: false, error: `the advisor failed under ${model}: ${(e as Error).message}` };
    }
    byKey.set(key, r);
  }
  return r;
}

/** The memoised advice if there is one, without computing anything. */
export const peekAdvice = (
  scenario: Scenario,
  model: string,
  size: number,
): AdviceResult | undefined => cache.get(scenario)?.get(`${model}:${size}`);

/** The command line's crashkernel size, parsed once per scenario. */
export function cmdlineSizeCached(scenario: Scenario): SizeParse {
  let r = sizes.get(scenario);
  if (!r) sizes.set(scenario, (r = cmdlineCrashkernelSize(scenario)));
  return r;
}
