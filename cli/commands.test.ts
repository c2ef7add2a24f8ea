import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { preset, scenarioToJson } from '../src-core';
import { run } from './commands';

const files: Record<string, string> = {
  'seed.json': JSON.stringify(scenarioToJson(preset('seed-2.6.23')!)),
  'broken.json': '{"version": 1, ',
  'invalid.json': JSON.stringify({
    ...(scenarioToJson(preset('seed-2.6.23')!) as object),
    cmdline: 42,
  }),
};
const read = async (p: string) => {
  const f = files[p];
  if (f === undefined) throw new Error(`ENOENT: no such file or directory, open '${p}'`);
  return f;
};

describe('bootmap simulate', () => {
  it('--preset --json prints the contract document', async () => {
    const r = await run(['simulate', '--preset', 'seed-2.6.23', '--json'], read);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.model).toBe('bootmem-2.6.23');
    expect(doc.bitmaps[0]).toEqual({ node: 0, start: '0xf9b000', end: '0x111b000' });
    expect(doc.crashkernel).toMatchObject({
      outcome: 'reserved',
      start: '0x1000000',
      end: '0x9000000',
    });
    expect(doc.findings.map((f: { kind: string }) => f.kind)).toEqual([
      'double-reservation',
      'freed-while-reserved',
      'kdump-corruption',
    ]);
    for (const e of doc.events) {
      expect(Object.keys(e)).toEqual(
        expect.arrayContaining([
          'step',
          'phase',
          'kind',
          'start',
          'end',
          'label',
          'fn',
          'dmesg',
          'explain',
        ]),
      );
      expect(e.start).toMatch(/^0x[0-9a-f]+$/);
    }
  });
  it('without --json prints a readable listing with kernel-style ranges and the findings', async () => {
    const r = await run(['simulate', '--preset', 'seed-2.6.23'], read);
    expect(r.stdout).toContain(
      'node 0 bootmem bitmap placed at 0xf9b000 [mem 0x0000000000f9b000-0x000000000111afff]',
    );
    expect(r.stdout).toContain('kdump-corruption [mem 0x0000000001000000-0x000000000111afff]');
  });
  it('--scenario reads a scenario file; the result equals the preset run', async () => {
    const a = await run(['simulate', '--scenario', 'seed.json', '--json'], read);
    const b = await run(['simulate', '--preset', 'seed-2.6.23', '--json'], read);
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
  });
  it.each([
    [['simulate', '--preset', 'nope'], 'unknown preset "nope"'],
    [['simulate', '--scenario', 'missing.json'], 'cannot read missing.json'],
    [['simulate', '--scenario', 'broken.json'], 'broken.json is not valid JSON'],
    [['simulate', '--scenario', 'invalid.json'], 'cmdline: cmdline must be a string'],
    [['simulate', '--preset', 'seed-2.6.23', '--model', 'linux-9.9'], 'unknown model "linux-9.9"'],
    [['simulate', '--preset'], '--preset needs a value'],
    [['simulate', '--bogus'], 'unknown option --bogus'],
    [['simulate'], 'give --preset NAME, --scenario FILE or --from-log FILE'],
    [['frobnicate'], 'unknown command "frobnicate"'],
  ])('bad input %j: exit 2 and a clear message', async (args, message) => {
    const r = await run(args, read);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(message);
  });
});

