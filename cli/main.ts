/**
 * bootmap's command line. `npm run --silent cli -- simulate --preset seed-2.6.23 [--json]`.
 * Bad input: a message on stderr and exit code 2, never a stack trace.
 */
import { run } from './commands';

const result = run(process.argv.slice(2), (path) =>
  import('node:fs').then((fs) => fs.readFileSync(path, 'utf8')),
);
result.then(
  ({ code, stdout, stderr }) => {
    if (stdout) process.stdout.write(stdout.endsWith('\n') ? stdout : stdout + '\n');
    if (stderr) process.stderr.write(stderr.endsWith('\n') ? stderr : stderr + '\n');
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(
      `bootmap: internal error: ${e instanceof Error ? e.message : String(e)}\n`,
    );
    process.exitCode = 1;
  },
);
