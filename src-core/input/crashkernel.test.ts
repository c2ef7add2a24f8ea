import { describe, expect, it } from 'vitest';
import { MiB, GiB } from '../base/addr';
import { parseCmdline } from './cmdline';
import {
  DIALECT_2_6_24,
  DIALECT_6_1,
  describeSpec,
  findCrashkernel,
  parseCrashkernelValue,
  resolveCrashkernel,
  type CrashkernelSpec,
} from './crashkernel';

const spec = (v: string, d = DIALECT_6_1): CrashkernelSpec => {
  const r = parseCrashkernelValue(v, d);
  if (!r.ok) throw new Error(r.error.message);
  return r.spec;
};

describe('crashkernel= syntax (Documentation/admin-guide/kernel-parameters.txt)', () => {
  it('size and size@offset', () => {
    expect(spec('128M@16M')).toEqual({ kind: 'simple', size: 128 * MiB, base: 16 * MiB });
    expect(spec('256M')).toEqual({ kind: 'simple', size: 256 * MiB, base: null });
  });
  it('range lists with an open end and an offset', () => {
    expect(spec('1G-4G:192M,4G-:256M@32M')).toEqual({
      kind: 'ranges',
      entries: [
        { start: GiB, end: 4 * GiB, size: 192 * MiB },
        { start: 4 * GiB, end: null, size: 256 * MiB },
      ],
      base: 32 * MiB,
      error: null,
    });
  });
  it(',high and ,low', () => {
    expect(spec('512M,high')).toEqual({ kind: 'high', size: 512 * MiB });
    expect(spec('0,low')).toEqual({ kind: 'low', size: 0 });
  });
  it('precise errors with the character they are about', () => {
    expect(parseCrashkernelValue('M')).toEqual({
      ok: false,
      error: { message: 'crashkernel: memory value expected', at: 0 },
    });
    expect(parseCrashkernelValue('128Q')).toEqual({
      ok: false,
      error: { message: 'crashkernel: unrecognized char: Q', at: 3 },
    });
    expect(parseCrashkernelValue('1G:128M')).toEqual({
      ok: false,
      error: { message: "crashkernel: '-' expected", at: 2 },
    });
    expect(parseCrashkernelValue('4G-1G:128M')).toEqual({
      ok: false,
      error: { message: 'crashkernel: end <= start', at: 3 },
    });
    expect(parseCrashkernelValue('1G-4G:128M,4G-8G256M')).toMatchObject({
      ok: true,
      spec: { error: { message: "crashkernel: ':' expected", at: 16 } },
    });
    // Without any ':' the kernel takes the simple syntax and stops at the '-'.
    expect(parseCrashkernelValue('1G-4G128M')).toEqual({
      ok: false,
      error: { message: 'crashkernel: unrecognized char: -', at: 2 },
    });
  });
  it('2.6.24 had no suffixes: ,high is trailing text it ignores', () => {
    expect(spec('512M,high', DIALECT_2_6_24)).toEqual({
      kind: 'simple',
      size: 512 * MiB,
      base: null,
    });
  });
});

describe('resolving a size from System RAM', () => {
  it('6.1 rounds RAM up to 128 MiB before matching (oracle m4G-ck1G-4G_192M,4G-_256M picks 256M)', () => {
    const s = spec('1G-4G:192M,4G-:256M');
    expect(resolveCrashkernel(s, 4095 * MiB, DIALECT_6_1)).toMatchObject({
      ok: true,
      size: 256 * MiB,
    });
  });
  it('2.6.24 matches start <= RAM <= end without rounding', () => {
    const s = spec('1G-4G:192M,4G-:256M', DIALECT_2_6_24);
    expect(resolveCrashkernel(s, 4095 * MiB, DIALECT_2_6_24)).toMatchObject({
      ok: true,
      size: 192 * MiB,
    });
    expect(resolveCrashkernel(s, 4 * GiB, DIALECT_2_6_24)).toMatchObject({
      ok: true,
      size: 192 * MiB,
    });
  });
  it('no match means zero bytes; a size at or above RAM is invalid', () => {
    expect(resolveCrashkernel(spec('8G-:256M'), 4 * GiB, DIALECT_6_1)).toEqual({
      ok: true,
      size: 0,
      base: 0,
    });
    expect(resolveCrashkernel(spec('1G-:8G'), 4 * GiB, DIALECT_6_1)).toEqual({
      ok: false,
      message: 'crashkernel: invalid size',
    });
  });
  it('a syntax error after the matching entry is never reached', () => {
    const s = spec('1G-8G:128M,junk');
    expect(resolveCrashkernel(s, 4 * GiB, DIALECT_6_1)).toMatchObject({
      ok: true,
      size: 128 * MiB,
    });
    expect(resolveCrashkernel(s, 16 * GiB, DIALECT_6_1)).toEqual({
      ok: false,
      message: 'crashkernel: Memory value expected',
    });
  });
});

describe('which occurrence counts (6.1 get_last_crashkernel)', () => {
  it('the last plain one; suffixed ones apart', () => {
    const o = findCrashkernel(
      parseCmdline('crashkernel=64M crashkernel=512M,high crashkernel=128M crashkernel=96M,low'),
      DIALECT_6_1,
    );
    expect(o.main?.param.value).toBe('128M');
    expect(o.high?.param.value).toBe('512M,high');
    expect(o.low?.param.value).toBe('96M,low');
  });
  it('describes a request for people', () => {
    expect(describeSpec(spec('128M@16M'))).toBe('128 MiB at 0x1000000 (16 MiB)');
  });
});