describe('bootmap compare', () => {
  it('runs the seed machine under every model: corruption, refusal, then clean reservations', async () => {
    const r = await run(['compare', '--preset', 'seed-2.6.23', '--json'], read);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as {
      models: { model: string; crashkernel: { outcome: string }; findings: unknown[] }[];
    };
    const byModel = Object.fromEntries(doc.models.map((m) => [m.model, m]));
    expect(byModel['bootmem-2.6.23']!.findings).toHaveLength(3);
    expect(byModel['bootmem-2.6.24']!.findings).toHaveLength(3);
    expect(byModel['bootmem-exclusive-2.6.27']!.crashkernel.outcome).toBe('failed');
    expect(byModel['early-res-2.6.33']!.findings).toEqual([]);
    expect(byModel['nobootmem-2.6.34']!.crashkernel.outcome).toBe('reserved');
  });
  it('prints a table without --json', async () => {
    const r = await run(['compare', '--preset', 'seed-2.6.23'], read);
    expect(r.stdout).toMatch(
      /bootmem-exclusive-2\.6\.27\s+FAILED: crashkernel reservation failed - memory is in use/,
    );
  });
  it('--cmdline replaces the command line, so a suggestion can be tried in one command', async () => {
    const r = await run(
      ['simulate', '--preset', 'seed-2.6.23', '--cmdline', 'crashkernel=128M@256M', '--json'],
      read,
    );
    const doc = JSON.parse(r.stdout);
    expect(doc.crashkernel).toMatchObject({ outcome: 'reserved', start: '0x10000000' });
    expect(doc.findings).toEqual([]);
  });
  it('--model is not an option of compare', async () => {
    const r = await run(['compare', '--preset', 'seed-2.6.23', '--model', 'bootmem-2.6.23'], read);
    expect(r).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown option --model') });
  });
});

describe('bootmap advise', () => {
  it('--estimate --json adds the estimate: size, named parts adding up, ready command lines', async () => {
    const r = await run(
      ['advise', '--preset', 'qemu-6.1-4g', '--estimate', '--initrd', '24M', '--json'],
      read,
    );
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.model).toBe('memblock-6.1');
    const e = doc.estimate;
    expect(e.size).toMatch(/^0x[0-9a-f]+00000$/);
    // Without --size the advice is for the estimated size.
    expect(doc.size).toBe(e.size);
    const sum = e.parts.reduce((t: number, p: { bytes: string }) => t + parseInt(p.bytes, 16), 0);
    expect(sum).toBe(parseInt(e.window.end, 16) - parseInt(e.window.start, 16));
    for (const p of e.parts) expect(Object.keys(p)).toEqual(['what', 'bytes', 'why']);
    expect(e.recommended[0]).toBe(`crashkernel=${parseInt(e.size, 16) / 2 ** 20}M`);
    expect(e.tables.map((t: { id: string }) => t.id)).toEqual([
      'rhel9',
      'rhel8-auto',
      'suse-default',
    ]);
    expect(e.capture.memoryLine).toMatch(/^Memory: \d+K\/\d+K available/);
    const smaller = JSON.parse(
      (
        await run(
          ['advise', '--preset', 'qemu-6.1-4g', '--estimate', '--initrd', '8M', '--json'],
          read,
        )
      ).stdout,
    );
    expect(parseInt(smaller.estimate.size, 16)).toBeLessThan(parseInt(e.size, 16));
  });
  it('--estimate explains bad options and reads as text', async () => {
    const bad = await run(
      ['advise', '--preset', 'qemu-6.1-4g', '--estimate', '--loader', 'x'],
      read,
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--loader must be one of kexec_file_load, kexec_load');
    const text = await run(['advise', '--preset', 'qemu-6.1-4g', '--estimate'], read);
    expect(text.stdout).toMatch(/^crashkernel needed under memblock-6\.1: \d+ MiB/);
    expect(text.stdout).toContain('RHEL 9 / Fedora default');
  });
  it('--json prints the contract: model, size, safe ranges of bases, unsafe with reasons, suggestions', async () => {
    const r = await run(['advise', '--preset', 'seed-2.6.23', '--size', '128M', '--json'], read);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ model: 'bootmem-2.6.23', size: '0x8000000' });
    expect(doc.safe[0]).toEqual({ start: '0x111b000', end: '0x2fa4f000' });
    const at16 = doc.unsafe.find(
      (u: { start: string; end: string }) =>
        parseInt(u.start, 16) <= 0x1000000 && 0x1000000 < parseInt(u.end, 16),
    );
    expect(at16.reason).toContain('corrupts');
    expect(doc.suggestions.length).toBeGreaterThan(0);
  });
  it('every suggestion, tried with simulate --cmdline, gives a clean run under its model', async () => {
    for (const model of [
      'bootmem-2.6.23',
      'bootmem-2.6.24',
      'bootmem-exclusive-2.6.27',
      'early-res-2.6.33',
      'nobootmem-2.6.34',
    ]) {
      const a = JSON.parse(
        (await run(['advise', '--preset', 'seed-2.6.23', '--model', model, '--json'], read)).stdout,
      );
      for (const sug of a.suggestions as string[]) {
        const sim = JSON.parse(
          (
            await run(
              ['simulate', '--preset', 'seed-2.6.23', '--model', model, '--cmdline', sug, '--json'],
              read,
            )
          ).stdout,
        );
        expect(sim.crashkernel.outcome, `${model} ${sug}`).toBe('reserved');
        expect(sim.findings, `${model} ${sug}`).toEqual([]);
      }
    }
  });
  it('takes the size from the command line when --size is not given, and says when there is none', async () => {
    expect(
      JSON.parse((await run(['advise', '--preset', 'seed-2.6.23', '--json'], read)).stdout).size,
    ).toBe('0x8000000');
    const r = await run(['advise', '--preset', 'seed-2.6.23', '--cmdline', 'quiet'], read);
    expect(r).toMatchObject({ code: 2, stderr: expect.stringContaining('give --size SIZE') });
  });
});

