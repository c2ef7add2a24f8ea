/**
 * From pasted text to kernel messages: line splitting with the original line numbers, serial
 * debris (CR bytes, ANSI escapes, other control bytes), e-mail quoting, capture prefixes, and
 * hard-wrapped lines joined back where the continuation can be recognised.
 */
import { gluedStart, stripPrefixes, type PrefixKind } from './prefixes';
import { joinWrapped, type PhysicalLines } from './wraps';
import type { LogLine } from './types';

export interface NormalizeStats {
  physicalLines: number;
  quoted: number;
  ansi: number;
  carriageReturns: number;
  glued: number;
  joined: number;
  /** Physical lines cut at MAX_LINE characters. */
  cut: number;
  prefixes: Record<PrefixKind, number>;
}

export interface Normalized {
  lines: LogLine[];
  stats: NormalizeStats;
}

/** printk lines are at most 1 KiB and x86 command lines 2 KiB: longer lines are debris. */
export const MAX_LINE = 4096;

// Serial captures carry control bytes; matching them is the point of these two patterns.
export const NORMALIZE_PATTERNS = {
  // eslint-disable-next-line no-control-regex
  ansi: /\x1b(?:\[[0-?]{0,32}[ -/]{0,8}[@-~]|\][^\x07\x1b]{0,512}(?:\x07|\x1b\\)?|[ -/]{0,2}[0-~])/g,
  // eslint-disable-next-line no-control-regex
  controls: /[\x00-\x08\x0b-\x1f\x7f]/g,
  // The run of text from the start without the characters of `controls` (the class of what
  // they are not, to the end of the run): a 12 MB log without them is read in about five sixths
  // of the time a search for the negated class takes, and a third less than the class of ranges.
  textRun: /^[\t\n -~\x80-\uffff]*/y,
} as const;

/** Does the text hold any of the characters `controls` removes? */
export function hasControl(s: string): boolean {
  const run = NORMALIZE_PATTERNS.textRun;
  run.lastIndex = 0;
  run.test(s);
  return run.lastIndex !== s.length;
}

/** Remove `> `, `>> `, `>>>>> ` quoting: each `>` and at most one space after it. */
export function unquote(s: string): string {
  let i = 0;
  while (s[i] === '>') {
    i++;
    if (s[i] === ' ') i++;
  }
  return i === 0 ? s : s.slice(i);
}

interface Cleaned {
  text: string;
  ansi: boolean;
  cr: boolean;
}

/**
 * ANSI escapes out; a bare CR returns the carriage, so what follows the last one is what shows.
 * Only for a text with control bytes: without any (most logs) no line has anything to clean.
 */
function clean(raw: string): Cleaned {
  let s = raw;
  let ansi = false;
  if (s.includes('\x1b')) {
    const t = s.replace(NORMALIZE_PATTERNS.ansi, '');
    ansi = t !== s;
    s = t;
  }
  let cr = false;
  if (s.includes('\r')) {
    cr = true;
    const parts = s.split('\r');
    let pick = '';
    for (let k = parts.length - 1; k >= 0; k--) {
      const p = parts[k] as string;
      if (p.trim() !== '') {
        pick = p;
        break;
      }
    }
    s = pick;
  }
  const text = hasControl(s) ? s.replace(NORMALIZE_PATTERNS.controls, '') : s;
  return { text, ansi, cr };
}

/**
 * Split and clean the text. `isComplete` tells whether a message is already a whole fact, so
 * that a following unprefixed line is not glued onto it.
 */
export function normalize(input: string, isComplete: (text: string) => boolean): Normalized {
  // A final newline ends the last line; it does not start another.
  const end = input.endsWith('\n') ? input.length - 1 : input.length;
  const stats: NormalizeStats = {
    physicalLines: 0,
    quoted: 0,
    ansi: 0,
    carriageReturns: 0,
    glued: 0,
    joined: 0,
    cut: 0,
    prefixes: { dmesg: 0, syslog: 0, journal: 0, none: 0 },
  };
  const physical: PhysicalLines = { text: [], rawLength: [], time: [], source: [], prefixed: [] };
  const anyControl = hasControl(input);
  // Each line is taken from the text as it is read rather than split off first: a line that
  // outlives the loop is one the garbage collector moves (100,000 of them and their list).
  for (let from = 0; from <= end;) {
    const nl = input.indexOf('\n', from);
    const to = nl < 0 ? end : nl;
    let r = input.slice(from, to);
    from = to + 1;
    stats.physicalLines++;
    if (r.length > MAX_LINE) {
      r = r.slice(0, MAX_LINE);
      stats.cut++;
    }
    let cleaned = r;
    if (anyControl) {
      const c = clean(r);
      if (c.ansi) stats.ansi++;
      if (c.cr) stats.carriageReturns++;
      cleaned = c.text;
    }
    const unq = unquote(cleaned);
    if (unq.length !== cleaned.length) stats.quoted++;
    let p = stripPrefixes(unq);
    let body = unq;
    if (p.kind === 'none' && p.source !== 'xen') {
      const at = gluedStart(unq);
      if (at > 0) {
        body = unq.slice(at);
        p = stripPrefixes(body);
        stats.glued++;
      }
    }
    if (body.trim() !== '') stats.prefixes[p.kind]++;
    physical.text.push(p.text);
    physical.rawLength.push(body.length);
    physical.time.push(p.time);
    physical.source.push(p.source);
    physical.prefixed.push(p.kind !== 'none' || p.source === 'xen');
  }
  const joined = joinWrapped(physical, isComplete);
  stats.joined = joined.joins;
  return { lines: joined.lines, stats };
}
