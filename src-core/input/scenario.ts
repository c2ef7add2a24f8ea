/**
 * Scenarios: plain, versioned JSON describing a machine, a kernel and a command line.
 *
 * Addresses and sizes in JSON may be numbers or strings in the kernel's memparse syntax
 * (`0x1000000`, `16M`); the canonical form written back is lowercase hex. Validation returns
 * every problem with its JSON path and a sentence, never throws.
 */
import { z } from '../base/zod';
import { hex, MAX_PHYS, parseSize } from '../base/addr';
import { e820TypeName, parseE820Type, type E820Entry } from './e820';
import type { NodeSpan } from './numa';
import type { Range } from '../base/range';
import {
  memblockInputsToJson,
  memblockSchemas,
  sratToJson,
  type MemblockInputs,
  type SratBlock,
} from './scenario-6.1';

export const SCENARIO_VERSION = 1;

/** Limits that keep absurd scenarios from freezing a browser tab. */
export const LIMITS = { e820Entries: 1024, nodes: 1024, cmdline: 4096 } as const;

export interface KernelInputs {
  /**
   * The kernel release (`2.6.25`, `3.10.0-957.el7.x86_64`): the rules of that version apply
   * within the model that follows it (src-core/kernel/rules.ts). Absent: the model's own.
   */
  version?: string;
  /** Physical address of _text. */
  text: number;
  /** Physical address of _end (2.6.x) or __end_of_kernel_reserve (6.1). */
  end: number;
  /** Sizes for the "Memory:" line: _etext - _text, _edata - _etext, __init_end - __init_begin. */
  codeSize?: number;
  dataSize?: number;
  initSize?: number;
  /** The initrd as the boot loader placed it, half-open; null when none. */
  initrd: { start: number; end: number } | null;
  /** EBDA from the BIOS data area: address and size in KiB as its first word says. */
  ebda: { addr: number; sizeKiB: number } | null;
  /** roundup(sizeof(pg_data_t), PAGE_SIZE): config-dependent, so an input. */
  pgdatSize: number;
  /** The part of the brk area in use when reserve_brk() runs (2.6.30 on), half-open. */
  brk?: { start: number; end: number };
  /** MP floating pointer and the MP config table it points to (find_smp_config). */
  mptable: { mpf: number; physptr: number } | null;
  /** Early memblock requests and fixed reservations (memblock-6.1); see input/scenario-6.1.ts. */
  memblock?: MemblockInputs;
}

/**
 * An edit the kernel made to the firmware's e820 map from facts the map does not carry (a DMI
 * quirk for a BIOS that corrupts low RAM, CONFIG_X86_RESERVE_LOW, MTRR trimming), as a log
 * prints it: RAM in [start, end) becomes `to`, or is removed when `to` is null.
 */
export interface E820Edit {
  start: number;
  end: number;
  to: number | null;
}

export interface Scenario {
  version: typeof SCENARIO_VERSION;
  /** Short id, e.g. a preset name. */
  name: string;
  /** One line for people. */
  title: string;
  /** The model (kernel generation) this scenario is meant for. */
  model: string;
  /** `srat`: SRAT memory affinity blocks when a node has several (memblock-6.1 reads them). */
  /** `slit`: the firmware has an ACPI SLIT (node distances), which NUMA setup copies into memblock. */
  machine: {
    e820: E820Entry[];
    nodes: NodeSpan[];
    srat?: SratBlock[];
    slit?: boolean;
    /** Nodes of the possible CPUs in CPU-number (MADT) order, where the log shows it. */
    cpuNodes?: number[];
    /** EFI boot-services code and data regions (efi_reserve_boot_services reserves them). */
    efiBootServices?: Range[];
    e820Edits?: E820Edit[];
  };
  kernel: KernelInputs;
  cmdline: string;
}

export interface Problem {
  /** JSON path, e.g. `machine.e820[3].end`. */
  path: string;
  message: string;
}

export type ScenarioResult = { ok: true; scenario: Scenario } | { ok: false; problems: Problem[] };

/** Report a problem from inside a transform (zod/mini's transforms get the bare parse payload). */
const fail = (ctx: z.core.ParsePayload, message: string): never => {
  ctx.issues.push({ code: 'custom', message, input: ctx.value });
  return z.NEVER;
};

const address = (what: string) =>
  z.pipe(
    z.unknown(),
    z.transform((v, ctx): number => {
      if (typeof v === 'number') {
        if (Number.isSafeInteger(v) && v >= 0 && v <= MAX_PHYS) return v;
        return fail(ctx, `${what} must be a whole number from 0 to 2^52, not ${v}`);
      }
      if (typeof v === 'string') {
        const r = parseSize(v, what);
        return r.ok ? r.value : fail(ctx, r.error);
      }
      return fail(ctx, `${what} is missing: give an address such as "0x1000000" or "16M"`);
    }),
  );

