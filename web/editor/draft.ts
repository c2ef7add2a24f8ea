/**
 * The editor's working copy of a scenario: every field as the person typed it ("16M",
 * "0x1000000", "+92G"), so a half-typed or wrong value stays on screen while the bar keeps the
 * last valid scenario. draftToJson turns it into the scenario JSON the engine's validator reads,
 * whose problem paths (`machine.e820[3].end`) are also the editor's field ids.
 */
import { z } from 'zod/mini';
import { hex, parseSize, scenarioToJson, type Scenario } from '../../src-core';

export interface E820Row {
  /** Stable identity for React keys and focus while rows move. */
  id: number;
  start: string;
  end: string;
  type: string;
}

export interface NodeRow {
  id: number;
  node: string;
  start: string;
  end: string;
}

export interface KernelDraft {
  /** The kernel release whose rules apply ('' = the model's own version). */
  version: string;
  text: string;
  end: string;
  /** '' = not given (the sizes only feed the "Memory:" line). */
  codeSize: string;
  dataSize: string;
  initSize: string;
  initrd: { start: string; end: string } | null;
  ebda: { addr: string; sizeKiB: string } | null;
  pgdatSize: string;
  mptable: { mpf: string; physptr: string } | null;
}

/** memblock-6.1 inputs; '' = the model's default. */
export interface MemblockDraft {
  realModeSize: string;
  biosStart: string;
  possibleCpus: string;
  pgtBufPages: string;
  gbPages: boolean;
}

/** Inputs a person does not type but a log import or preset gives: kept as loaded, or removed. */
export interface KeptDraft {
  /** kernel.memblock.ops (null: the scenario has no kernel.memblock). */
  ops: unknown[] | null;
  earlyReserves: unknown[] | null;
  srat: unknown[] | null;
  /** machine.e820Edits and kernel.brk, as an import found them. */
  e820Edits?: unknown[] | null;
  brk?: unknown;
}

export interface Draft {
  name: string;
  title: string;
  model: string;
  cmdline: string;
  e820: E820Row[];
  nodes: NodeRow[];
  kernel: KernelDraft;
  memblock: MemblockDraft;
  kept: KeptDraft;
}

let lastId = 0;
/** A fresh row id (ids only need to be unique within one session). */
export const rowId = (): number => ++lastId;

const str = (v: unknown): string => (v === undefined || v === null ? '' : String(v));

type Json = Record<string, unknown>;

/** The draft of a valid scenario (its canonical JSON: hex addresses, type names). */
export function toDraft(s: Scenario): Draft {
  const j = scenarioToJson(s) as Json;
  const m = j.machine as Json;
  const k = j.kernel as Json;
  const mb = (k.memblock ?? null) as Json | null;
  const pair = <K extends string>(v: unknown, keys: [K, K]) =>
    v
      ? (Object.fromEntries(keys.map((key) => [key, str((v as Json)[key])])) as Record<K, string>)
      : null;
  return {
    name: s.name,
    title: s.title,
    model: s.model,
    cmdline: s.cmdline,
    e820: (m.e820 as Json[]).map((e) => ({
      id: rowId(),
      start: str(e.start),
      end: str(e.end),
      type: str(e.type),
    })),
    nodes: (m.nodes as Json[]).map((n) => ({
      id: rowId(),
      node: str(n.node),
      start: str(n.start),
      end: str(n.end),
    })),
    kernel: {
      version: str(k.version),
      text: str(k.text),
      end: str(k.end),
      codeSize: str(k.codeSize),
      dataSize: str(k.dataSize),
      initSize: str(k.initSize),
      initrd: pair(k.initrd, ['start', 'end']),
      ebda: pair(k.ebda, ['addr', 'sizeKiB']),
      pgdatSize: str(k.pgdatSize),
      mptable: pair(k.mptable, ['mpf', 'physptr']),
    },
    memblock: {
      realModeSize: str(mb?.realModeSize),
      biosStart: str(mb?.biosStart),
      possibleCpus: str(mb?.possibleCpus),
      pgtBufPages: str(mb?.pgtBufPages),
      gbPages: mb?.gbPages === true,
    },
    kept: {
      ops: mb ? (mb.ops as unknown[]) : null,
      earlyReserves: (mb?.earlyReserves as unknown[] | undefined) ?? null,
      srat: (m.srat as unknown[] | undefined) ?? null,
      e820Edits: (m.e820Edits as unknown[] | undefined) ?? null,
      brk: k.brk ?? null,
    },
  };
}

/** A problem the app finds before the engine's validator sees the field. */
export interface FieldProblem {
  path: string;
  message: string;
}

/**
 * An end typed as `+size` means start + size ("+92G" after "4G"): how people describe RAM.
 * Returns the end to hand to the validator (hex when it could be resolved).
 */
export function resolveEnd(start: string, end: string, path: string, out: FieldProblem[]): string {
  const t = end.trim();
  if (!t.startsWith('+')) return end;
  const size = parseSize(t.slice(1), 'size');
  if (!size.ok) {
    out.push({ path, message: `${size.error} (after "+", give a size such as +16M)` });
    return end;
  }
  const base = parseSize(start, 'start');
  if (!base.ok) {
    out.push({ path, message: 'end "+size" needs a valid start first' });
    return end;
  }
  return hex(base.value + size.value);
}

/** A whole number field: the number, or the text (the validator names it) with a problem. */
function whole(
  text: string,
  path: string,
  what: string,
  range: [number, number],
  out: FieldProblem[],
): number | string {
  const t = text.trim();
  const n = /^\d{1,9}$/.test(t) ? Number(t) : NaN;
  if (n >= range[0] && n <= range[1]) return n;
  out.push({ path, message: `${what} must be a whole number from ${range[0]} to ${range[1]}` });
  return text;
}

