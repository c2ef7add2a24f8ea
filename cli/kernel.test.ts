/** `--kernel VERSION` on simulate, compare and advise, and `bootmap rules`. */
import { describe, expect, it } from 'vitest';
import { run } from './commands';

const read = async (path: string): Promise<string> => {
  throw new Error(`ENOENT: no such file or directory, open '${path}'`);
};

const json = async (args: string[]): Promise<Record<string, unknown>> => {
  const r = await run(args, read);
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout) as Record<string, unknown>;
};

describe('--kernel VERSION', () => {
  it('simulate runs the model that follows the release, with its rules', async () => {
    const d = await json(['simulate', '--preset', 'seed-2.6.23', '--kernel', '2.6.25', '--json']);
    expect(d.model).toBe('bootmem-2.6.24');
    expect(d.crashkernel).toMatchObject({
      outcome: 'failed',
      message: 'crashkernel reservation failed - memory is in use',
    });
  });

  it('--model still wins over the release’s model, which then runs its own version', async () => {
    const d = await json([
      'simulate',
      '--preset',
      'seed-2.6.23',
      '--kernel',
      '2.6.25',
      '--model',
      'bootmem-2.6.23',
      '--json',
    ]);
    expect(d.model).toBe('bootmem-2.6.23');
    expect((d.crashkernel as { outcome: string }).outcome).toBe('reserved');
  });

  it('compare runs every model; the one that follows the release uses its rules', async () => {
    const d = (await json(['compare', '--preset', 'seed-2.6.23', '--kernel', '2.6.26', '--json']))
      .models as { model: string; crashkernel: { outcome: string } }[];
    expect(d.find((m) => m.model === 'bootmem-2.6.24')?.crashkernel.outcome).toBe('failed');
    expect(d.find((m) => m.model === 'bootmem-2.6.23')?.crashkernel.outcome).toBe('reserved');
  });

  it('advise answers for the release', async () => {
    const r = await run(
      ['advise', '--preset', 'seed-2.6.23', '--kernel', '2.6.25', '--json'],
      read,
    );
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { model: string }).model).toBe('bootmem-2.6.24');
  });

  it('a string that is no release is refused with status 2', async () => {
    const r = await run(['simulate', '--preset', 'seed-2.6.23', '--kernel', 'linux'], read);
    expect(r).toMatchObject({
      code: 2,
      stderr:
        'bootmap: --kernel needs a kernel release such as 2.6.25 or 4.19.0-6-amd64, not "linux"',
    });
  });
});

describe('rules', () => {
  it('prints the table with each change’s commit, or one version’s rules', async () => {
    const all = await run(['rules'], read);
    expect(all.stdout).toMatch(
      /^crashReserve: How crashkernel= is reserved\n(.*\n)*? {2}from 2\.6\.25 {2}"exclusive" — 72a7fe3967db/m,
    );
    const one = await json(['rules', '--kernel', '4.19.0-6-amd64', '--json']);
    expect(one).toMatchObject({ version: '4.19', model: 'memblock-6.1' });
    expect((one.rules as { crashLowMax: number }).crashLowMax).toBe(896 * 2 ** 20);
    expect((await run(['rules', '--kernel', 'x'], read)).code).toBe(2);
  });
});