function e820TypeOf(v: unknown, ctx: z.core.ParsePayload): number {
  const t = typeof v === 'number' ? v : typeof v === 'string' ? parseE820Type(v) : null;
  if (t !== null && Number.isInteger(t) && t > 0 && t <= 0xffffffff) return t;
  return fail(
    ctx,
    `unknown e820 type ${JSON.stringify(v)}: use usable, reserved, ACPI data, ACPI NVS, unusable or a number`,
  );
}

const e820Type = z.pipe(z.unknown(), z.transform(e820TypeOf));

const memblockSchema = memblockSchemas(address);

/** An optional object that reads as null when absent. */
const orNull = <T extends z.core.SomeType>(t: T) => z._default(z.nullable(t), null);

const schema = z.object({
  version: z.literal(SCENARIO_VERSION, { message: `version must be ${SCENARIO_VERSION}` }),
  name: z.string({ message: 'name must be a string' }).check(z.maxLength(200)),
  title: z._default(z.string({ message: 'title must be a string' }).check(z.maxLength(500)), ''),
  model: z.string({ message: 'model must be a model id such as bootmem-2.6.23' }),
  machine: z.object({
    e820: z
      .array(z.object({ start: address('start'), end: address('end'), type: e820Type }))
      .check(z.maxLength(LIMITS.e820Entries, `at most ${LIMITS.e820Entries} e820 entries`)),
    nodes: z
      .array(
        z.object({
          node: z.number().check(z.int(), z.gte(0), z.lte(LIMITS.nodes - 1)),
          start: address('start'),
          end: address('end'),
        }),
      )
      .check(z.maxLength(LIMITS.nodes, `at most ${LIMITS.nodes} NUMA nodes`)),
    srat: z.optional(memblockSchema.srat),
    slit: z.optional(z.boolean()),
    efiBootServices: z.optional(
      z
        .array(z.object({ start: address('start'), end: address('end') }))
        .check(z.maxLength(LIMITS.e820Entries)),
    ),
    cpuNodes: z.optional(
      z
        .array(z.number().check(z.int(), z.gte(0), z.lte(LIMITS.nodes - 1)))
        .check(z.maxLength(LIMITS.nodes)),
    ),
    e820Edits: z.optional(
      z
        .array(
          z.object({
            start: address('start'),
            end: address('end'),
            to: z.pipe(
              z.unknown(),
              z.transform((v, ctx): number | null =>
                v === 'removed' || v === null ? null : e820TypeOf(v, ctx),
              ),
            ),
          }),
        )
        .check(z.maxLength(LIMITS.e820Entries, `at most ${LIMITS.e820Entries} e820 edits`)),
    ),
  }),
  kernel: z.object({
    version: z.optional(
      z
        .string({
          message: 'kernel.version must be a release such as "2.6.25" or "4.19.0-6-amd64"',
        })
        .check(
          z.maxLength(100),
          z.regex(/^\d{1,3}\.\d{1,3}/, 'kernel.version must start with a version such as 2.6.25'),
        ),
    ),
    text: address('_text'),
    end: address('_end'),
    codeSize: z.optional(address('code size')),
    dataSize: z.optional(address('data size')),
    initSize: z.optional(address('init size')),
    initrd: orNull(z.object({ start: address('initrd start'), end: address('initrd end') })),
    ebda: orNull(
      z.object({
        addr: address('EBDA address'),
        sizeKiB: z.number().check(z.int(), z.gte(0), z.lte(65535)),
      }),
    ),
    pgdatSize: address('pg_data_t size'),
    brk: z.optional(z.object({ start: address('brk start'), end: address('brk end') })),
    mptable: orNull(
      z.object({ mpf: address('MP floating pointer'), physptr: address('MP table') }),
    ),
    memblock: z.optional(memblockSchema.memblock),
  }),
  cmdline: z
    .string({ message: 'cmdline must be a string' })
    .check(
      z.maxLength(LIMITS.cmdline, `the command line is limited to ${LIMITS.cmdline} characters`),
    ),
});

const pathOf = (p: readonly PropertyKey[]): string =>
  p.reduce<string>(
    (s, k) => (typeof k === 'number' ? `${s}[${k}]` : s ? `${s}.${String(k)}` : String(k)),
    '',
  );

/** Validate JSON (already parsed) into a scenario, or list every problem. */
export function parseScenario(input: unknown): ScenarioResult {
  const r = schema.safeParse(input);
  if (!r.success) {
    return {
      ok: false,
      problems: r.error.issues.map((i) => ({ path: pathOf(i.path), message: i.message })),
    };
  }
  const scenario = r.data as Scenario;
  const problems = checkScenario(scenario);
  return problems.length ? { ok: false, problems } : { ok: true, scenario };
}

