import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GiB, MiB } from '../../base/addr';
import { withParam } from '../../input/cmdline';
import { E820_RAM, E820_RESERVED } from '../../input/e820';
import { runMemblock61 } from '../memblock-6.1/model';
import { preset } from '../../features/presets';
import type { Scenario } from '../../input/scenario';
import { bootCaptureKernel, type CaptureOptions } from './boot';
import { estimateCrashkernel, type Estimate } from './estimate';
import { makedumpfileBytes } from './needs';
import { DISTRO_TABLES, fleetRanges, tableSize } from './tables';
import { templateOps } from './timeline';

const base = preset('qemu-6.1-4g') as Scenario;

/** The QEMU pc machine of the oracle logs with `gib` GiB of RAM (3 GiB low, the rest above 4 GiB). */
function machine(gib: number): Scenario {
  const low = Math.min(gib * GiB, 3 * GiB);
  const e820 = [
    { start: 0, end: 0x9fc00, type: E820_RAM },
    { start: 0x9fc00, end: 0xa0000, type: E820_RESERVED },
    { start: 0xf0000, end: 0x100000, type: E820_RESERVED },
    { start: 0x100000, end: low - 0x20000, type: E820_RAM },
    { start: low - 0x20000, end: low, type: E820_RESERVED },
    { start: 0xfffc0000, end: 2 ** 32, type: E820_RESERVED },
    ...(gib * GiB > low
      ? [{ start: 2 ** 32, end: 2 ** 32 + gib * GiB - low, type: E820_RAM }]
      : []),
  ];
  return { ...base, machine: { ...base.machine, e820, nodes: [] } };
}

const est = (s: Scenario, o: CaptureOptions = {}): Estimate => {
  const r = estimateCrashkernel(s, 'memblock-6.1', o);
  if (!r.ok) throw new Error(r.error);
  return r.estimate;
};

describe('the crashkernel estimate', () => {
  const e = est(base);

  it('is a whole number of MiB, and one MiB less does not leave the userspace enough', () => {
    expect(e.size % MiB).toBe(0);
    const s = { ...base, cmdline: withParam(base.cmdline, 'crashkernel', `${e.size / MiB - 1}M`) };
    const first = runMemblock61(s);
    const r = bootCaptureKernel(first, runMemblock61, templateOps());
    expect(r.ok && r.boot.left).toBeLessThan(0);
    expect(e.capture.left).toBeGreaterThanOrEqual(0);
  });

  it('splits the window into named parts that add up to it, headroom last and never negative', () => {
    const total = e.parts.reduce((t, p) => t + p.bytes, 0);
    const low = e.low ? e.low.end - e.low.start : 0;
    expect(total).toBe(e.window.end - e.window.start + low);
    expect(e.parts.map((p) => p.what)).toEqual(
      expect.arrayContaining([
        'kernel image',
        'struct pages for the window',
        'per-CPU areas',
        'early allocations',
        'userspace: makedumpfile working set',
        'headroom',
      ]),
    );
    expect((e.parts.at(-1) as { bytes: number }).bytes).toBeGreaterThanOrEqual(0);
    for (const p of e.parts) expect(p.why.length).toBeGreaterThan(10);
  });

  it('is never below what the simulated capture boot itself reserves in the window', () => {
    const reserved = (e.capture.sim.memory?.reservedK ?? 0) * 1024;
    expect(reserved).toBeGreaterThan(0);
    expect(e.size).toBeGreaterThan(reserved);
    expect(e.size).toBeGreaterThan(e.capture.needs.reduce((t, n) => t + n.bytes, 0));
  });

  it('sets the distribution tables beside it, resolved as the kernel resolves ranges', () => {
    const rhel9 = e.tables.find((t) => t.id === 'rhel9');
    // 4095 MiB of System RAM rounds up to 4 GiB: the 4G-64G bracket.
    expect(rhel9?.size).toBe(256 * MiB);
    expect(e.tables.find((t) => t.id === 'rhel8-auto')?.size).toBe(192 * MiB);
    expect(tableSize(DISTRO_TABLES[0] as (typeof DISTRO_TABLES)[0], 512 * GiB)).toBe(512 * MiB);
  });

  it('recommends where and how big: the plain size, a fixed base that works, a fleet range list', () => {
    expect(e.recommended[0]).toBe(`crashkernel=${e.size / MiB}M`);
    expect(e.recommended[1]).toMatch(/^crashkernel=\d+M@\d+M$/);
    expect(e.recommended[2]).toMatch(/^crashkernel=1G-4G:\d+M,4G-64G:\d+M,64G-:\d+M$/);
  });

  it('a machine whose window must go above 4 GiB gets ,high with a low part', () => {
    const big = machine(8);
    const r = est(big, { initrdUnpacked: 3 * GiB });
    expect(r.low).not.toBeNull();
    expect(r.window.start).toBeGreaterThanOrEqual(2 ** 32);
    expect(r.recommended[0]).toMatch(/^crashkernel=\d+M,high crashkernel=256M,low$/);
    const total = r.parts.reduce((t, p) => t + p.bytes, 0);
    expect(total).toBe(r.window.end - r.window.start + 256 * MiB);
  });

  it('the fleet line raises only the bracket of this machine', () => {
    expect(fleetRanges(16 * GiB, 300 * MiB)).toBe('1G-4G:192M,4G-64G:300M,64G-:512M');
    expect(fleetRanges(16 * GiB, 100 * MiB)).toBe('1G-4G:192M,4G-64G:256M,64G-:512M');
  });

  it("makedumpfile's bitmaps: two bits per page, capped at 32 MiB, plus 96 B per 128 MiB", () => {
    expect(makedumpfileBytes(4 * GiB)).toBe(256 * 1024 + 4096);
    expect(makedumpfileBytes(1024 * GiB)).toBe(32 * MiB + 786432);
  });
});

describe('the estimate grows with the machine', () => {
  it('is monotonic in RAM size, up to one per-CPU atom of alignment', () => {
    // Not strictly monotonic: pcpu_embed_first_chunk asks for its chunk 2 MiB-aligned, and
    // where the window ends decides what that alignment costs. The per-CPU part measures
    // 2.0 MiB on the 2, 3 and 8 GiB machines and 0.2 MiB on the 4 GiB one (187 vs 185 MiB).
    expect(est(machine(2)).size - est(machine(4)).size).toBe(2 * MiB);
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 64 }), fc.integer({ min: 2, max: 64 }), (a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(est(machine(lo)).size).toBeLessThanOrEqual(est(machine(hi)).size + 2 * MiB);
      }),
      { numRuns: 6 },
    );
  });

  it('is monotonic in CPUs (maxcpus=1 keeps every possible CPU; nr_cpus=1 does not)', () => {
    const maxcpus = 'irqpoll maxcpus=1 reset_devices';
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 256 }), fc.integer({ min: 1, max: 256 }), (a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(est(machine(4), { append: maxcpus, cpus: lo }).size).toBeLessThanOrEqual(
          est(machine(4), { append: maxcpus, cpus: hi }).size,
        );
      }),
      { numRuns: 6 },
    );
    const one = est(machine(4), { cpus: 1 }).size;
    expect(est(machine(4), { append: maxcpus, cpus: 128 }).size).toBeGreaterThan(one);
    expect(est(machine(4), { cpus: 128 }).size).toBe(one);
  });
});
