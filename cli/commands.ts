/**
 * The CLI's commands as a pure function of arguments and a file reader, so tests can run them
 * without spawning processes.
 */
import {
  allocatorText,
  formatHistory,
  formatIomem,
  formatOwnership,
  formatProblems,
  agreeDocument,
  agreeText,
  iomemAt,
  ownerHistory,
  ownersAt,
  parseAddressQuery,
  unifiedDiff,
  type Simulation,
  importDocument,
  importLog,
  type ImportOk,
  importText,
  MODEL_IDS,
  modelForRelease,
  MODELS,
  toCompareText,
  parseScenario,
  preset,
  PRESET_NAMES,
  scenarioFromLogText,
  simulate,
  toDocument,
  toText,
  type Scenario,
} from '../src-core';
import { adviseDocument } from './advise';
import { rulesDocument } from './rules';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

type ReadFile = (path: string) => Promise<string>;

const USAGE = `usage: bootmap simulate (--preset NAME | --scenario FILE | --from-log FILE) [--kernel VERSION] [--model ID] [--cmdline "..."] [--json]
       bootmap simulate ... (--iomem | --allocator) [--step N] [--diff-from M]
       bootmap lookup ADDR (--preset NAME | --scenario FILE | --from-log FILE) [--kernel VERSION] [--model ID] [--step N]
       bootmap compare  (--preset NAME | --scenario FILE | --from-log FILE) [--kernel VERSION] [--cmdline "..."] [--json]
       bootmap advise   (--preset NAME | --scenario FILE | --from-log FILE) [--kernel VERSION] [--model ID] [--size SIZE]
                        [--estimate [--initrd SIZE] [--initrd-unpacked SIZE] [--loader L]] [--json]

  --preset NAME     one of: ${PRESET_NAMES.join(', ')}
  --scenario FILE   a scenario JSON file
  --from-log FILE   a Linux 6.1 boot log with memblock=debug: its machine, command line and
                    early memblock requests become the scenario (model memblock-6.1)
  --kernel VERSION  the kernel release whose rules apply (2.6.25, 3.10.0-957.el7, 4.19); the
                    model that follows it runs unless --model names another
  --model ID        one of: ${MODEL_IDS.join(', ')} (default: the scenario's model)
  --cmdline "..."   replace the scenario's kernel command line
  --json            print the JSON document instead of the readable listing
  --size SIZE       advise: the crashkernel size (default: the command line's, or the estimate's)
  --estimate        advise: boot the capture kernel in the window and find the smallest
                    crashkernel size that leaves its userspace what it needs, part by part
  --initrd SIZE     the kdump initramfs file kexec loads (default 32M)
  --initrd-unpacked SIZE  its unpacked size (default: twice the file)
  --loader L        kexec_file_load (default for 6.1) or kexec_load (memmap=exactmap)
  --iomem           simulate: the memory map after a step as /proc/iomem prints it
  --allocator       simulate: the allocator's own tables after a step (memblock_dump_all,
                    early_res, bootmem bitmaps)
  --step N          the step (default: the last one)
  --diff-from M     with --iomem or --allocator: a unified diff from step M to step N
  ADDR              lookup: an address or page frame: 0x1000000, 16M, "pfn 0x1000"; prints
                    who holds it after the step and every step that changed it

compare runs the same machine and command line under every model; advise says which
crashkernel bases are safe for a size, with ready command lines to try.

usage: bootmap import FILE [--boot N] [--json]
       bootmap agree  FILE [--boot N] [--json]
       bootmap rules  [--kernel VERSION] [--json]

  FILE              a boot log: dmesg, journalctl, syslog, a serial capture or a mail quoting one
  --boot N          the boot to use when the file holds several (default: the first complete one)
  --json            print the JSON document (the simulate document of the observed run, plus
                    kernel, cmdline, e820, zoneRanges, nodes, unrecognized, ...)

agree compares the log with the run of the rules of the log's kernel version, fact by fact
(e820, zones, node ranges, NODE_DATA, bootmem bitmaps, crashkernel, memblock requests), and
says why each difference arises. rules prints the table of every early-memory rule that
changed, with the commit that changed it, or the rules one kernel version runs.`;

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

async function readText(file: string, read: ReadFile): Promise<string | { error: string }> {
  try {
    return await read(file);
  } catch (e) {
    return {
      error: `cannot read ${file}: ${e instanceof Error ? e.message.replace(/^.*?: /, '') : String(e)}`,
    };
  }
}