/** The checks that need more than one field. */
export function checkScenario(s: Scenario): Problem[] {
  const out: Problem[] = [];
  s.machine.e820.forEach((e, i) => {
    if (e.end <= e.start)
      out.push({
        path: `machine.e820[${i}]`,
        message: `entry ${hex(e.start)}-${hex(e.end)} is empty or reversed: end must be above start`,
      });
  });
  if (s.machine.e820.length < 2) {
    out.push({
      path: 'machine.e820',
      message: 'the kernel needs at least two e820 entries ("Cannot find a valid memory map")',
    });
  }
  if (!s.machine.e820.some((e) => e.type === 1))
    out.push({ path: 'machine.e820', message: 'no usable RAM in the e820 map' });
  const nodes = [...s.machine.nodes].map((n, i) => ({ ...n, i })).sort((a, b) => a.start - b.start);
  const seen = new Set<number>();
  for (const n of s.machine.nodes) {
    if (seen.has(n.node))
      out.push({ path: 'machine.nodes', message: `node ${n.node} is listed twice` });
    seen.add(n.node);
  }
  nodes.forEach((n, k) => {
    if (n.end <= n.start)
      out.push({
        path: `machine.nodes[${n.i}]`,
        message: `node ${n.node} span is empty or reversed`,
      });
    const prev = nodes[k - 1];
    if (prev && n.start < prev.end) {
      out.push({
        path: `machine.nodes[${n.i}]`,
        message: `node ${n.node} [${hex(n.start)}-${hex(n.end)}) overlaps node ${prev.node} [${hex(prev.start)}-${hex(prev.end)})`,
      });
    }
    const hasRam = s.machine.e820.some((e) => e.type === 1 && e.start < n.end && e.end > n.start);
    if (!hasRam)
      out.push({
        path: `machine.nodes[${n.i}]`,
        message: `node ${n.node} [${hex(n.start)}-${hex(n.end)}) holds no usable RAM`,
      });
  });
  const k = s.kernel;
  if (k.end <= k.text) out.push({ path: 'kernel.end', message: '_end must be above _text' });
  if (k.initrd && k.initrd.end <= k.initrd.start)
    out.push({ path: 'kernel.initrd', message: 'initrd end must be above its start' });
  if (k.pgdatSize === 0)
    out.push({ path: 'kernel.pgdatSize', message: 'pg_data_t size must not be 0' });
  return out;
}

/** Scenario as canonical JSON data: hex strings, type names. */
export function scenarioToJson(s: Scenario): unknown {
  const k = s.kernel;
  const opt = (v: number | undefined) => (v === undefined ? undefined : hex(v));
  return {
    version: s.version,
    name: s.name,
    title: s.title,
    model: s.model,
    machine: {
      e820: s.machine.e820.map((e) => ({
        start: hex(e.start),
        end: hex(e.end),
        type: e820TypeName(e.type),
      })),
      nodes: s.machine.nodes.map((n) => ({ node: n.node, start: hex(n.start), end: hex(n.end) })),
      srat: s.machine.srat && sratToJson(s.machine.srat),
      slit: s.machine.slit,
      cpuNodes: s.machine.cpuNodes,
      efiBootServices: s.machine.efiBootServices?.map((r) => ({
        start: hex(r.start),
        end: hex(r.end),
      })),
      e820Edits: s.machine.e820Edits?.map((e) => ({
        start: hex(e.start),
        end: hex(e.end),
        to: e.to === null ? 'removed' : e820TypeName(e.to),
      })),
    },
    kernel: {
      version: k.version,
      text: hex(k.text),
      end: hex(k.end),
      codeSize: opt(k.codeSize),
      dataSize: opt(k.dataSize),
      initSize: opt(k.initSize),
      initrd: k.initrd && { start: hex(k.initrd.start), end: hex(k.initrd.end) },
      ebda: k.ebda && { addr: hex(k.ebda.addr), sizeKiB: k.ebda.sizeKiB },
      pgdatSize: hex(k.pgdatSize),
      brk: k.brk && { start: hex(k.brk.start), end: hex(k.brk.end) },
      mptable: k.mptable && { mpf: hex(k.mptable.mpf), physptr: hex(k.mptable.physptr) },
      memblock: k.memblock && memblockInputsToJson(k.memblock),
    },
    cmdline: s.cmdline,
  };
}

/** Format problems for a terminal or a message box: one `path: message` per line. */
export function formatProblems(problems: readonly Problem[]): string {
  return problems.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message)).join('\n');
}
