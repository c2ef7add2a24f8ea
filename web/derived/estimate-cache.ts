/**
 * estimateCrashkernel() memoised per (scenario object, model, initrd size): it simulates a few
 * dozen boots, so the advisor's "How big" tab computes it once per change, never per render.
 */
import { estimateCrashkernel, type EstimateResult, type Scenario } from '../../src-core';
import { scenarioMemo } from './scenario-memo';

const memo = scenarioMemo<EstimateResult>((e, key) => ({
  ok: false,
  error: `the estimate failed under ${key.split(':')[0]}: ${e.message}`,
}));

export const estimateCached = (scenario: Scenario, model: string, initrd: number): EstimateResult =>
  memo.get(scenario, `${model}:${initrd}`, () => estimateCrashkernel(scenario, model, { initrd }));

/** The memoised estimate if there is one, without computing anything. */
export const peekEstimate = (
  scenario: Scenario,
  model: string,
  initrd: number,
): EstimateResult | undefined => memo.peek(scenario, `${model}:${initrd}`);
