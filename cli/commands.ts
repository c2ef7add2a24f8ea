/**
 * The CLI's commands as a pure function of arguments and a file reader, so tests can run them
 * without spawning processes.
 */
import {
  formatProblems,
  importDocument,
  importLog,
  importText,
  MODEL_IDS,
  parseScenario,
  preset,
  PRESET_NAMES,
  simulate,
  toDocument,
  toText,
  type Scenario,
} from '../src-core';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

type ReadFile = (path: string) => Promise<string>;

const USAGE = `usage: bootmap simulate (--preset NAME | --scenario FILE) [--model ID] [--json]

  --preset NAME     one of: ${PRESET_NAMES.join(', ')}
  --scenario FILE   a scenario JSON file
  --model ID        one of: ${MODEL_IDS.join(', ')} (default: the scenario's model)
  --json            print the JSON document instead of the step listing

usage: bootmap import FILE [--boot N] [--json]

  FILE              a boot log: dmesg, journalctl, syslog, a serial capture or a mail quoting one
  --boot N          the boot to use when the file holds several (default: the first complete one)
  --json            print the JSON document (the simulate document of the observed run, plus
                    kernel, cmdline, e820, zoneRanges, nodes, unrecognized, ...)`;

const fail = (message: string): CliResult => ({
  code: 2,
  stdout: '',
  stderr: `bootmap: ${message}`,
});

/** Parse `--flag value` and `--flag` options; unknown flags are errors. */
function options(
  args: string[],
  valued: string[],
  flags: string[],
): { opts: Map<string, string>; error?: string } {
  const opts = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    const name = a.replace(/^--/, '');
    if (!a.startsWith('--')) return { opts, error: `unexpected argument "${a}"` };
    if (flags.includes(name)) opts.set(name, 'true');
    else if (valued.includes(name)) {
      const v = args[i + 1];
      if (v === undefined || v.startsWith('--')) return { opts, error: `--${name} needs a value` };
      opts.set(name, v);
      i++;
    } else return { opts, error: `unknown option --${name}` };
  }
  return { opts };
}

async function loadScenario(opts: Map<string, string>, read: ReadFile): Promise<Scenario | string> {
  const name = opts.get('preset');
  const file = opts.get('scenario');
  if (name && file) return 'give either --preset or --scenario, not both';
  if (name)
    return preset(name) ?? `unknown preset "${name}": choose one of ${PRESET_NAMES.join(', ')}`;
  if (!file) return 'give --preset NAME or --scenario FILE';
  let text: string;
  try {
    text = await read(file);
  } catch (e) {
    return `cannot read ${file}: ${e instanceof Error ? e.message.replace(/^.*?: /, '') : String(e)}`;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return `${file} is not valid JSON: ${e instanceof Error ? e.message : String(e)}`;
  }
  const r = parseScenario(json);
  return r.ok ? r.scenario : `${file} is not a valid scenario:\n${formatProblems(r.problems)}`;
}

export async function run(args: string[], read: ReadFile): Promise<CliResult> {
  const [command, ...rest] = args;
  if (!command || command === '--help' || command === 'help')
    return { code: command ? 0 : 2, stdout: command ? USAGE : '', stderr: command ? '' : USAGE };
  if (command === 'import') return importCommand(rest, read);
  if (command !== 'simulate') return fail(`unknown command "${command}"\n${USAGE}`);
  const { opts, error } = options(rest, ['preset', 'scenario', 'model'], ['json']);
  if (error) return fail(error);
  const scenario = await loadScenario(opts, read);
  if (typeof scenario === 'string') return fail(scenario);
  const r = simulate(scenario, opts.get('model') ?? scenario.model);
  if (!r.ok) return fail(r.error);
  const out = opts.has('json') ? JSON.stringify(toDocument(r.sim), null, 2) : toText(r.sim);
  return { code: 0, stdout: out, stderr: '' };
}

/** `import FILE [--boot N] [--json]`: a boot log to the observed run and a scenario. */
async function importCommand(args: string[], read: ReadFile): Promise<CliResult> {
  const file = args[0] !== undefined && !args[0].startsWith('--') ? args[0] : undefined;
  if (!file) return fail('give the boot log to import: bootmap import FILE [--boot N] [--json]');
  const { opts, error } = options(args.slice(1), ['boot'], ['json']);
  if (error) return fail(error);
  const bootArg = opts.get('boot');
  const boot = bootArg === undefined ? undefined : Number(bootArg);
  if (boot !== undefined && !(Number.isInteger(boot) && boot >= 1))
    return fail(`--boot needs a boot number (1, 2, ...), not "${bootArg}"`);
  let text: string;
  try {
    text = await read(file);
  } catch (e) {
    return fail(
      `cannot read ${file}: ${e instanceof Error ? e.message.replace(/^.*?: /, '') : String(e)}`,
    );
  }
  const r = importLog(text, boot === undefined ? {} : { boot });
  if (!r.ok) return fail(`${file}: ${r.error}`);
  const out = opts.has('json') ? JSON.stringify(importDocument(r), null, 2) : importText(r);
  return { code: 0, stdout: out, stderr: '' };
}
