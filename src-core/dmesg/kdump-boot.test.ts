/**
 * Capture kernels in real logs (corpus 11, 13, 14, read from ../shared) and in our QEMU
 * capture-kernel boots (fixtures/oracle).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MiB } from '../base/addr';
import { CORPUS_SKIP, corpusLog, HAVE_CORPUS } from '../testing/shared-corpus';
import { importLog, type ImportOk } from './import-log';

const load = (text: string, boot?: number): ImportOk => {
  const r = importLog(text, boot === undefined ? {} : { boot });
  if (!r.ok) throw new Error(r.error);
  return r;
};

describe('a QEMU capture-kernel boot', () => {
  const text = readFileSync(
    join(__dirname, '../../fixtures/oracle/m4G-kdump-exactmap-256M@0x6f000000.log'),
    'utf8',
  );
  const r = load(text);

  it('is recognised by its exactmap: the window is its RAM above 1 MiB', () => {
    expect(r.kdump?.capture.window).toEqual({ start: 0x6f000000, end: 0x7f000000 });
    expect(r.kdump?.capture.availableK).toBe(147324);
  });

  it('ends in the root-mount panic, not out of memory: no kdump-oom finding', () => {
    expect(r.kdump?.capture.failure?.kind).toBe('panic');
    expect(r.kdump?.finding).toBeNull();
    expect(r.observed.findings.filter((f) => f.kind === 'kdump-oom')).toEqual([]);
  });
});

it("a first kernel's boot alone has no capture kernel", () => {
  const text = readFileSync(join(__dirname, '../../fixtures/oracle/m2G-ck256M.log'), 'utf8');
  expect(load(text).kdump).toBeNull();
});

if (!HAVE_CORPUS) console.warn(`kdump-boot.test.ts: ${CORPUS_SKIP}`);

describe.runIf(HAVE_CORPUS)('corpus logs with a kdump kernel', () => {
  it('13: the 1 TiB Dell — the capture kernel of boot 2 deadlocks on memory in 256 MiB', () => {
    const { text } = corpusLog('13-');
    const r = load(text);
    const k = r.kdump;
    expect(k?.capture.boot).toBe(2);
    expect(k?.crashed).toBe(1);
    // As printed: BIOS-e820 usable [0x27000000-0x36f6dfff] = 624 MiB, the window of boot 1's
    // "Reserving 256MB of memory at 624MB", less kexec's backup region and ELF headers at its top.
    expect(k?.capture.window).toEqual({ start: 624 * MiB, end: 0x36f6e000 });
    expect(k?.capture.availableK).toBe(129092);
    expect(k?.capture.failure?.kind).toBe('deadlock');
    const f = k?.finding;
    expect(f?.kind).toBe('kdump-oom');
    expect(f?.detail).toContain('System is deadlocked on memory');
    // The estimate for that machine (128 possible CPUs kept by maxcpus=1, SRAT above 4 GiB so a
    // 64 MiB swiotlb) is larger than the 256 MiB it had.
    const m = /crashkernel=(\d+)M/.exec(f?.detail ?? '');
    expect(Number(m?.[1])).toBeGreaterThan(256);
  });

  it('13: both boots on one timeline, the second as the capture-kernel phase', () => {
    const r = load(corpusLog('13-').text, 1);
    const phases = r.observed.events.map((e) => e.phase);
    expect(phases).toContain('capture-kernel');
    expect(phases.indexOf('capture-kernel')).toBeGreaterThan(phases.lastIndexOf('retire'));
    expect(r.observed.findings.map((f) => f.kind)).toContain('kdump-oom');
  });

  it('11: a 3.2 kdump kernel recognised by its kexec user map although the command line is cut', () => {
    const r = load(corpusLog('11-').text);
    expect(r.kdump?.capture.window).toEqual({ start: 0x3090000, end: 0xaffb000 });
    expect(r.kdump?.capture.availableK).toBe(109492);
    expect(r.kdump?.finding).toBeNull();
  });

  it('14: a plain kexec reboot is not a capture kernel (all of RAM, no elfcorehdr=)', () => {
    const { text } = corpusLog('14-');
    expect(load(text, 2).kdump).toBeNull();
  });
});
