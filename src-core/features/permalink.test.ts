import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_PHYS } from '../base/addr';
import { decodeLink, encodeLink, LINK_VERSION, type LinkState } from './permalink';
import { preset } from './presets';
import { parseScenario, type Scenario } from '../input/scenario';
import { randomMachine } from '../testing/machines';

const seed = () => preset('seed-2.6.23')!;
const state = (over: Partial<LinkState> = {}): LinkState => ({
  scenario: seed(),
  model: 'bootmem-2.6.23',
  step: 0,
  window: null,
  ...over,
});

/**
 * Golden links: made by format version 1. Every later version must keep decoding them to the
 * same state (add migrations, never edit these strings).
 */
const GOLDEN: [string, (s: Scenario) => LinkState][] = [
  [
    '1.j.%7B%22p%22%3A%22seed-2.6.23%22%7D',
    (s) => ({ scenario: s, model: 'bootmem-2.6.23', step: 0, window: null }),
  ],
  [
    '1.j.%7B%22p%22%3A%22seed-2.6.23%22%2C%22m%22%3A%22bootmem-exclusive-2.6.27%22%2C%22s%22%3A17%2C%22w%22%3A%22f00000-1200000%22%7D',
    (s) => ({
      scenario: s,
      model: 'bootmem-exclusive-2.6.27',
      step: 17,
      window: { start: 0xf00000, end: 0x1200000 },
    }),
  ],
  [
    '1.j.%7B%22p%22%3A%22seed-2.6.23%22%2C%22x%22%3A%7B%22title%22%3A%22%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E%22%2C%22cmdline%22%3A%22crashkernel%3D128M%40256M%22%7D%2C%22s%22%3A31%7D',
    (s) => ({
      scenario: { ...s, title: '<img src=x onerror=alert(1)>', cmdline: 'crashkernel=128M@256M' },
      model: 'bootmem-2.6.23',
      step: 31,
      window: null,
    }),
  ],
  [
    '1.z.N4IgHiBcoG4KYCcDOBLA9gOygRgDQgwEMBbOKEYgTwFoAjNCfAFxSYBszIQBOANgAIA4igBC-JgHc01DGgAmcfkkTwEufgCYAdLy0aAzOoDGCQkgAWAa0QY4bALzYNADgCyAAWy9X-ABRNzRWswOCN+NhQkJn4EOAAHNAQmdVdCSk0ABmxsAEoQfGJ5O3J6NCZSYmptXQN8ikIjcxRbKFA4Zw0M8gA-DOpu7gAzIwyMyABXJEJaDlwB4dH+wlHRyFjlBHg5ObgVvu7sPbH1lThtg6P+2kHBgHY9iamZuDnru72rm+cHgEEAYQACgBJfhyQhMQivL4fbojI5jf7A-gAOQAagBlHbw-aDbFrOAbLZzQahS7dElGQ4rfGEs7EuC7GEk3ZU44E07naEw1lHGkcuY87nfPGTaYcOqyBRIcggAC++GsCFsbFaICYcDATB6nT2dTgGDkPUG3EIvCMzjqRiK6JQAC9OCBuhoACy8FZ1MEQm32nrYfSMrr4Zqsb0O7qu91BjCsBCG6AgKKEJI9fS3QjOgN6g0p243XGjOX4OC0MGqwhyOQIHpDOF1VD2gDSohw8pAcQA5p7Qz0AKyRihxCHPVXEOKDI092jLOpxcyUJCDqtccmT2hdWWtozEOQRFpcBBoGJoMr2AAyPxEAFFT-YAPT8K0YJBoDj2JhMSgZB+YZ+v9+UdEMlwbIex1B9TAsRVlUcFwPC8VxCwTKAe3wCRyD6QVsXXIA',
    (s) => ({
      scenario: { ...s, name: 'my-box', machine: { ...s.machine, nodes: [] } },
      model: 'bootmem-2.6.23',
      step: 5,
      window: { start: 0, end: MAX_PHYS },
    }),
  ],
  [
    '1.z.N4IgDiBcIM4KZwCYFoBMA6AbO1BmEANLFAIypEDuUIAZgAwMPJmMOEgDm1Axq4wST6MQAXyA',
    (s) => ({
      scenario: s,
      model: 'bootmem-2.6.23',
      step: 12,
      window: { start: 0xf00000, end: 0x1200000 },
      gaps: { collapse: true, open: [0xc0000000, 0x100000000] },
    }),
  ],
  [
    '1.j.%7B%22p%22%3A%22seed-2.6.23%22%2C%22g%22%3A%22-%22%7D',
    (s) => ({
      scenario: s,
      model: 'bootmem-2.6.23',
      step: 0,
      window: null,
      gaps: { collapse: false, open: [] },
    }),
  ],
  [
    '1.j.%7B%22p%22%3A%22seed-2.6.23%22%2C%22g%22%3A%22%2B%22%7D',
    (s) => ({
      scenario: s,
      model: 'bootmem-2.6.23',
      step: 0,
      window: null,
      gaps: { collapse: true, open: [] },
    }),
  ],
  // Version 2: the compare view.
  [
    '2.z.N4IgDiBcIM4KZwCYFoBMA6AbO1BmEANLFLgBxEDGUIcAhgE4A2AnsvXDGlurvgL5A',
    (s) => ({
      scenario: s,
      model: 'bootmem-2.6.23',
      step: 38,
      window: null,
      compare: { model: 'early-res-2.6.33' },
    }),
  ],
  [
    '2.z.N4IgDiBcIM4KZwCYFoBMA6AbO1BmEANCAB5SgDGAtogDYCWAdnFCOQE4CGMAFgNZxsmNALwBGVAA4AsgAFcqKSAC+RSi0pxKAIxoB7cr2TZRhWFFQAGIgHcWAMwuPHyAJyWnF0+RZbdugC4alGhYOPhKQA',
    (s) => ({
      scenario: { ...s, cmdline: 'crashkernel=128M@32M' },
      model: 'memblock-6.1',
      step: 20,
      window: { start: 0xf00000, end: 0x9200000 },
      compare: { model: 'bootmem-2.6.23' },
    }),
  ],
  // A version-1 link never carried a comparison: a `c` in one is ignored.
  [
    '1.j.%7B%22p%22%3A%22seed-2.6.23%22%2C%22c%22%3A%22memblock-6.1%22%7D',
    (s) => ({ scenario: s, model: 'bootmem-2.6.23', step: 0, window: null }),
  ],
];