async function loadFromLog(file: string, read: ReadFile): Promise<Scenario | string> {
  const text = await readText(file, read);
  if (typeof text !== 'string') return text.error;
  const r = scenarioFromLogText(text, file);
  return r.ok ? r.scenario : `${file}: ${formatProblems(r.problems)}`;
}

async function loadScenario(opts: Map<string, string>, read: ReadFile): Promise<Scenario | string> {
  const name = opts.get('preset');
  const file = opts.get('scenario');
  const log = opts.get('from-log');
  if ([name, file, log].filter(Boolean).length > 1)
    return 'give one of --preset, --scenario and --from-log';
  if (log) return loadFromLog(log, read);
  if (name)
    return preset(name) ?? `unknown preset "${name}": choose one of ${PRESET_NAMES.join(', ')}`;
  if (!file) return 'give --preset NAME, --scenario FILE or --from-log FILE';
  const text = await readText(file, read);
  if (typeof text !== 'string') return text.error;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return `${file} is not valid JSON: ${e instanceof Error ? e.message : String(e)}`;
  }
  const r = parseScenario(json);
  return r.ok ? r.scenario : `${file} is not a valid scenario:\n${formatProblems(r.problems)}`;
}

/** The options each command takes besides --json. */
const VALUED: Record<string, string[]> = {
  simulate: ['preset', 'scenario', 'from-log', 'model', 'cmdline', 'kernel', 'step', 'diff-from'],
  lookup: ['preset', 'scenario', 'from-log', 'model', 'cmdline', 'kernel', 'step'],
  compare: ['preset', 'scenario', 'from-log', 'cmdline', 'kernel'],
  advise: [
    'preset',
    'scenario',
    'from-log',
    'model',
    'cmdline',
    'size',
    'kernel',
    'initrd',
    'initrd-unpacked',
    'loader',
  ],
};

export async function run(args: string[], read: ReadFile): Promise<CliResult> {
  const [command, ...rest] = args;
  if (!command || command === '--help' || command === 'help')
    return { code: command ? 0 : 2, stdout: command ? USAGE : '', stderr: command ? '' : USAGE };
  if (command === 'import') return importCommand(rest, read);
  if (command === 'agree') return agreeCommand(rest, read);
  if (command === 'rules') {
    const { opts, error } = options(rest, ['kernel'], ['json']);
    if (error) return fail(error);
    const r = rulesDocument(opts.get('kernel'), opts.has('json'));
    return typeof r === 'string' ? { code: 0, stdout: r, stderr: '' } : fail(r.error);
  }
  const valued = VALUED[command];
  if (!valued) return fail(`unknown command "${command}"\n${USAGE}`);
  const address = command === 'lookup' && rest[0] && !rest[0].startsWith('--') ? rest[0] : null;
  if (command === 'lookup' && address === null)
    return fail('give the address to look up: bootmap lookup ADDR --preset NAME');
  const { opts, error } = options(
    address === null ? rest : rest.slice(1),
    valued,
    command === 'simulate'
      ? ['json', 'iomem', 'allocator']
      : command === 'advise'
        ? ['json', 'estimate']
        : ['json'],
  );
  if (error) return fail(error);
  const loaded = await loadScenario(opts, read);
  if (typeof loaded === 'string') return fail(loaded);
  const cmdline = opts.get('cmdline');
  const kernel = withKernel(
    cmdline === undefined ? loaded : { ...loaded, cmdline },
    opts.get('kernel'),
  );
  if (typeof kernel === 'string') return fail(kernel);
  const scenario = kernel;
  const json = opts.has('json');
  if (command === 'compare') {
    const sims = MODELS.map((m) => m.run(scenario));
    const out = json
      ? JSON.stringify({ models: sims.map(toDocument) }, null, 2)
      : toCompareText(sims);
    return { code: 0, stdout: out, stderr: '' };
  }
  const model = opts.get('model') ?? scenario.model;
  if (command === 'advise') {
    const r = adviseDocument(scenario, model, opts.get('size'), json, {
      estimate: opts.has('estimate'),
      initrd: opts.get('initrd'),
      initrdUnpacked: opts.get('initrd-unpacked'),
      loader: opts.get('loader'),
    });
    return 'error' in r ? fail(r.error) : { code: 0, stdout: r.out, stderr: '' };
  }
  const r = simulate(scenario, model);
  if (!r.ok) return fail(r.error);
  const step = stepOption(opts.get('step'), r.sim, '--step');
  if (typeof step === 'string') return fail(step);
  if (address !== null) {
    const q = parseAddressQuery(address);
    if (!q.ok) return fail(q.error);
    const lines = [
      `${r.sim.model}, after step ${step} (${r.sim.events[step]?.label ?? ''}):`,
      ...formatOwnership(q.addr, ownersAt(r.sim, q.addr, step)),
      '',
      'every change of owner:',
      ...formatHistory(ownerHistory(r.sim, q.addr), q.pfn),
    ];
    return { code: 0, stdout: lines.join('\n'), stderr: '' };
  }
  const text = opts.has('iomem')
    ? (s: number) => formatIomem(iomemAt(r.sim, s))
    : opts.has('allocator')
      ? (s: number) => allocatorText(r.sim, s)
      : null;
  if (opts.has('diff-from') && !text) return fail('--diff-from goes with --iomem or --allocator');
  if (text) {
    const from = opts.has('diff-from')
      ? stepOption(opts.get('diff-from'), r.sim, '--diff-from')
      : null;
    if (typeof from === 'string') return fail(from);
    const out =
      from === null
        ? text(step)
        : unifiedDiff(text(from), text(step), { a: `step ${from}`, b: `step ${step}` });
    return { code: 0, stdout: out.join('\n'), stderr: '' };
  }
  return {
    code: 0,
    stdout: json ? JSON.stringify(toDocument(r.sim), null, 2) : toText(r.sim),
    stderr: '',
  };
}

