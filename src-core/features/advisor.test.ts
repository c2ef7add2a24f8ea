import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MiB } from '../base/addr';
import { advise, clean, verdictOf, type Verdict } from './advisor';
import { withParam } from '../input/cmdline';
import { MODEL_IDS, modelById } from '../models';
import { preset } from './presets';
import { parseScenario, type Scenario } from '../input/scenario';
import { randomMachine } from '../testing/machines';

const seed = () => preset('seed-2.6.23')!;
const ok = (s: Scenario, model: string, size: number) => {
  const r = advise(s, model, size);
  if (!r.ok) throw new Error(r.error);
  return r.advice;
};

/** What a simulation of `crashkernel=size@base` says: the advisor's verdict must match it. */
const simulated = (s: Scenario, model: string, size: number, base: number): Verdict =>
  verdictOf(
    modelById(model)!.run({
      ...s,
      cmdline: withParam(s.cmdline, 'crashkernel', `${size}@${base}`),
    }),
  );

describe('crashkernel advisor on the seed machine', () => {
  it('2.6.23: 128M@16M corrupts (the bitmap), the first clean 16 MiB-aligned base is 32 MiB', () => {
    const a = ok(seed(), 'bootmem-2.6.23', 128 * MiB);
    const at16 = a.intervals.find((i) => i.start <= 16 * MiB && 16 * MiB < i.end)!;
    expect(at16.verdict).toBe('corrupts');
    expect(at16.reason).toContain('bootmem bitmap');
    expect(a.suggestions[0]).toBe('crashkernel=128M@32M');
    expect(a.safe[0]).toEqual({ start: 0x111b000, end: 0x2fa4f000 });
  });
  it('2.6.27 and later can place it themselves: the automatic form is suggested first', () => {
    expect(ok(seed(), 'bootmem-exclusive-2.6.27', 128 * MiB).suggestions[0]).toBe(
      'crashkernel=128M',
    );
    expect(ok(seed(), 'early-res-2.6.33', 128 * MiB).suggestions).toContain('crashkernel=128M@16M');
  });
  it('every suggestion simulates to a clean run, under every model', () => {
    for (const model of MODEL_IDS) {
      const a = ok(seed(), model, 128 * MiB);
      expect(a.suggestions.length).toBeGreaterThan(0);
      for (const sug of a.suggestions)
        expect(clean(seed(), model, sug), `${model} ${sug}`).toBe(true);
    }
  });
  it('the intervals partition the whole address space', () => {
    const a = ok(seed(), 'bootmem-2.6.23', 64 * MiB);
    expect(a.intervals[0]!.start).toBe(0);
    expect(a.intervals[a.intervals.length - 1]!.end).toBe(2 ** 52);
    a.intervals.slice(1).forEach((iv, i) => expect(iv.start).toBe(a.intervals[i]!.end));
  });
  it('refuses a nonsense size and an unknown model', () => {
    expect(advise(seed(), 'bootmem-2.6.23', 0)).toMatchObject({ ok: false });
    expect(advise(seed(), 'linux-9', MiB)).toMatchObject({
      ok: false,
      error: 'unknown model "linux-9"',
    });
  });
});

describe('property: the advisor agrees with simulating each base', () => {
  for (const model of MODEL_IDS) {
    it(
      model,
      () => {
        fc.assert(
          fc.property(
            randomMachine(model),
            fc.integer({ min: 1, max: 96 }),
            fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 3, maxLength: 3 }),
            (raw, sizeMB, picks) => {
              const parsed = parseScenario(raw);
              if (!parsed.ok) return;
              const s = parsed.scenario;
              const size = sizeMB * MiB;
              const r = advise(s, model, size);
              if (!r.ok) return; // the machine panics before the crashkernel: nothing to advise
              const a = r.advice;
              // Each interval's first and last base, plus random bases below 4 GiB.
              const bases = a.intervals
                .filter((i) => i.start < 4 * 2 ** 30)
                .flatMap((i) => [i.start, i.end - a.align]);
              for (const p of picks) bases.push(Math.floor((p * 4 * 2 ** 30) / a.align) * a.align);
              for (const b of bases) {
                if (b === 0 && a.automatic) continue; // @0 means "choose for me", not base 0
                const iv = a.intervals.find((i) => i.start <= b && b < i.end)!;
                expect(simulated(s, model, size, b), `base ${b.toString(16)}: ${iv.reason}`).toBe(
                  iv.verdict,
                );
              }
            },
          ),
          { numRuns: Number(process.env.ADVISOR_RUNS ?? 15) },
        );
      },
      60_000,
    );
  }
});