describe('permalinks', () => {
  it('writes version 1 unless the link opens the compare view', () => {
    expect(encodeLink(state())).toMatch(/^1\./);
    expect(encodeLink(state({ compare: { model: 'memblock-6.1' } }))).toMatch(/^2\./);
  });
  it('the seed link is short', () => {
    expect(encodeLink(state()).length).toBeLessThanOrEqual(512);
    expect(
      encodeLink(state({ step: 38, window: { start: 0x1000000, end: 0x111b000 } })).length,
    ).toBeLessThanOrEqual(512);
  });
  it.each(GOLDEN.map((g, i) => [i, ...g] as const))(
    'golden link %i decodes to the same state',
    (_i, link, expected) => {
      expect(decodeLink(link)).toEqual({ ok: true, state: expected(seed()) });
      expect(decodeLink('#' + link)).toEqual({ ok: true, state: expected(seed()) });
    },
  );
  it('a scenario with 32 e820 entries fits in 2,000 characters', () => {
    const s = seed();
    const e820 = Array.from({ length: 32 }, (_, i) => ({
      start: i * 0x40000000 + 0x1234000,
      end: i * 0x40000000 + 0x3fffe000,
      type: (i % 4) + 1,
    }));
    const big: Scenario = {
      ...s,
      name: 'custom-32',
      title: 'a machine with 32 firmware entries',
      machine: {
        e820,
        nodes: [
          { node: 0, start: 0, end: 16 * 2 ** 30 },
          { node: 1, start: 16 * 2 ** 30, end: 32 * 2 ** 30 },
        ],
      },
    };
    const link = encodeLink(
      state({ scenario: big, step: 123, window: { start: 0x123456789a, end: 0x123456f89a } }),
    );
    expect(link.length).toBeLessThanOrEqual(2000);
    expect(decodeLink(link)).toEqual({
      ok: true,
      state: state({
        scenario: big,
        step: 123,
        window: { start: 0x123456789a, end: 0x123456f89a },
      }),
    });
  });
  it.each([
    ['', 'not a bootmap link'],
    ['#hello', 'not a bootmap link'],
    [`${LINK_VERSION + 1}.j.%7B%7D`, `made by a newer bootmap (link format ${LINK_VERSION + 1})`],
    ['2.j.%7B%22p%22%3A%22seed-2.6.23%22%2C%22c%22%3A5%7D', 'second model for the comparison 5'],
    [
      '2.j.%7B%22p%22%3A%22seed-2.6.23%22%2C%22c%22%3A%22%3Cscript%3E%22%7D',
      'second model for the comparison "<script>" is not a model id',
    ],
    ['1.z.N4IgHiBcoG4KYCcDOBLA9gOy', 'damaged'],
    ['1.j.%7B%22p%22%3A%22seed', 'damaged'],
    ['1.j.%E0%A4%A', 'damaged'],
    ['1.j.%5B1%2C2%5D', 'wrong shape'],
    ['1.j.%7B%22p%22%3A%22nope%22%7D', 'unknown preset "nope"'],
    ['1.j.%7B%22p%22%3A%22seed-2.6.23%22%2C%22s%22%3A-4%7D', 'step -4 is not a step number'],
    ['1.j.%7B%22p%22%3A%22seed-2.6.23%22%2C%22s%22%3A%221%22%7D', 'is not a step number'],
    ['1.j.%7B%22p%22%3A%22seed-2.6.23%22%2C%22w%22%3A%2210-5%22%7D', 'address window "10-5"'],
    ['1.j.%7B%22p%22%3A%22seed-2.6.23%22%2C%22w%22%3A%220-20000000000000%22%7D', 'address window'],
    [
      '1.j.%7B%22p%22%3A%22seed-2.6.23%22%2C%22x%22%3A%7B%22kernel%22%3A%7B%22text%22%3A%22~zz%22%7D%7D%7D',
      'kernel.text',
    ],
    [
      '1.j.%7B%22p%22%3A%22seed-2.6.23%22%2C%22x%22%3A%7B%22machine%22%3A%7B%22e820%22%3A%22garbage%22%7D%7D%7D',
      'machine.e820',
    ],
    [
      '1.j.%7B%22p%22%3A%22seed-2.6.23%22%2C%22x%22%3A%7B%22machine%22%3A%7B%22e820%22%3A%22~0-~fffffffffffffff%3Ausable%2C~100000-~200000%3Ausable%22%7D%7D%7D',
      'end "0xfffffffffffffff" is beyond the 2^52-byte physical address space',
    ],
    ['1.j.%7B%7D', 'holds no scenario'],
    ['1.j.%7B%22p%22%3A%22seed-2.6.23%22%2C%22g%22%3A5%7D', 'list of opened gaps 5'],
    ['1.j.%7B%22p%22%3A%22seed-2.6.23%22%2C%22g%22%3A%22zz%22%7D', 'list of opened gaps "zz"'],
    ['1.j.' + 'x'.repeat(20000), 'at most'],
  ])('a bad link %j says what is wrong', (link, message) => {
    const r = decodeLink(link);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toContain(message);
  });
});

