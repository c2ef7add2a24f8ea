/**
 * estimateCrashkernel() memoised per (scenario object, model, initrd size): it simulates a few
 * dozen boots, so the advisor's "How big" tab computes it once per change, never per render.
 */
import { estimateCrashkernel, type EstimateResult, type Scenario } from '../../src-core';

const cache = new WeakMap<Scenario, Map<string, EstimateResult>>();

export function estimateCached(scenario: Scenario, model: string, initrd: number): EstimateResult {
  let byKey = cache.get(scenario);
  if (!byKey) cache.set(scenario, (byKey = new Map()));
  const key = `${model}:${initrd}`;
  let r = byKey.get(key);
  if (!r) {
    try {
      r = estimateCrashkernel(scenario, model, { initrd });
    } catch (e) {
      r = { ok: false, error: `the estimate failed under ${model}: ${(e as Error).message}` };
    }
    byKey.set(key, r);
  }
  return r;
}

/** The memoised estimate if there is one, without computing anything. */
export const peekEstimate = (
  scenario: Scenario,
  model: string,
  initrd: number,
): EstimateResult | undefined => cache.get(scenario)?.get(`${model}:${initrd}`);
