/** `bootmap agree FILE [--boot N] [--json]`: the log against the run of its version's rules. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CORPUS_SKIP, HAVE_CORPUS, readCorpus } from '../src-core/testing/shared-corpus';
import { run } from './commands';

if (!HAVE_CORPUS) console.warn(`agree.test.ts, corpus logs: ${CORPUS_SKIP}`);

const read = async (path: string): Promise<string> => {
  if (path.startsWith('fixtures/'))
    return readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');
  if (path.startsWith('corpus/')) return readCorpus(path.slice('corpus/'.length));
  if (path === 'old.log')
    return [
      'Linux version 2.6.25-1 (x) #1',
      'Command line: ro crashkernel=64M@16M',
      'BIOS-provided physical RAM map:',
      ' BIOS-e820: 0000000000000000 - 000000000009fc00 (usable)',
      ' BIOS-e820: 0000000000100000 - 0000000080000000 (usable)',
      'crashkernel reservation failed - memory is in use',
    ]
      .map((l) => `[    0.000000] ${l}`)
      .join('\n');
  throw new Error(`ENOENT: no such file or directory, open '${path}'`);
};

interface Doc {
  file: string;
  boot: number;
  kernel: string | null;
  version: string | null;
  model: string | null;
  rows: {
    topic: string;
    what: string;
    status: string;
    log: { start: string | null; end: string | null; text: string } | null;
    model: { start: string | null; end: string | null; text: string } | null;
    reason?: string;
  }[];
  counts: { agree: number; differ: number; unchecked: number };
  notes: string[];
}

async function doc(file: string, ...rest: string[]): Promise<Doc> {
  const r = await run(['agree', file, '--json', ...rest], read);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as Doc;
}

describe('agree --json', () => {
  it('on a real 6.1 boot every fact agrees, with the contract’s fields', async () => {
    const d = await doc('fixtures/oracle/m4G-ck128M@512M.log');
    expect(Object.keys(d)).toEqual([
      'file',
      'boot',
      'kernel',
      'version',
      'model',
      'rows',
      'counts',
      'notes',
    ]);
    expect(d).toMatchObject({ boot: 1, version: '6.1', model: 'memblock-6.1' });
    expect(d.kernel).toMatch(/^6\.1\.0-/);
    expect(d.counts.differ).toBe(0);
    expect(d.counts.agree).toBe(d.rows.length);
    const window = d.rows.find((r) => r.topic === 'crashkernel' && r.what === 'window');
    expect(window?.log).toEqual({
      start: '0x20000000',
      end: '0x28000000',
      text: '[mem 0x0000000020000000-0x0000000027ffffff] (128 MiB)',
    });
  });

  it('a 2.6.25 log runs 2.6.25’s rules: the refused crashkernel agrees', async () => {
    const d = await doc('old.log');
    expect(d).toMatchObject({ kernel: '2.6.25-1', version: '2.6.25', model: 'bootmem-2.6.24' });
    expect(d.rows.find((r) => r.topic === 'crashkernel' && r.what === 'outcome')).toMatchObject({
      status: 'agree',
      log: { text: 'failed' },
    });
  });

  it('the readable form marks each row and ends with the counts', async () => {
    const r = await run(['agree', 'fixtures/oracle/m512M.log'], read);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^fixtures\/oracle\/m512M\.log, boot 1: Linux 6\.1\.0-\S+ against memblock-6\.1 with the rules of 6\.1\n/,
    );
    expect(r.stdout).toMatch(/\n {2}= e820 /);
    expect(r.stdout).toMatch(/\n\d+ agree, 0 differ, \d+ unchecked$/);
  });

  it('bad input: a message and status 2', async () => {
    expect(await run(['agree'], read)).toMatchObject({ code: 2 });
    expect((await run(['agree', 'nope.log'], read)).stderr).toBe(
      "bootmap: cannot read nope.log: no such file or directory, open 'nope.log'",
    );
    expect((await run(['agree', 'old.log', '--boot', 'x'], read)).stderr).toMatch(
      /--boot needs a boot number/,
    );
  });
});

describe.runIf(HAVE_CORPUS)('agree on public logs', () => {
  it('5.3’s crash window lands below the EFI boot-services regions, as in the log; the kexec boot’s says why it does not', async () => {
    const file =
      'corpus/14-asus-zenbook-gentoo-5.3-16gb-no-timestamps-efi-debug-normal-and-kexec-boot.txt';
    const window = (d: Doc) => d.rows.find((r) => r.topic === 'crashkernel' && r.what === 'window');
    expect(window(await doc(file))?.status).toBe('agree');
    const w = window(await doc(file, '--boot', '2'));
    expect(w?.status).toBe('differ');
    expect(w?.reason).toMatch(
      /^In the log the crash kernel window is 96 MiB lower than in the run: the log's kernel had something in \[mem 0x000000006d000000-0x0000000072ffffff\] that the run leaves free\. memblock allocates top-down/,
    );
  });

  it('a 32-bit log is not compared, and says why', async () => {
    const d = await doc('corpus/02-ubuntu-2.6.32-i386-3gb-highmem-bootmem-bootmap-early-res.txt');
    expect(d).toMatchObject({ model: null, rows: [], version: null });
    expect(d.notes[0]).toMatch(/32-bit x86 is not modelled/);
  });
});