const optional = (v: string): string | undefined => (v.trim() === '' ? undefined : v);

/** The scenario JSON for a draft, plus the problems found while building it. */
export function draftToJson(d: Draft): { json: unknown; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const k = d.kernel;
  const mb = d.memblock;
  const anyMemblock =
    d.kept.ops !== null ||
    d.kept.earlyReserves !== null ||
    mb.gbPages ||
    [mb.realModeSize, mb.biosStart, mb.possibleCpus, mb.pgtBufPages].some((v) => v.trim() !== '');
  const num = (v: string, path: string, what: string, range: [number, number]) =>
    v.trim() === '' ? undefined : whole(v, path, what, range, problems);
  const json = {
    version: 1,
    name: d.name,
    title: d.title,
    model: d.model,
    machine: {
      e820: d.e820.map((e, i) => ({
        start: e.start,
        end: resolveEnd(e.start, e.end, `machine.e820[${i}].end`, problems),
        type: e.type,
      })),
      nodes: d.nodes.map((n, i) => ({
        node: whole(n.node, `machine.nodes[${i}].node`, 'the node number', [0, 1023], problems),
        start: n.start,
        end: resolveEnd(n.start, n.end, `machine.nodes[${i}].end`, problems),
      })),
      srat: d.kept.srat ?? undefined,
      e820Edits: d.kept.e820Edits ?? undefined,
    },
    kernel: {
      version: k.version.trim() === '' ? undefined : k.version.trim(),
      text: k.text,
      end: resolveEnd(k.text, k.end, 'kernel.end', problems),
      codeSize: optional(k.codeSize),
      dataSize: optional(k.dataSize),
      initSize: optional(k.initSize),
      initrd: k.initrd && {
        start: k.initrd.start,
        end: resolveEnd(k.initrd.start, k.initrd.end, 'kernel.initrd.end', problems),
      },
      ebda: k.ebda && {
        addr: k.ebda.addr,
        sizeKiB: whole(
          k.ebda.sizeKiB,
          'kernel.ebda.sizeKiB',
          'the EBDA size in KiB',
          [0, 65535],
          problems,
        ),
      },
      pgdatSize: k.pgdatSize,
      brk: d.kept.brk ?? undefined,
      mptable: k.mptable,
      memblock: anyMemblock
        ? {
            ops: d.kept.ops ?? [],
            realModeSize: optional(mb.realModeSize),
            biosStart: optional(mb.biosStart),
            earlyReserves: d.kept.earlyReserves ?? undefined,
            possibleCpus: num(
              mb.possibleCpus,
              'kernel.memblock.possibleCpus',
              'possible CPUs',
              [1, 8192],
            ),
            pgtBufPages: num(
              mb.pgtBufPages,
              'kernel.memblock.pgtBufPages',
              'the page-table buffer',
              [1, 64],
            ),
            gbPages: mb.gbPages || undefined,
          }
        : undefined,
    },
    cmdline: d.cmdline,
  };
  return { json, problems };
}

const text = z.string().check(z.maxLength(200));
const pairOf = <K extends string>(a: K, b: K) =>
  z.nullable(z.object({ [a]: text, [b]: text } as Record<K, typeof text>));

/** The shape of a draft read back from storage; anything else is discarded. */
export const draftSchema: z.ZodMiniType<Draft> = z.object({
  name: z.string().check(z.maxLength(200)),
  title: z.string().check(z.maxLength(500)),
  model: z.string().check(z.maxLength(100)),
  cmdline: z.string().check(z.maxLength(4096)),
  e820: z
    .array(z.object({ id: z.number(), start: text, end: text, type: text }))
    .check(z.maxLength(1024)),
  nodes: z
    .array(z.object({ id: z.number(), node: text, start: text, end: text }))
    .check(z.maxLength(1024)),
  kernel: z.object({
    // Drafts kept before versions existed have none.
    version: z._default(text, ''),
    text,
    end: text,
    codeSize: text,
    dataSize: text,
    initSize: text,
    initrd: pairOf('start', 'end'),
    ebda: pairOf('addr', 'sizeKiB'),
    pgdatSize: text,
    mptable: pairOf('mpf', 'physptr'),
  }),
  memblock: z.object({
    realModeSize: text,
    biosStart: text,
    possibleCpus: text,
    pgtBufPages: text,
    gbPages: z.boolean(),
  }),
  kept: z.object({
    ops: z.nullable(z.array(z.unknown())),
    earlyReserves: z.nullable(z.array(z.unknown())),
    srat: z.nullable(z.array(z.unknown())),
    e820Edits: z.optional(z.nullable(z.array(z.unknown()))),
    brk: z.optional(z.unknown()),
  }),
}) as unknown as z.ZodMiniType<Draft>;

/** Give every row of a draft read from elsewhere a fresh id, so ids never collide. */
export const renumber = (d: Draft): Draft => ({
  ...d,
  e820: d.e820.map((e) => ({ ...e, id: rowId() })),
  nodes: d.nodes.map((n) => ({ ...n, id: rowId() })),
});

/** Same content (ids aside): for "are there unsaved edits". */
export function sameDraft(a: Draft, b: Draft): boolean {
  const strip = (d: Draft) => ({
    ...d,
    e820: d.e820.map(({ id: _id, ...r }) => r),
    nodes: d.nodes.map(({ id: _id, ...r }) => r),
  });
  return JSON.stringify(strip(a)) === JSON.stringify(strip(b));
}
