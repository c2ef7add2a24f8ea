/**
 * A memo keyed by the scenario object (weakly, so an edited scenario's answers go with it) and a
 * string, for engine calls the app must not repeat per render or per frame. A throwing call
 * becomes its `onError` answer: a model bug must not blank the page.
 */
import type { Scenario } from '../../src-core';

export function scenarioMemo<T>(onError: (e: Error, key: string) => T) {
  const cache = new WeakMap<Scenario, Map<string, T>>();
  const of = (scenario: Scenario): Map<string, T> => {
    let byKey = cache.get(scenario);
    if (!byKey) cache.set(scenario, (byKey = new Map()));
    return byKey;
  };
  return {
    get(scenario: Scenario, key: string, compute: () => T): T {
      const byKey = of(scenario);
      let r = byKey.get(key);
      if (r === undefined) {
        try {
          r = compute();
        } catch (e) {
          r = onError(e as Error, key);
        }
        byKey.set(key, r);
      }
      return r;
    },
    peek: (scenario: Scenario, key: string): T | undefined => cache.get(scenario)?.get(key),
    /** Keep an answer worked out elsewhere (a worker); the first one stays. */
    store(scenario: Scenario, key: string, value: T): void {
      const byKey = of(scenario);
      if (!byKey.has(key)) byKey.set(key, value);
    },
  };
}
