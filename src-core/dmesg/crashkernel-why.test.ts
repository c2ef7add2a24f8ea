import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GiB, MiB } from '../base/addr';
import { crashkernelWhy } from './crashkernel-why';
import { importLog } from './import-log';

describe('crashkernelWhy', () => {
  it('resolves a range list against System RAM, rounded as 6.1 does', () => {
    const why = crashkernelWhy({
      cmdline: 'ro crashkernel=512M-:192M',
      version: '6.1.0-13-amd64',
      systemRam: 4095 * MiB,
    });
    expect(why).toContain('crashkernel=512M-:192M asks for size by RAM');
    expect(why).toContain(
      'System RAM 4095 MiB, rounded up to 4096 MiB for the match, picks 192 MiB',
    );
    expect(why).toContain(
      'No @base: the kernel places it itself, 16 MiB-aligned, below 4 GiB first (this kernel’s CRASH_ADDR_LOW_MAX), else up to 64 TiB',
    );
    // 4.19 still kept it under 896 MiB.
    expect(
      crashkernelWhy({ cmdline: 'crashkernel=256M', version: '4.19.57', systemRam: 1019 * GiB }),
    ).toContain('16 MiB-aligned, below 896 MiB');
  });
  it('names a fixed base', () => {
    const why = crashkernelWhy({
      cmdline: 'crashkernel=128M@16M',
      version: '2.6.24-1',
      systemRam: 96 * GiB,
    });
    expect(why).toMatch(/^crashkernel=128M@16M asks for 128 MiB at 0x1000000/);
    expect(why).toContain('must start exactly at 0x1000000 (16 MiB)');
  });
  it('reads a Red Hat kernel’s crashkernel=auto as the range list it stands for', () => {
    const why = crashkernelWhy({
      cmdline: 'ro crashkernel=auto',
      version: '3.10.0-957.el7.x86_64',
      systemRam: 12 * GiB,
    });
    expect(why).toMatch(/^crashkernel=auto \(RHEL 7: 2G-:161M\) asks for size by RAM/);
    expect(why).toContain('picks 161 MiB');
  });
  it('says when no range matches, and when the option does not parse', () => {
    expect(
      crashkernelWhy({ cmdline: 'crashkernel=8G-:256M', version: '6.1', systemRam: 4 * GiB }),
    ).toContain('no range matches System RAM: 0 bytes');
    expect(crashkernelWhy({ cmdline: 'crashkernel=zz', version: '6.1', systemRam: GiB })).toMatch(
      /does not parse/,
    );
    expect(crashkernelWhy({ cmdline: 'ro quiet', version: '6.1', systemRam: GiB })).toBeNull();
    expect(crashkernelWhy({ cmdline: null, version: '6.1', systemRam: GiB })).toBeNull();
  });
});

describe('the observed crashkernel step of an imported log', () => {
  it('says why: the range list resolved against the printed System RAM', () => {
    // Our own QEMU boot (fixtures/oracle/ADDED.md): 6.1, 4 GiB, crashkernel=1G-4G:192M,4G-:256M.
    const text = readFileSync(
      new URL('../../fixtures/oracle/m4G-ck1G-4G_192M,4G-_256M.log', import.meta.url),
      'utf8',
    );
    const r = importLog(text);
    if (!r.ok || !r.observed) throw new Error('the fixture no longer imports');
    const step = r.observed.events.find((e) => e.phase === 'crashkernel' && e.end > e.start);
    expect(step?.explain).toContain(
      'Why: crashkernel=1G-4G:192M,4G-:256M asks for size by RAM (RAM 1 GiB–4 GiB: 192 MiB; RAM 4 GiB–∞: 256 MiB): System RAM 4095 MiB, rounded up to 4096 MiB for the match, picks 256 MiB.',
    );
  });
});
