import { describe, expect, it } from 'vitest';
import { preset } from '../features/presets';
import { simulate } from '../models/simulate';
import { toStepText, toText } from './document';
import { cmdlineCrashkernelSize } from '../features/advisor-size';
import { MiB } from '../base/addr';

const seedSim = () => {
  const r = simulate(preset('seed-2.6.23')!, 'bootmem-2.6.23');
  if (!r.ok) throw new Error(r.error);
  return r.sim;
};

describe('toStepText: the event log with one line per step', () => {
  it('has exactly one line per event, in order, with kernel-style ranges', () => {
    const sim = seedSim();
    const lines = toStepText(sim).split('\n');
    const steps = lines.filter((l) => !l.startsWith('#'));
    expect(steps).toHaveLength(sim.events.length);
    steps.forEach((l, i) => expect(l).toMatch(new RegExp(`^\\s*${i} `)));
    expect(steps[31]).toBe(
      ' 31 crashkernel  reserve_bootmem_generic: crashkernel 128 MiB@16 MiB reserved [mem 0x0000000001000000-0x0000000008ffffff]',
    );
    expect(lines[0]).toBe('# model bootmem-2.6.23 — scenario seed-2.6.23');
    expect(lines).toContain(`# cmdline: ${sim.scenario.cmdline}`);
    expect(lines.some((l) => l.startsWith('#   double-reservation [mem'))).toBe(true);
  });

  it('shares its step lines with the CLI listing', () => {
    const sim = seedSim();
    const listing = toText(sim).split('\n');
    for (const l of toStepText(sim)
      .split('\n')
      .filter((x) => !x.startsWith('#')))
      expect(listing).toContain(l);
  });
});

describe('cmdlineCrashkernelSize: the size the command line asks for', () => {
  const withCmdline = (cmdline: string) => ({ ...preset('seed-2.6.23')!, cmdline });
  it.each([
    ['crashkernel=128M@16M', 128 * MiB],
    ['crashkernel=0x4000000', 64 * MiB],
    ['crashkernel=256M,high', 256 * MiB],
    ['crashkernel=512M-2G:64M,2G-:256M', 256 * MiB],
  ])('%s', (cmdline, size) => {
    expect(cmdlineCrashkernelSize(withCmdline(cmdline))).toEqual({ ok: true, value: size });
  });
  it('says why there is none', () => {
    expect(cmdlineCrashkernelSize(withCmdline('quiet'))).toEqual({
      ok: false,
      error: 'the command line has no crashkernel=',
    });
    expect(cmdlineCrashkernelSize(withCmdline('crashkernel=banana'))).toMatchObject({
      ok: false,
      error: expect.stringContaining('is not valid'),
    });
    expect(cmdlineCrashkernelSize(withCmdline(`crashkernel=200G-:1G`))).toMatchObject({
      ok: false,
      error: 'the command line asks for no crashkernel size',
    });
  });
});
