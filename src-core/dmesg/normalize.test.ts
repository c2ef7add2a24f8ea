/** What people paste, reduced to kernel messages with their original line numbers. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hasControl, MAX_LINE, normalize, NORMALIZE_PATTERNS, unquote } from './normalize';
import { isCompleteFact } from './parse-line';
import { stripPrefixes } from './prefixes';

const norm = (text: string) => normalize(text, isCompleteFact);
const texts = (text: string) => norm(text).lines.map((l) => [l.line, l.text]);

describe('capture prefixes', () => {
  it.each([
    ['[    0.000000] BIOS-e820: x', 'BIOS-e820: x', 0, 'dmesg'],
    ['[ 0.000000] Linux version 5.0.0', 'Linux version 5.0.0', 0, 'dmesg'],
    ['0.000000] psci: probing', 'psci: probing', 0, 'dmesg'],
    ['<6>[    1.500000] Memory: x', 'Memory: x', 1.5, 'dmesg'],
    ['[    0.000000] [    T0] Zone ranges:', 'Zone ranges:', 0, 'dmesg'],
    ['[Mon May 24 14:45:11 2021] Zone ranges:', 'Zone ranges:', null, 'dmesg'],
    ['kern  :info  : [    0.000000] Zone ranges:', 'Zone ranges:', 0, 'dmesg'],
    ['Jun 11 20:15:39 hyperv kernel: Linux version 5.13', 'Linux version 5.13', null, 'journal'],
    ['May 24 14:45:11 Corwin Bootmem setup node 0 ', 'Bootmem setup node 0 ', null, 'syslog'],
    ['May 24 14:45:11 host kernel: [    0.000000] Zone ranges:', 'Zone ranges:', 0, 'journal'],
    ['2021-06-11T20:15:39-0700 host kernel: Zone ranges:', 'Zone ranges:', null, 'journal'],
    ['[    0.738341] kernel: BIOS-e820: x', 'BIOS-e820: x', 0.738341, 'journal'],
    ['[    0.738341] myhost kernel: BIOS-e820: x', 'BIOS-e820: x', 0.738341, 'journal'],
    ['Welcome to Debian', 'Welcome to Debian', null, 'none'],
  ])('%s', (line, text, time, kind) => {
    expect(stripPrefixes(line)).toMatchObject({ text, time, kind, source: 'kernel' });
  });

  it('other programs in syslog and the Xen hypervisor are told apart', () => {
    expect(stripPrefixes('Jun 11 20:15:39 hyperv systemd[1]: Started x').source).toBe('other');
    expect(stripPrefixes('(XEN) Xen-e820 RAM map:')).toMatchObject({
      text: 'Xen-e820 RAM map:',
      source: 'xen',
    });
  });
});

describe('serial and mail debris', () => {
  it('hasControl finds exactly the characters controls removes', () => {
    const text = fc.string({
      unit: fc.integer({ min: 0, max: 0x9f }).map((c) => String.fromCharCode(c)),
    });
    const controls = new RegExp(NORMALIZE_PATTERNS.controls.source);
    fc.assert(
      fc.property(fc.oneof(text, fc.string()), (s) => {
        expect(hasControl(s)).toBe(controls.test(s));
      }),
      { numRuns: 2000 },
    );
  });

  it('hasControl reads a long text to its end, and again from its start each time', () => {
    const long = 'memblock_reserve: [0x0-0xfff]\n'.repeat(4000);
    expect(hasControl(long)).toBe(false);
    expect(hasControl(long + '\x7f')).toBe(true);
    expect(hasControl('\x00' + long)).toBe(true);
    expect(hasControl('')).toBe(false);
    expect(hasControl(long)).toBe(false);
  });

  it('quotes of any depth lose one space per mark', () => {
    expect(unquote('> [    0.0] x')).toBe('[    0.0] x');
    expect(unquote('>> [ 0.0] x')).toBe('[ 0.0] x');
    expect(unquote('>>>>>  CPU 01.')).toBe(' CPU 01.');
    expect(unquote('>>>>>')).toBe('');
  });

  it('CR CR LF, ANSI escapes and a kernel line glued after boot-loader output', () => {
    const lines = norm(
      '\x1bc\x1b[?7l\x1b[2JSeaBIOS\r\r\nBooting from ROM..\x1bc\x1b[0m.\r[    0.000000] Linux version 5.2.0 (x)\r\r\n',
    ).lines;
    expect(lines.map((l) => [l.line, l.text, l.time])).toEqual([
      [1, 'SeaBIOS', null],
      [2, 'Linux version 5.2.0 (x)', 0],
    ]);
  });

  it('a printk cutting a systemd status line starts a kernel line of its own', () => {
    expect(
      texts('[  OK  ] Stopped ta[   13.347698] printk: systemd: 19 output lines suppressed')[0],
    ).toEqual([1, 'printk: systemd: 19 output lines suppressed']);
  });

  it('lines beyond MAX_LINE characters are cut, and counted', () => {
    const n = norm('x'.repeat(MAX_LINE * 3) + '\nZone ranges:');
    expect(n.lines[0]?.text.length).toBe(MAX_LINE);
    expect(n.stats.cut).toBe(1);
  });
});

describe('wrapped lines', () => {
  const stamped = (s: string) => `[    0.000000] ${s}`;

  it('an 80-column console wrap in mid-word joins without a space', () => {
    const head = stamped('setup: Linux is running as a z/VM guest operating system in 64-bi');
    expect(head.length).toBe(80);
    expect(texts(`${head}\nt mode          \n${stamped('Zone ranges:')}`)).toEqual([
      [1, 'setup: Linux is running as a z/VM guest operating system in 64-bit mode'],
      [3, 'Zone ranges:'],
    ]);
  });

  it('a wrap after a trailing space, and an unbalanced parenthesis, join', () => {
    expect(
      texts(
        'May 24 14:45:11 h Bootmem setup node 0 \n0000000000000000-000000001fffffff\nMay 24 14:45:11 h x',
      )[0],
    ).toEqual([1, 'Bootmem setup node 0 0000000000000000-000000001fffffff']);
    expect(
      texts(
        `${stamped('Memory: 109492k/180204k available (6124k kernel code,')}\n49152k absent, 21560k\n${stamped('x')}`,
      )[0]?.[1],
    ).toBe('Memory: 109492k/180204k available (6124k kernel code, 49152k absent, 21560k');
  });

  it('a mail-wrapped memory line without timestamps joins only where it is unfinished', () => {
    expect(
      texts(
        'Linux version 5.10.0-1-amd64 (a@b) (gcc-10\n(Debian 10.2.1-3) 10.2.1)\n#1 SMP Debian 5.10.4-1\nZone ranges:',
      ).map((l) => l[1]),
    ).toEqual([
      'Linux version 5.10.0-1-amd64 (a@b) (gcc-10 (Debian 10.2.1-3) 10.2.1) #1 SMP Debian 5.10.4-1',
      'Zone ranges:',
    ]);
  });

  it('command lines continue with parameters, not with messages', () => {
    expect(
      texts('Command line: BOOT_IMAGE=/vmlinuz\nroot=/dev/sda1 ro quiet\nx86/fpu: foo').map(
        (l) => l[1],
      ),
    ).toEqual(['Command line: BOOT_IMAGE=/vmlinuz root=/dev/sda1 ro quiet', 'x86/fpu: foo']);
    expect(
      texts(
        'Kernel command line: root=/dev/sda1\nSetting dangerous option i915.enable_guc - tainting kernel',
      ),
    ).toHaveLength(2);
    expect(texts(`${stamped('Command line: ro mem=4G')}\n...\n${stamped('x')}`)).toHaveLength(3);
  });

  it('complete facts are never continued, and indented or prefixed lines never continue anything', () => {
    const log = [
      stamped('BIOS-e820: [mem 0x0000000000000000-0x000000000009fbff] usable'),
      'dracut:/# ',
      stamped('pci 0000:00:00.0 config space:'),
      '  00: 86 80 c0 29 07 00 00 00 00 00 00 06 00 00 00 00',
    ].join('\n');
    expect(norm(log).lines.map((l) => l.lastLine - l.line)).toEqual([0, 0, 0, 0]);
  });

  it('an e820 line wrapped by a mail client joins back into a fact', () => {
    expect(
      texts(
        `${stamped('BIOS-e820: [mem 0x0000000000000000-0x000000000009fbff]')}\nusable\n${stamped('x')}`,
      )[0],
    ).toEqual([1, 'BIOS-e820: [mem 0x0000000000000000-0x000000000009fbff] usable']);
  });
});