describe('the real command', () => {
  it('exits 2 with one line on stderr and no stack trace', () => {
    let status = 0;
    let stderr = '';
    try {
      execFileSync('npx', ['tsx', 'cli/main.ts', 'simulate', '--preset', 'missing'], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    } catch (e) {
      const err = e as { status: number; stderr: string };
      status = err.status;
      stderr = err.stderr;
    }
    expect(status).toBe(2);
    expect(stderr).toMatch(/^bootmap: unknown preset "missing"/);
    expect(stderr).not.toMatch(/\n\s+at /);
  });
  it('the seed scenario fixture file is the preset', () => {
    const text = readFileSync('fixtures/scenarios/seed-2.6.23.json', 'utf8');
    expect(JSON.parse(text)).toEqual(scenarioToJson(preset('seed-2.6.23')!));
  });
});

describe('state as text and lookup', () => {
  it('simulate --iomem --step prints /proc/iomem at that step', async () => {
    const r = await run(['simulate', '--preset', 'seed-2.6.23', '--iomem', '--step', '31'], read);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')).toContain('  01000000-08ffffff : Crash kernel');
  });

  it('simulate --allocator --diff-from gives a unified diff of two steps', async () => {
    const r = await run(
      [
        'simulate',
        '--preset',
        'seed-2.6.23',
        '--model',
        'early-res-2.6.33',
        '--allocator',
        '--diff-from',
        '8',
        '--step',
        '9',
      ],
      read,
    );
    expect(r.stdout.split('\n').slice(0, 2)).toEqual(['--- step 8', '+++ step 9']);
    expect(r.stdout).toContain('+  #8 [0001000000 - 0009000000]     CRASH KERNEL');
  });

  it('lookup ADDR prints the owners and every change', async () => {
    const r = await run(['lookup', 'pfn 0x1000', '--preset', 'seed-2.6.23', '--step', '33'], read);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('PHYSICAL 0x1000000 (16 MiB)  PFN 0x1000');
    expect(r.stdout).toContain('step 31   + crash window    crashkernel window (reserved)');
  });

  it.each([
    [['lookup', '--preset', 'seed-2.6.23'], 'give the address to look up'],
    [['lookup', '0xzz', '--preset', 'seed-2.6.23'], 'cannot read "xzz" after the number'],
    [
      ['simulate', '--preset', 'seed-2.6.23', '--iomem', '--step', '99'],
      '--step needs a step from 0 to 38',
    ],
    [
      ['simulate', '--preset', 'seed-2.6.23', '--diff-from', '3'],
      '--diff-from goes with --iomem or --allocator',
    ],
  ])('%j is refused with a message', async (args, message) => {
    const r = await run(args, read);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });
});
