/**
 * advise() answers memoised per (scenario object, model, size), like simulateCached: the advisor
 * worker runs the engine's interval sweep once per change of scenario, model or size, never per
 * frame or per step, and the bar's lane cache can compare advice by identity. peekAdvice reads
 * without computing, for paints and renders.
 */
import {
  cmdlineCrashkernelSize,
  type AdviceResult,
  type Scenario,
  type SizeParse,
} from '../../src-core';
import { scenarioMemo } from './scenario-memo';

const sizes = new WeakMap<Scenario, SizeParse>();
const memo = scenarioMemo<AdviceResult>((e, key) => ({
  ok: false,
  error: `the advisor failed under ${key.split(':')[0]}: ${e.message}`,
}));

/** Keep an answer the advisor worked out (the first one stays: readers compare by identity). */
export const storeAdvice = (
  scenario: Scenario,
  model: string,
  size: number,
  r: AdviceResult,
): void => memo.store(scenario, `${model}:${size}`, r);

/** The memoised advice if there is one, without computing anything. */
export const peekAdvice = (
  scenario: Scenario,
  model: string,
  size: number,
): AdviceResult | undefined => memo.peek(scenario, `${model}:${size}`);

/** The command line's crashkernel size, parsed once per scenario. */
export function cmdlineSizeCached(scenario: Scenario): SizeParse {
  let r = sizes.get(scenario);
  if (!r) sizes.set(scenario, (r = cmdlineCrashkernelSize(scenario)));
  return r;
}
