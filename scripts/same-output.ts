/**
 * Proof that a speed-up changed no behaviour: the CLI's `import --json` on every oracle log and
 * every public corpus log, and `simulate --json` (and `--from-log`) on every preset under every
 * model, must print exactly what a base revision prints.
 *
 *     npx tsx scripts/same-output.ts            # against where this branch left main
 *     npx tsx scripts/same-output.ts --base REF # against another revision
 *     npx tsx scripts/same-output.ts --digests  # only print this tree's digests (JSON)
 *
 * The base revision runs in a temporary `git worktree` sharing this tree's node_modules; each
 * output is reduced to a SHA-256 digest, so the two sides compare as two small JSON documents.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from '../cli/commands';
import { MODEL_IDS, PRESET_NAMES } from '../src-core';
import { CORPUS_DIR, corpusFiles } from '../src-core/testing/shared-corpus';

const root = fileURLToPath(new URL('..', import.meta.url));
const oracleDir = join(root, 'fixtures/oracle/');
const read = (path: string): Promise<string> => Promise.resolve(readFileSync(path, 'utf8'));

async function digests(): Promise<Record<string, string>> {
  const cases: [string, string[]][] = [];
  const oracle = readdirSync(oracleDir)
    .filter((f) => f.endsWith('.log'))
    .sort()
    .map((f) => oracleDir + f);
  for (const log of [...oracle, ...corpusFiles().map((f) => CORPUS_DIR + f)])
    cases.push([`import ${log}`, ['import', log, '--json']]);
  for (const log of oracle)
    cases.push([`simulate --from-log ${log}`, ['simulate', '--from-log', log, '--json']]);
  for (const name of PRESET_NAMES) {
    cases.push([`simulate ${name}`, ['simulate', '--preset', name, '--json']]);
    for (const model of MODEL_IDS)
      cases.push([
        `simulate ${name} --model ${model}`,
        ['simulate', '--preset', name, '--model', model, '--json'],
      ]);
  }
  const out: Record<string, string> = {};
  for (const [name, args] of cases) {
    const r = await run(args, read);
    out[name.replaceAll(root, '').replaceAll(CORPUS_DIR, 'corpus/')] = createHash('sha256')
      .update(`${r.code}\n${r.stdout}\n${r.stderr}`)
      .digest('hex');
  }
  return out;
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  if (args.includes('--digests')) {
    process.stdout.write(JSON.stringify(await digests()));
    return 0;
  }
  // By default the point this branch left main: main itself may have moved since.
  const ref = args.includes('--base')
    ? (args[args.indexOf('--base') + 1] ?? 'main')
    : execFileSync('git', ['merge-base', 'HEAD', 'main'], { cwd: root, encoding: 'utf8' }).trim();
  const tmp = mkdtempSync(join(tmpdir(), 'same-output-'));
  const dir = join(tmp, 'base');
  try {
    execFileSync('git', ['worktree', 'add', '--detach', dir, ref], { cwd: root, stdio: 'ignore' });
    symlinkSync(resolve(root, 'node_modules'), join(dir, 'node_modules'));
    // The corpus is found beside the clone: give the base the same shared/ as this tree.
    const shared = resolve(root, '../shared');
    if (existsSync(shared)) symlinkSync(shared, join(tmp, 'shared'), 'dir');
    // The base may predate this script: it runs this tree's copy against the base's sources.
    copyFileSync(fileURLToPath(import.meta.url), join(dir, 'scripts/same-output.ts'));
    const theirs = JSON.parse(
      execFileSync('npx', ['tsx', 'scripts/same-output.ts', '--digests'], {
        cwd: dir,
        encoding: 'utf8',
        maxBuffer: 1 << 26,
      }),
    ) as Record<string, string>;
    const ours = await digests();
    const names = [...new Set([...Object.keys(theirs), ...Object.keys(ours)])];
    const differ = names.filter((n) => theirs[n] !== ours[n]);
    for (const n of differ) console.log(`differs: ${n}`);
    console.log(
      `${names.length - differ.length} of ${names.length} outputs identical to ${ref}` +
        (differ.length ? `; ${differ.length} differ` : ''),
    );
    return differ.length ? 1 : 0;
  } finally {
    execFileSync('git', ['worktree', 'remove', '--force', dir], { cwd: root, stdio: 'ignore' });
    rmSync(tmp, { recursive: true, force: true });
  }
}

process.exitCode = await main();
