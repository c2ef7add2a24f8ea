/**
 * Pieces of the text of a step read from a log, made so that a 100,000-line log does not make
 * (and keep) hundreds of thousands of strings: sizes that repeat share one string, and every
 * sentence is stored flat.
 */
import { humanSize, memRange } from '../base/addr';
import type { Owner, Phase, Worked } from '../output/events';
import type { Range } from '../base/range';

/** What a step read from the log says, for people: label, explanation, phase and owner. */
export interface Described {
  /** The phase the step belongs to. `advance`: the boot has reached it; `fixed`: only this step. */
  phase: Phase;
  advance?: boolean;
  fixed?: boolean;
  label: string;
  explain: string;
  fn: string;
  owner: Owner;
  range?: Range;
  node?: number;
  worked?: Worked[];
}

/**
 * A string built from many pieces, made one flat string. V8 keeps a template literal as a tree
 * of its parts until something reads it, and a step's label or explanation would keep ~15
 * nodes (about 500 bytes) for as long as the timeline lives: 50 MB for a 100,000-line log.
 * Reading one character flattens it.
 */
export function flat(s: string): string {
  s.charCodeAt(0);
  return s;
}

/** At most this many entries in each of the importer's text caches (a bound, not a tuning). */
export const TEXT_CACHE_LIMIT = 4096;

const shared = new Map<string, string>();

/**
 * One string for every copy of a text that repeats from line to line (the function and caller
 * of a memblock=debug line): a substring the parser took stays alive with its record, and
 * 200,000 of them would. The string kept is a copy of its own, so the cache does not keep the
 * first log it came from alive.
 */
function sharedText(s: string): string {
  const had = shared.get(s);
  if (had !== undefined) return had;
  if (shared.size >= TEXT_CACHE_LIMIT) return s;
  const own = Array.from(s).join('');
  shared.set(own, own);
  return own;
}

/**
 * sharedText for one field of one kind of line, which mostly repeats the last line's text:
 * told by comparing with it, cheaper than the hash of a new string the cache needs.
 */
export class SharedField {
  private last = '';

  of(s: string): string {
    return s === this.last ? this.last : (this.last = sharedText(s));
  }
}

const sizes = new Map<number, string>();

/** humanSize, once per distinct size: a log repeats the same few request sizes. */
export function sizeText(bytes: number): string {
  let s = sizes.get(bytes);
  if (s === undefined) {
    s = humanSize(bytes);
    if (sizes.size < TEXT_CACHE_LIMIT) sizes.set(bytes, s);
  }
  return s;
}

/** `[mem a-b] (size)`, given the range's memRange when the caller has made it already. */
export function span(r: Range, mem = memRange(r.start, r.end)): string {
  return `${mem} (${sizeText(r.end - r.start)})`;
}
