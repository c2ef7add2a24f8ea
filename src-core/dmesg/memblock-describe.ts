/**
 * The text of a memblock=debug step (describe.ts for every other fact). A 100,000-line log is
 * mostly requests and the reservations that answer them, and requests repeat: the same
 * function asks for the same size with the same alignment and limits again and again. Their
 * label, explanation and worked request are made once per distinct request and shared; only
 * what names an address is made for each step.
 */
import { hex, memRange } from '../base/addr';
import type { Owner, Phase, Worked } from '../output/events';
import type { Range } from '../base/range';
import { callerInfo } from './owners';
import { flat, sizeText, span, TEXT_CACHE_LIMIT, type Described } from './step-text';
import type { MemblockRecord } from './types';

const MEMBLOCK_VERBS = {
  reserve: 'reserves',
  add: 'adds memory',
  remove: 'removes memory',
  free: 'frees',
} as const;

/** Allocations for the memory map and per-CPU areas come with the zones. */
const phaseOfOwner = (owner: Owner): Phase =>
  owner === 'sparse' || owner === 'percpu' ? 'zones' : 'early-reserve';

/** The text of one request, and what it was made from. */
interface RequestText {
  align: number | undefined;
  from: number | undefined;
  maxAddr: number | undefined;
  nid: number | undefined;
  label: string;
  explain: string;
  /** The worked `request` line of the reservation that answers it, shared by every answer. */
  request: Readonly<Worked>;
  /** `memblock places <fn>'s <size> at `: the answer's explanation up to the address. */
  places: string;
}

/** By caller function, then size: the last request seen with them (a request repeats whole). */
const requests = new Map<string, Map<number | undefined, RequestText>>();

function requestText(r: MemblockRecord, by: string): RequestText {
  let bySize = requests.get(by);
  if (!bySize) {
    bySize = new Map();
    if (requests.size < TEXT_CACHE_LIMIT) requests.set(by, bySize);
  }
  const had = bySize.get(r.size);
  if (
    had &&
    had.align === r.align &&
    had.from === r.from &&
    had.maxAddr === r.maxAddr &&
    had.nid === r.nid
  )
    return had;
  const node = r.nid !== undefined && r.nid >= 0 ? r.nid : undefined;
  const limit = r.maxAddr ? hex(r.maxAddr) : 'the current limit';
  const size = sizeText(r.size ?? 0);
  const text: RequestText = {
    align: r.align,
    from: r.from,
    maxAddr: r.maxAddr,
    nid: r.nid,
    label: flat(`${by} asks for ${size}`),
    explain: flat(
      `${by} asks memblock for ${r.size} bytes aligned to ${hex(r.align ?? 0)} between ${hex(r.from ?? 0)} and ${limit}${node === undefined ? '' : ` on node ${node}`}; the reservation that answers it is the next line.`,
    ),
    request: Object.freeze({
      label: 'request',
      value: flat(
        `${r.size} bytes, align ${hex(r.align ?? 0)}, from ${hex(r.from ?? 0)} to ${r.maxAddr ? hex(r.maxAddr) : 'limit'}`,
      ),
    }),
    places: flat(`memblock places ${by}'s ${size} at `),
  };
  if (bySize.size < TEXT_CACHE_LIMIT) bySize.set(r.size, text);
  return text;
}

/** `<fn> (<size>)`: the label of a reservation that answers a request, by function and size. */
const answers = new Map<string, Map<number, string>>();

function answerLabel(who: string, bytes: number): string {
  let bySize = answers.get(who);
  if (!bySize) {
    bySize = new Map();
    if (answers.size < TEXT_CACHE_LIMIT) answers.set(who, bySize);
  }
  let label = bySize.get(bytes);
  if (label === undefined) {
    label = flat(`${who} (${sizeText(bytes)})`);
    if (bySize.size < TEXT_CACHE_LIMIT) bySize.set(bytes, label);
  }
  return label;
}

/** A memblock=debug line; `alloc` is the request a reservation answers, when it does. */
export function describeMemblock(r: MemblockRecord, alloc: MemblockRecord | null): Described {
  const range = r.range as Range;
  // An answer is told by its request: its own caller (memblock_alloc_range_nid) says nothing.
  if (r.op === 'reserve' && alloc) {
    const asked = callerInfo(alloc.caller);
    const owner = asked.owner ?? 'allocation';
    const text = requestText(alloc, asked.fn);
    const mem = memRange(range.start, range.end);
    return {
      phase: phaseOfOwner(owner),
      fn: r.fn,
      label: answerLabel(asked.fn, range.end - range.start),
      explain: `${text.places}${span(range, mem)}.`,
      owner,
      range,
      worked: [text.request, { label: 'placed at', value: mem }],
    };
  }
  const caller = callerInfo(r.caller);
  const by = caller.fn;
  if (r.op === 'alloc') {
    const owner = caller.owner ?? 'allocation';
    const text = requestText(r, by);
    return {
      phase: phaseOfOwner(owner),
      fn: r.fn,
      label: text.label,
      explain: text.explain,
      owner,
      node: r.nid !== undefined && r.nid >= 0 ? r.nid : undefined,
    };
  }
  return {
    phase: 'early-reserve',
    fn: r.fn,
    label:
      r.op === 'reserve' ? `reserved by ${by}` : `${r.fn.replace(/^_*memblock_/, '')} by ${by}`,
    explain: `${by} ${MEMBLOCK_VERBS[r.op]} ${span(range)}${r.op === 'free' ? ', which goes back to the free memory' : ''}.`,
    owner:
      r.op === 'reserve'
        ? (caller.owner ?? 'other')
        : r.op === 'free'
          ? 'page-allocator'
          : 'firmware',
    range,
  };
}
