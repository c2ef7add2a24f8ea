/**
 * Inputs that once went wrong, kept so they stay right. Any file dropped into regressions/
 * (say, a fuzz failure) is at least checked for a well-formed result; the table says more.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { brokenInvariant } from '../testing/import-fuzz';
import { importLog, type ImportResult } from './import-log';

const dir = fileURLToPath(new URL('./regressions/', import.meta.url));
const files = readdirSync(dir).sort();
const run = (name: string): ImportResult => importLog(readFileSync(dir + name, 'utf8'));

const EXPECT: Record<string, (r: ImportResult) => void> = {
  'not-a-boot-log.txt': (r) => expect(r.ok ? '' : r.error).toMatch(/^not a boot log/),
  'secondary-cpu-zero-timestamp.txt': (r) => expect(r.ok && r.boots.length).toBe(1),
  'pci-window-hex-contains-e820.txt': (r) => expect(r.ok && r.unrecognized).toEqual([]),
  'cmdline-then-message-no-timestamps.txt': (r) =>
    expect(r.ok && r.boot.cmdline).toBe('root=/dev/sda1 crashkernel=96M'),
  'cmdline-then-elision.txt': (r) =>
    expect(r.ok && r.boot.cmdline).toBe(
      'BOOT_IMAGE=(hd0,msdos1)/boot/vmlinuz-5.16.0-rc1 ro crashkernel=128M mem=4G',
    ),
  'memblock-zero-size-free.txt': (r) => {
    expect(r.ok && r.boot.memblock.map((m) => [m.op, m.range])).toEqual([
      ['reserve', { start: 0x2dbe4000, end: 0x2dbef000 }],
      ['free', { start: 0x2dbe4000, end: 0x2dbe4000 }],
    ]);
    expect(r.ok && r.unrecognized).toEqual([]);
  },
  'serial-reset-escape.txt': (r) => {
    expect(r.ok && r.boot.kernel.version).toBe('5.2.0-rc2');
    expect(r.ok && r.summary.normalization).toContain('2 lines had ANSI escapes');
  },
};

describe('regressions', () => {
  it('every expectation has its file', () => {
    for (const name of Object.keys(EXPECT)) expect(files).toContain(name);
  });

  it.each(files)('%s', (name) => {
    const text = readFileSync(dir + name, 'utf8');
    const r = run(name);
    expect(brokenInvariant(text, r)).toBeNull();
    EXPECT[name]?.(r);
  });
});
