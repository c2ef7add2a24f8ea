import { describe, expect, it } from 'vitest';
import { cmdlineProblems, understandCmdline } from './cmdline-meaning';
import { kernelInForce } from './rules';

/** The kernel a scenario names (`release`), run under `model`. */
const k = (model = 'memblock-6.1', release?: string) => kernelInForce(release, model);

const one = (line: string, model = 'memblock-6.1', release?: string) => {
  const [u] = understandCmdline(line, k(model, release)).filter((x) => x.simulated || x.error);
  if (!u) throw new Error(`nothing understood in ${line}`);
  return u;
};

describe('what the kernel makes of a command line', () => {
  it('tells crashkernel= in every syntax', () => {
    expect(one('crashkernel=128M@16M').meaning).toBe('128 MiB at 0x1000000 (16 MiB)');
    expect(one('crashkernel=256M').meaning).toBe('256 MiB, placed automatically');
    expect(one('crashkernel=512M,high').meaning).toContain('512 MiB anywhere (above 4 GiB first)');
    expect(one('crashkernel=72M,low').meaning).toContain('below 4 GiB');
    expect(one('crashkernel=1G-4G:192M,4G-:256M@16M').meaning).toBe(
      'size by RAM (RAM 1 GiB–4 GiB: 192 MiB; RAM 4 GiB–∞: 256 MiB) at 0x1000000',
    );
  });
  it('points at the character the kernel stops at, and says how to fix it', () => {
    const u = one('ro crashkernel=128M@16Q');
    expect(u.error).toEqual({
      message: 'crashkernel: unexpected text after the base: Q',
      at: 22,
      fix: expect.stringContaining('crashkernel=128M@16M'),
    });
    expect(one('crashkernel=1G-4G;192M').error?.at).toBe(14);
    expect(one('crashkernel=1G-4G:192M,4G:256M').error).toEqual({
      message: "crashkernel: '-' expected",
      at: 25,
      fix: expect.stringContaining('1G-4G:192M,4G-:256M'),
    });
    expect(one('crashkernel=').error?.message).toContain('needs a value');
    expect(one('crashkernel=auto').error?.message).toContain('Red Hat');
    expect(one('crashkernel=128X').error).toMatchObject({ at: 15 });
    expect(cmdlineProblems('quiet crashkernel=M', k())).toEqual([
      {
        path: 'cmdline',
        message: expect.stringContaining(
          'crashkernel=M: crashkernel: memory value expected (character 19)',
        ),
      },
    ]);
  });
  it('tells what each generation makes of the same option', () => {
    expect(one('crashkernel=256M', 'bootmem-2.6.23')).toMatchObject({
      meaning: 'ignored',
      note: 'crashkernel=256M is ignored: 2.6.23 only understands size@offset',
    });
    expect(one('crashkernel=512M,high', 'bootmem-2.6.24')).toMatchObject({
      meaning: '512 MiB, placed automatically',
      note: '2.6.24 knows no ,high or ,low: it reads only the size',
    });
    expect(one('mem=1T', 'bootmem-2.6.23').note).toContain('K, M and G');
    expect(one('memmap=1M!4G', 'bootmem-exclusive-2.6.27').meaning).toBe('ignored');
    expect(one('crashkernel=512M,high', 'nobootmem-2.6.34').note).toBe(
      '2.6.34 knows no ,high or ,low: it reads only the size',
    );
  });
  it('reads with the rules of the scenario’s kernel version, not the model’s name', () => {
    // A 2.6.25 kernel follows bootmem-2.6.24: its own version is named.
    expect(one('crashkernel=512M,high', 'bootmem-2.6.24', '2.6.25').note).toBe(
      '2.6.25 knows no ,high or ,low: it reads only the size',
    );
    // memblock-6.1 runs every memblock kernel: `!` came in 4.1, `%` in 4.17.
    expect(one('memmap=1M!4G', 'memblock-6.1', '3.10.0-957.el7')).toMatchObject({
      meaning: 'ignored',
      note: '3.10 refuses "!" (persistent memory came later)',
    });
    expect(one('memmap=1M!4G', 'memblock-6.1', '4.19').meaning).toContain('persistent');
    expect(one('memmap=64M%4G-1+2', 'memblock-6.1', '4.14')).toMatchObject({
      meaning: 'ignored',
      note: '4.14 refuses "%" (it came later)',
    });
    // A release another model follows: the model's own version applies (kernelInForce).
    expect(one('memmap=1M!4G', 'memblock-6.1', '2.6.23').meaning).toContain('persistent');
  });
  it('warns of a base without its suffix, and of an option a later one replaces', () => {
    expect(one('crashkernel=128M@16').note).toContain('did you mean 128M@16M?');
    const all = understandCmdline('crashkernel=128M crashkernel=256M crashkernel=64M,low', k());
    expect(all[0]!.note).toBe('replaced by the later crashkernel=256M (character 18)');
    expect(all[1]!.note).toBeUndefined();
    expect(all[2]!.note).toBeUndefined();
  });
  it('tells mem=, memmap= and numa=off', () => {
    expect(one('mem=4G').meaning).toBe('usable RAM at and above 0x100000000 (4 GiB) is removed');
    expect(one('mem=0').error?.message).toContain('remove all memory');
    expect(one('memmap=64M$256M').meaning).toBe(
      'a reserved entry [mem 0x0000000010000000-0x0000000013ffffff] (64 MiB) is added to the e820 map',
    );
    expect(one('memmap=exactmap,512M@0').meaning).toMatch(
      /^the firmware map is discarded.*; a usable entry/,
    );
    expect(one('memmap=64M%4G-1+2').meaning).toContain('retyped from usable to reserved');
    expect(one('memmap=64M\\$256M').error).toMatchObject({
      at: 10,
      message: expect.stringContaining('must receive memmap=64M$256M'),
    });
    expect(one('memmap=1G\\$4G').error?.message).toContain('must receive memmap=1G$4G');
    expect(one('memmap=64M^256M').error?.message).toBe('"^" is not a memmap= qualifier');
    expect(one('memmap=64M$').error?.message).toBe('an address must follow "$"');
    expect(one('numa=off').meaning).toContain('one node spans all RAM');
  });
  it('tells numa=fake= in its three forms, and where it is not modelled', () => {
    expect(one('numa=fake=2').meaning).toBe(
      'NUMA emulation: 2 fake nodes of equal present memory, in 32 MiB steps',
    );
    expect(one('numa=fake=768M').meaning).toContain('fake nodes of 768 MiB');
    expect(one('numa=fake=2U').meaning).toContain('each physical node split into 2');
    expect(one('numa=fake=0').note).toContain('no node count');
    const old = understandCmdline(
      'numa=fake=4',
      kernelInForce('2.6.32', 'bootmem-exclusive-2.6.27'),
    )[0]!;
    expect(old.simulated).toBe(false);
    expect(old.note).toBe(
      "NUMA emulation is not modelled for 2.6.32: the run keeps the firmware's nodes",
    );
  });
  it('lists the options the simulation does not read, and never throws on odd text', () => {
    const all = understandCmdline('ro root="LABEL=/ x" quiet  ', k('bootmem-2.6.23'));
    expect(all.map((u) => [u.text, u.simulated])).toEqual([
      ['ro', false],
      ['root="LABEL=/ x"', false],
      ['quiet', false],
    ]);
    for (const odd of ['=', '"', 'crashkernel="', 'memmap=,,,', 'mem=', '\u0000crashkernel=1'])
      expect(() => understandCmdline(odd, k())).not.toThrow();
  });
});