describe('property: decode(encode(s)) = s', () => {
  it('for random valid scenarios, models, steps and windows', () => {
    const arb = fc.record({
      machine: randomMachine('bootmem-2.6.23'),
      name: fc.oneof(fc.constant('seed-2.6.23'), fc.string({ maxLength: 20 })),
      title: fc.string({ maxLength: 40 }),
      cmdline: fc.string({ maxLength: 60 }),
      model: fc.constantFrom('bootmem-2.6.23', 'bootmem-2.6.24', 'nobootmem-2.6.34'),
      step: fc.nat(5000),
      window: fc.option(fc.tuple(fc.nat({ max: MAX_PHYS - 1 }), fc.nat({ max: MAX_PHYS })), {
        nil: null,
      }),
      gaps: fc.option(
        fc.record({
          collapse: fc.boolean(),
          open: fc.array(fc.nat({ max: MAX_PHYS - 1 }), { maxLength: 5 }),
        }),
        { nil: undefined },
      ),
      compare: fc.option(fc.constantFrom('memblock-6.1', 'early-res-2.6.33', 'observed'), {
        nil: undefined,
      }),
    });
    fc.assert(
      fc.property(arb, (a) => {
        const parsed = parseScenario({
          ...a.machine,
          name: a.name,
          title: a.title,
          cmdline: a.cmdline,
        });
        if (!parsed.ok) return;
        const w =
          a.window && a.window[0] < a.window[1] ? { start: a.window[0], end: a.window[1] } : null;
        const st: LinkState = {
          scenario: parsed.scenario,
          model: a.model,
          step: a.step,
          window: w,
        };
        if (a.gaps)
          st.gaps = { collapse: a.gaps.collapse, open: a.gaps.collapse ? a.gaps.open : [] };
        if (a.compare) st.compare = { model: a.compare };
        expect(decodeLink(encodeLink({ ...st, gaps: a.gaps }))).toEqual({ ok: true, state: st });
      }),
      { numRuns: 300 },
    );
  });
});

describe('property: fuzzed links never throw', () => {
  it('random strings and mutations of real links give ok or a message', () => {
    const real = GOLDEN.map((g) => g[0]);
    const mutate = fc
      .tuple(fc.constantFrom(...real), fc.nat(400), fc.nat(400), fc.string({ maxLength: 8 }))
      .map(([l, a, b, ins]) => l.slice(0, a % (l.length + 1)) + ins + l.slice(b % (l.length + 1)));
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), mutate), (link) => {
        const r = decodeLink(link);
        if (!r.ok) expect(r.error.length).toBeGreaterThan(10);
      }),
      { numRuns: 3000 },
    );
  });
});
