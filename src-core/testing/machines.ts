/**
 * Random small machines for model-level property tests: a low map, RAM up to 3 GiB with random
 * firmware holes, an optional two-node split, a random kernel end, initrd and crashkernel.
 * Small enough that the per-page reference allocators run fast.
 */
import fc from 'fast-check';
import { MiB } from '../base/addr';
import { toDocument } from '../output/document';
import { parseScenario } from '../input/scenario';
import { simulate } from '../models/simulate';

export function randomMachine(model: string) {
  return fc
    .record({
      ramMB: fc.integer({ min: 64, max: 3072 }),
      holes: fc.array(
        fc.record({
          atMB: fc.integer({ min: 2, max: 3000 }),
          kb: fc.integer({ min: 4, max: 65536 }),
          type: fc.constantFrom('reserved', 'ACPI data', 'ACPI NVS'),
        }),
        { maxLength: 4 },
      ),
      splitMB: fc.option(fc.integer({ min: 16, max: 3000 }), { nil: null }),
      kernelEnd: fc.integer({ min: 0x300000, max: 0x1800000 }),
      initrd: fc.option(
        fc.record({
          atMB: fc.integer({ min: 20, max: 3000 }),
          kb: fc.integer({ min: 4, max: 16384 }),
        }),
        { nil: null },
      ),
      crash: fc.option(
        fc.record({
          sizeMB: fc.integer({ min: 1, max: 256 }),
          baseMB: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 3000 })),
        }),
        { nil: null },
      ),
      pgdat: fc.constantFrom(0x1000, 0x5000, 0x3000),
    })
    .map((p) => {
      const ramEnd = p.ramMB * MiB;
      const e820 = [
        { start: 0, end: 0x9fc00, type: 'usable' },
        { start: 0x9fc00, end: 0xa0000, type: 'reserved' },
        { start: 0xe0000, end: 0x100000, type: 'reserved' },
        { start: 0x100000, end: ramEnd, type: 'usable' },
        ...p.holes.map((h) => ({
          start: h.atMB * MiB,
          end: h.atMB * MiB + h.kb * 1024,
          type: h.type,
        })),
      ];
      const split =
        p.splitMB !== null && p.splitMB * MiB < ramEnd - 64 * MiB
          ? Math.ceil((p.splitMB * MiB) / (8 * MiB)) * 8 * MiB
          : null;
      const nodes =
        split && split < ramEnd
          ? [
              { node: 0, start: 0, end: split },
              { node: 1, start: split, end: ramEnd },
            ]
          : [];
      return {
        version: 1,
        name: 'random',
        title: '',
        model,
        machine: { e820, nodes },
        kernel: {
          text: 0x200000,
          end: p.kernelEnd,
          initrd: p.initrd
            ? { start: p.initrd.atMB * MiB, end: p.initrd.atMB * MiB + p.initrd.kb * 1024 }
            : null,
          ebda: { addr: 0x9fc00, sizeKiB: 1 },
          pgdatSize: p.pgdat,
          mptable: null,
        },
        cmdline: p.crash
          ? `crashkernel=${p.crash.sizeMB}M${p.crash.baseMB ? `@${p.crash.baseMB}M` : ''}`
          : '',
      };
    });
}

/**
 * The test's assertion that a fast and a reference result are equal (its `expect(a).toEqual(b)`):
 * passed in, so that only test files import the test runner.
 */
export type Agree = (fast: unknown, reference: unknown) => void;

/** Run random machines through a model on the fast and the per-page allocator; require equality. */
export function checkModelAgainstReference(model: string, numRuns: number, agree: Agree): void {
  fc.assert(
    fc.property(randomMachine(model), (raw) => {
      const parsed = parseScenario(raw);
      if (!parsed.ok) return; // an invalid random machine (e.g. a node without RAM) is the validator's business
      const fast = simulate(parsed.scenario, model);
      const ref = simulate(parsed.scenario, model, { reference: true });
      if (!fast.ok || !ref.ok) throw new Error(`unknown model ${model}`);
      agree(toDocument(fast.sim), toDocument(ref.sim));
      agree(fast.sim.bitOps, ref.sim.bitOps);
    }),
    { numRuns },
  );
}
