/**
 * The seed machine under exact kernel versions: the rules of rules.ts change the outcome at the
 * versions the source says (each case is one of the divergences the real kernels showed).
 */
import { describe, expect, it } from 'vitest';
import { toDocument } from '../output/document';
import { preset } from '../features/presets';
import type { Scenario } from '../input/scenario';
import { simulate } from './simulate';
import { modelForRelease } from '../kernel/rules';

/** The seed under `version`, with the model that follows it. */
function run(version: string, cmdline?: string) {
  const s = preset('seed-2.6.23') as Scenario;
  const model = modelForRelease(version) as string;
  const scenario: Scenario = {
    ...s,
    model,
    kernel: { ...s.kernel, version },
    ...(cmdline === undefined ? {} : { cmdline }),
  };
  const r = simulate(scenario, model);
  if (!r.ok) throw new Error(r.error);
  return { sim: r.sim, doc: toDocument(r.sim) };
}

describe('crashkernel=128M@16M on the seed, version by version', () => {
  it.each(['2.6.23', '2.6.24'])('%s reserves over the bitmap and kexec corrupts it', (v) => {
    const { doc } = run(v);
    expect(doc.crashkernel.outcome).toBe('reserved');
    expect(doc.findings.map((f) => f.kind)).toContain('kdump-corruption');
  });

  it.each(['2.6.25', '2.6.26'])(
    '%s runs the 2.6.24 code with BOOTMEM_EXCLUSIVE: refused, no period, no "Reserving" line',
    (v) => {
      const { doc, sim } = run(v);
      expect(doc.model).toBe('bootmem-2.6.24');
      expect(doc.crashkernel).toMatchObject({
        outcome: 'failed',
        message: 'crashkernel reservation failed - memory is in use',
      });
      expect(doc.findings).toEqual([]);
      expect(sim.events.some((e) => e.dmesg.includes('Reserving'))).toBe(false);
    },
  );

  it('2.6.32 and 2.6.33 differ only by the period of the message, where both refuse', () => {
    expect(run('2.6.32').doc.crashkernel.message).toBe(
      'crashkernel reservation failed - memory is in use',
    );
    const { doc } = run('2.6.33', 'ro crashkernel=128M@2M');
    expect(doc.crashkernel.message).toBe('crashkernel reservation failed - memory is in use.');
  });
});

describe('2.6.33 copies early_res into each node’s bitmap (1842f90c made it one copy in 2.6.34)', () => {
  it('a window above 4 GiB is in node 0’s early_res copy, so nothing hands it out: no corruption', () => {
    const { doc } = run('2.6.33', 'ro crashkernel=128M@8G');
    expect(doc.crashkernel).toMatchObject({ outcome: 'reserved', start: '0x200000000' });
    expect(doc.findings).toEqual([]);
  });
});

describe('"System RAM" for the range syntax is the end of RAM, not RAM below 4 GiB', () => {
  it.each(['2.6.27', '2.6.33'])('%s picks 256M on the 96 GiB seed', (v) => {
    const { doc } = run(v, 'ro crashkernel=512M-4G:64M,4G-:256M@256M');
    expect(doc.crashkernel).toMatchObject({
      outcome: 'reserved',
      start: '0x10000000',
      end: '0x20000000',
      message: 'Reserving 256MB of memory at 256MB for crashkernel (System RAM: 98304MB)',
    });
  });
});

describe('memblock kernels: zone limits', () => {
  const zones = (version: string) => {
    const s = preset('qemu-6.1-4g') as Scenario;
    const small: Scenario = { ...s, kernel: { ...s.kernel, version }, cmdline: 'mem=2G' };
    const r = simulate(small, 'memblock-6.1');
    if (!r.ok) throw new Error(r.error);
    return r.sim.events.find((e) => e.kind === 'zones')?.dmesg ?? '';
  };
  it('before 3.3 DMA32 is printed up to 4 GiB past the end of RAM; from 3.3 it stops there', () => {
    expect(zones('3.2')).toMatch(/DMA32 +\[mem 0x0000000001000000-0x00000000ffffffff\]/);
    expect(zones('3.3')).toMatch(/DMA32 +\[mem 0x0000000001000000-0x000000007fffffff\]/);
  });
});

describe('memblock kernels: the automatic search limit', () => {
  const laptop = (version: string) => {
    const s = preset('laptop-4g') as Scenario;
    const scenario: Scenario = {
      ...s,
      model: 'memblock-6.1',
      kernel: { ...s.kernel, version },
      cmdline: 'ro crashkernel=256M',
    };
    const r = simulate(scenario, 'memblock-6.1');
    if (!r.ok) throw new Error(r.error);
    return toDocument(r.sim).crashkernel;
  };
  it('4.19 searches below 896 MiB; 5.2 on below 4 GiB (9ca5c8e632ce)', () => {
    const old = laptop('4.19.0-6-amd64');
    const now = laptop('5.2');
    expect(old.outcome).toBe('reserved');
    expect(Number(old.end)).toBeLessThanOrEqual(896 * 2 ** 20);
    expect(Number(now.end)).toBeGreaterThan(896 * 2 ** 20);
    expect(now).toEqual(laptop('6.1.0-18-amd64'));
  });
});

describe('memparse suffixes per version', () => {
  it('2.6.33 knows K, M and G only: "@1T" is a base of 1 byte, which is refused', () => {
    const { doc } = run('2.6.33', 'ro crashkernel=64M@1T');
    expect(doc.crashkernel).toMatchObject({
      outcome: 'failed',
      message: 'crashkernel reservation failed - memory is in use.',
    });
  });
});