/** `--kernel VERSION`: the scenario's kernel release, and the model that follows it. */
function withKernel(s: Scenario, version: string | undefined): Scenario | string {
  if (version === undefined) return s;
  const model = modelForRelease(version);
  if (!model)
    return `--kernel needs a kernel release such as 2.6.25 or 4.19.0-6-amd64, not "${version}"`;
  return { ...s, model, kernel: { ...s.kernel, version } };
}

/** A step number option, within the run; the last step when absent. */
function stepOption(v: string | undefined, sim: Simulation, name: string): number | string {
  const last = sim.events.length - 1;
  if (v === undefined) return last;
  const n = /^\d{1,7}$/.test(v) ? Number(v) : NaN;
  if (!(n >= 0 && n <= last)) return `${name} needs a step from 0 to ${last}, not "${v}"`;
  return n;
}

/** `agree FILE [--boot N] [--json]`: the log against the run of its version's rules. */
async function agreeCommand(args: string[], read: ReadFile): Promise<CliResult> {
  const loaded = await importedLog('agree', args, read);
  if ('code' in loaded) return loaded;
  const doc = agreeDocument(loaded.file, loaded.imp);
  const out = loaded.json ? JSON.stringify(doc, null, 2) : agreeText(doc);
  return { code: 0, stdout: out, stderr: '' };
}

/** `COMMAND FILE [--boot N] [--json]`: read and import the log, or say what is wrong. */
async function importedLog(
  command: string,
  args: string[],
  read: ReadFile,
): Promise<{ file: string; imp: ImportOk; json: boolean } | CliResult> {
  const file = args[0] !== undefined && !args[0].startsWith('--') ? args[0] : undefined;
  if (!file)
    return fail(`give the boot log to ${command}: bootmap ${command} FILE [--boot N] [--json]`);
  const { opts, error } = options(args.slice(1), ['boot'], ['json']);
  if (error) return fail(error);
  const bootArg = opts.get('boot');
  const boot = bootArg === undefined ? undefined : Number(bootArg);
  if (boot !== undefined && !(Number.isInteger(boot) && boot >= 1))
    return fail(`--boot needs a boot number (1, 2, ...), not "${bootArg}"`);
  const text = await readText(file, read);
  if (typeof text !== 'string') return fail(text.error);
  const r = importLog(text, boot === undefined ? {} : { boot });
  if (!r.ok) return fail(`${file}: ${r.error}`);
  return { file, imp: r, json: opts.has('json') };
}

/** `import FILE [--boot N] [--json]`: a boot log to the observed run and a scenario. */
async function importCommand(args: string[], read: ReadFile): Promise<CliResult> {
  const loaded = await importedLog('import', args, read);
  if ('code' in loaded) return loaded;
  const r = loaded.imp;
  const out = loaded.json ? JSON.stringify(importDocument(r), null, 2) : importText(r);
  return { code: 0, stdout: out, stderr: '' };
}
