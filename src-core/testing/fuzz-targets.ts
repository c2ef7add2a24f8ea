/**
 * Fuzz targets: every entry point that takes text or data from outside, with a generator of
 * hostile inputs and a check of what came back. Used by a short run in the normal tests and by
 * `npm run fuzz` for the long run (10^5 inputs and more per target).
 *
 * A target fails when it throws, when it takes longer than HANG_MS on one input (the long run
 * only: tests never time anything), or when a rejection has no usable message.
 */
import fc from 'fast-check';
import { MiB } from '../base/addr';
import { parseCmdline } from '../input/cmdline';
import {
  DIALECT_2_6_24,
  DIALECT_6_1,
  findCrashkernel,
  parseCrashkernelValue,
  resolveCrashkernel,
} from '../input/crashkernel';
import { MODEL_IDS } from '../models';
import { decodeLink, encodeLink } from '../features/permalink';
import { preset } from '../features/presets';
import { parseScenario, scenarioToJson } from '../input/scenario';
import { simulate } from '../models/simulate';
import { brokenInvariant, mutatedLog } from './import-fuzz';
import { importLog } from '../dmesg/import-log';
import { corpusFiles, oracleFiles, readCorpus, readOracle } from './log-fixtures';

export const HANG_MS = 1000;

export interface FuzzTarget {
  name: string;
  /** Inputs as strings, so a failing one can be saved as a regression fixture as is. */
  input: fc.Arbitrary<string>;
  /** Throws (with a reason) when the result is not acceptable. */
  check: (input: string) => void;
}

const seedJson = () => JSON.stringify(scenarioToJson(preset('seed-2.6.23')!));

/** Strings made of the characters a syntax cares about, plus anything. */
const syntaxy = (alphabet: string, maxLength = 60) =>
  fc.oneof(
    fc.string({ unit: fc.constantFrom(...alphabet.split('')), maxLength }),
    fc.string({ maxLength }),
    fc.string({ unit: 'binary', maxLength }),
  );

/** Cut, duplicate, flip and splice a valid string. */
const mutated = (valid: string[]) =>
  fc
    .tuple(fc.constantFrom(...valid), fc.nat(), fc.nat(), fc.string({ maxLength: 6 }), fc.nat(3))
    .map(([v, a, b, ins, op]) => {
      const i = a % (v.length + 1);
      const j = b % (v.length + 1);
      if (op === 0) return v.slice(0, i) + ins + v.slice(j);
      if (op === 1) return v.slice(0, i);
      if (op === 2) return v.slice(0, i) + v.slice(i, j) + v.slice(i, j) + v.slice(j);
      return (
        v.slice(0, i) +
        String.fromCharCode((v.charCodeAt(i) ^ (1 << (b % 7))) & 0x7f) +
        v.slice(i + 1)
      );
    });

const needMessage = (ok: boolean, message: string | undefined, what: string) => {
  if (!ok && (!message || message.length < 8))
    throw new Error(`${what}: a rejection without a clear message: ${JSON.stringify(message)}`);
};

const goodLinks = (() => {
  const s = preset('seed-2.6.23')!;
  return [
    encodeLink({ scenario: s, model: s.model, step: 0, window: null }),
    encodeLink({
      scenario: { ...s, cmdline: 'crashkernel=64M@256M mem=8G' },
      model: 'bootmem-2.6.24',
      step: 12,
      window: { start: 0x1000000, end: 0x2000000 },
    }),
    encodeLink({
      scenario: { ...s, name: 'custom', title: 'x' },
      model: s.model,
      step: 3,
      window: null,
    }),
  ];
})();

/** Real logs the importer's mutations start from. */
const LOGS = [...corpusFiles().map(readCorpus), ...oracleFiles().slice(0, 3).map(readOracle)];

export const FUZZ_TARGETS: FuzzTarget[] = [
  {
    name: 'dmesg importer',
    input: mutatedLog(LOGS),
    check: (text) => {
      const r = importLog(text);
      needMessage(r.ok, r.ok ? undefined : r.error, 'importLog');
      const broken = brokenInvariant(text, r);
      if (broken) throw new Error(broken);
    },
  },
  {
    name: 'permalink decoder',
    input: fc.oneof(syntaxy('0123456789.jz%7B22Dpx~#-abcdef'), mutated(goodLinks)),
    check: (s) => {
      const r = decodeLink(s);
      needMessage(r.ok, r.ok ? undefined : r.error, 'decodeLink');
    },
  },
  {
    name: 'scenario validator',
    input: fc.oneof(mutated([seedJson()]), fc.json({ maxDepth: 4 }), syntaxy('{}[]":,0x1M ')),
    check: (s) => {
      let data: unknown;
      try {
        data = JSON.parse(s);
      } catch {
        return; // not JSON: the CLI and the app say so before validation
      }
      const r = parseScenario(data);
      if (!r.ok)
        for (const p of r.problems) needMessage(false, p.message, `parseScenario at ${p.path}`);
    },
  },
  {
    name: 'crashkernel= parser',
    input: syntaxy('0123456789xXkKmMgGtTpPeE@:-,highlow ', 40),
    check: (s) => {
      for (const d of [DIALECT_6_1, DIALECT_2_6_24]) {
        const r = parseCrashkernelValue(s, d);
        needMessage(r.ok, r.ok ? undefined : r.error.message, 'parseCrashkernelValue');
        if (r.ok) {
          const z = resolveCrashkernel(r.spec, 4096 * MiB, d);
          needMessage(z.ok, z.ok ? undefined : z.message, 'resolveCrashkernel');
        }
      }
      findCrashkernel(parseCmdline(`crashkernel=${s} crashkernel=${s},high`), DIALECT_6_1);
    },
  },
  {
    name: 'command line through every model (mem=, memmap=, numa=, crashkernel=)',
    input: fc
      .array(
        fc.tuple(
          fc.constantFrom('mem', 'memmap', 'crashkernel', 'numa', 'quiet'),
          syntaxy('0123456789xKMG@#$!,:-exactmapoffhigh', 20),
        ),
        { maxLength: 5 },
      )
      .map((ps) => ps.map(([k, v]) => `${k}=${v}`).join(' ')),
    check: (cmdline) => {
      const s = preset('seed-2.6.23')!;
      for (const model of MODEL_IDS) {
        const r = simulate({ ...s, cmdline }, model);
        if (!r.ok) throw new Error(r.error);
        if (r.sim.panic !== null && r.sim.panic.length < 8)
          throw new Error('a panic without a message');
      }
    },
  },
];

/**
 * Run one input through a target; return why it failed, or null. `hangMs` null: no time check
 * (the unit tests: a loaded machine must not fail them, and the test runner's timeout still
 * catches a real hang); `npm run fuzz` keeps HANG_MS.
 */
export function runOne(
  t: FuzzTarget,
  input: string,
  hangMs: number | null = HANG_MS,
): string | null {
  const t0 = performance.now();
  try {
    t.check(input);
  } catch (e) {
    return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  }
  const ms = performance.now() - t0;
  return hangMs !== null && ms > hangMs
    ? `took ${ms.toFixed(0)} ms (hang threshold ${hangMs} ms)`
    : null;
}
