import { describe, expect, it } from 'vitest';
import { preset, scenarioToJson } from '../../src-core';
import { toDraft } from './draft';
import { loadWork, saveWork, STORAGE_KEY, STORAGE_VERSION } from './work-storage';

function memory(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return {
    data,
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
  };
}

describe('the working scenario in local storage', () => {
  it('comes back as it was saved: scenario, model and both drafts', () => {
    const store = memory();
    const scenario = preset('laptop-4g')!;
    const draft = { ...toDraft(scenario), cmdline: 'crashkernel=12Q' };
    expect(
      saveWork(store, { scenario, model: 'memblock-6.1', draft, base: toDraft(scenario) }),
    ).toBeNull();
    const { work, problem } = loadWork(store);
    expect(problem).toBeNull();
    expect(scenarioToJson(work!.scenario)).toEqual(scenarioToJson(scenario));
    expect(work!.model).toBe('memblock-6.1');
    expect((work!.draft as { cmdline: string }).cmdline).toBe('crashkernel=12Q');
  });
  it('is nothing, quietly, when nothing was saved or storage is unavailable', () => {
    expect(loadWork(memory())).toEqual({ work: null, problem: null });
    expect(loadWork(null)).toEqual({ work: null, problem: null });
    expect(
      saveWork(null, {
        scenario: preset('seed-2.6.23')!,
        model: 'x',
        draft: toDraft(preset('seed-2.6.23')!),
        base: toDraft(preset('seed-2.6.23')!),
      }),
    ).toContain('no local storage');
  });
  it.each([
    ['not JSON', '{"v":1,', 'not JSON'],
    ['an array', '[1,2]', 'wrong shape'],
    ['a newer format', `{"v":${STORAGE_VERSION + 1}}`, 'newer bootmap, format 2'],
    ['no version', '{"scenario":{}}', 'no version'],
    ['an invalid scenario', '{"v":1,"scenario":{"version":1}}', 'its scenario is not valid'],
  ])('is refused with a message when it is %s', (_what, text, message) => {
    const r = loadWork(memory({ [STORAGE_KEY]: text }));
    expect(r.work).toBeNull();
    expect(r.problem).toContain(message);
  });
  it("falls back to the scenario's own model when the saved one is unknown", () => {
    const store = memory();
    const scenario = preset('seed-2.6.23')!;
    saveWork(store, {
      scenario,
      model: 'no-such-model',
      draft: toDraft(scenario),
      base: toDraft(scenario),
    });
    expect(loadWork(store).work!.model).toBe('bootmem-2.6.23');
  });
  it('says so when the browser refuses to save (storage full)', () => {
    const full = {
      getItem: () => null,
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    const scenario = preset('seed-2.6.23')!;
    expect(
      saveWork(full, { scenario, model: 'x', draft: toDraft(scenario), base: toDraft(scenario) }),
    ).toContain('QuotaExceededError');
  });
});
