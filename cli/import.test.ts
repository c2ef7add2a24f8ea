/** `bootmap import FILE [--boot N] [--json]`, through the same run() the CLI calls. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CORPUS_SKIP, HAVE_CORPUS, readCorpus } from '../src-core/testing/shared-corpus';
import { run } from './commands';

if (!HAVE_CORPUS) console.warn(`import.test.ts, two-boot corpus log: ${CORPUS_SKIP}`);

const fixture = (p: string) => new URL(`../fixtures/${p}`, import.meta.url);
const read = async (path: string): Promise<string> => {
  if (path.startsWith('fixtures/'))
    return readFileSync(fixture(path.slice('fixtures/'.length)), 'utf8');
  if (path.startsWith('corpus/')) return readCorpus(path.slice('corpus/'.length));
  if (path === 'garbage.txt') return 'just some text\nnothing to see\n';
  throw new Error(`ENOENT: no such file or directory, open '${path}'`);
};

const ORACLE = 'fixtures/oracle/m4G-mem3G-memmap64M-reserved-at-256M-ck256M.log';
const TWO_BOOTS =
  'corpus/14-asus-zenbook-gentoo-5.3-16gb-no-timestamps-efi-debug-normal-and-kexec-boot.txt';

async function json(args: string[]): Promise<Record<string, unknown>> {
  const r = await run(['import', ...args, '--json'], read);
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

describe('import --json', () => {
  it('has the simulate document’s shape plus what the log says', async () => {
    const doc = await json([ORACLE]);
    expect(Object.keys(doc)).toEqual(
      expect.arrayContaining([
        'model',
        'events',
        'crashkernel',
        'zones',
        'findings',
        'kernel',
        'cmdline',
        'e820',
        'e820User',
        'zoneRanges',
        'nodes',
        'unrecognized',
      ]),
    );
    expect(doc.model).toBe('observed');
    expect(doc.kernel).toEqual({ version: '6.1.0-56-amd64', arch: 'x86_64' });
    expect(doc.cmdline).toBe(
      'console=ttyS0 earlyprintk=serial nokaslr memblock=debug loglevel=8 panic=-1 mem=3G memmap=64M$256M crashkernel=256M',
    );
    expect((doc.e820 as unknown[])[0]).toEqual({ start: '0x0', end: '0x9fc00', type: 'usable' });
    expect((doc.e820User as unknown[])[4]).toEqual({
      start: '0x10000000',
      end: '0x14000000',
      type: 'reserved',
    });
    expect(doc.zoneRanges).toEqual([
      { zone: 'DMA', start: '0x1000', end: '0x1000000' },
      { zone: 'DMA32', start: '0x1000000', end: '0xbffe0000' },
    ]);
    expect(doc.nodes).toEqual([
      {
        node: 0,
        ranges: [
          { start: '0x1000', end: '0x9f000' },
          { start: '0x100000', end: '0x10000000' },
          { start: '0x14000000', end: '0xbffe0000' },
        ],
      },
    ]);
    expect(doc.crashkernel).toMatchObject({
      outcome: 'reserved',
      start: '0xaf000000',
      end: '0xbf000000',
    });
    expect(doc.unrecognized).toEqual([]);
    expect(doc.boots).toBeUndefined();
    const first = (doc.events as Record<string, unknown>[])[0];
    expect(first).toMatchObject({ step: 0, line: 16, phase: 'firmware', kind: 'version' });
    expect((doc.importedScenario as { model: string }).model).toBe('memblock-6.1');
  });

  it.runIf(HAVE_CORPUS)(
    'lists the boots when there are several, and --boot picks one',
    async () => {
      const doc = await json([TWO_BOOTS]);
      expect(doc.boots).toEqual([
        { boot: 1, lines: { start: 1, end: 1088 }, version: '5.3.11-gentoo', complete: true },
        { boot: 2, lines: { start: 1088, end: 2101 }, version: '5.3.11-gentoo', complete: true },
      ]);
      expect(doc.boot).toBe(1);
      const second = await json([TWO_BOOTS, '--boot', '2']);
      expect(second.boot).toBe(2);
      expect(second.crashkernel).toMatchObject({ start: '0x67000000' });
    },
  );
});

describe('import as text', () => {
  it('prints a readable summary', async () => {
    const r = await run(['import', ORACLE], read);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').slice(0, 2)).toEqual([
      '1 boot in 540 lines; boot 1 (lines 1–540).',
      'Linux 6.1.0-56-amd64 on x86_64.',
    ]);
    expect(r.stdout).toContain('  [mem 0x0000000010000000-0x0000000013ffffff] reserved (64 MiB)');
    expect(r.stdout).toContain('scenario: model memblock-6.1');
  });
});

describe('import errors exit 2 with a message, never a stack trace', () => {
  it.each([
    [['import'], 'bootmap: give the boot log to import: bootmap import FILE [--boot N] [--json]'],
    [
      ['import', 'missing.log'],
      "bootmap: cannot read missing.log: no such file or directory, open 'missing.log'",
    ],
    [
      ['import', 'garbage.txt'],
      'bootmap: garbage.txt: not a boot log: none of its 2 lines is an early-boot memory message',
    ],
    [
      ['import', ORACLE, '--boot', 'two'],
      'bootmap: --boot needs a boot number (1, 2, ...), not "two"',
    ],
    [
      ['import', ORACLE, '--boot', '2'],
      `bootmap: ${ORACLE}: there is no boot 2: the log holds 1 boot: 1 (lines 1–540)`,
    ],
    [['import', ORACLE, '--fast'], 'bootmap: unknown option --fast'],
  ])('%j', async (args, message) => {
    const r = await run(args, read);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.startsWith(message)).toBe(true);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('simulate is unchanged', () => {
  it('still runs the seed preset', async () => {
    expect((await run(['simulate', '--preset', 'seed-2.6.23'], read)).code).toBe(0);
  });
});
