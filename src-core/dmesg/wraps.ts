/**
 * Hard-wrapped lines joined back. A console wraps at 80 columns in the middle of a word; a mail
 * client wraps at about 72 columns on a space and drops it; `dmesg | fold` and pasted syslog
 * leave a trailing space. A line is joined to the one before only when it cannot stand alone
 * (no capture prefix where the log has them, not a message of its own) and the line before is
 * visibly unfinished. Joining never crosses more than MAX_PARTS lines or MAX_JOINED characters.
 */
import { isMemoryRelated } from './classify';
import type { LogLine } from './types';

/**
 * The physical lines, column by column (a 100,000-line log would otherwise make 100,000
 * short-lived objects that outlive several garbage collections).
 */
export interface PhysicalLines {
  /** Message text, untrimmed. */
  text: string[];
  /** Length of the whole physical line after unquoting, prefix included. */
  rawLength: number[];
  time: (number | null)[];
  source: LogLine['source'][];
  prefixed: boolean[];
}

/** One physical line, as the join rules look at it. */
interface Physical {
  text: string;
  rawLength: number;
  prefixed: boolean;
}

const at = (p: PhysicalLines, i: number): Physical => ({
  text: p.text[i] as string,
  rawLength: p.rawLength[i] as number,
  prefixed: p.prefixed[i] as boolean,
});

const MAX_PARTS = 8;
const MAX_JOINED = 8192;
/** Console widths: a line of exactly this many columns was cut by the terminal. */
const CONSOLE_WIDTHS = new Set([79, 80]);

export const WRAP_PATTERNS = {
  messageStart: /^[\w./-]{1,40}: /,
  consoleStatus: /^\[ {0,3}[A-Z]{2,6} {0,3}\]/,
  indented: /^(?: {2}|\t)/,
  elision: /^(?:\.{3,}|…{1,3})$/,
  cmdlineHead: /^(?:Kernel )?[Cc]ommand line: /,
  versionHead: /^Linux version /,
  buildNumber: / #\d/,
} as const;

const W = WRAP_PATTERNS;

function unbalanced(s: string): boolean {
  let round = 0;
  let square = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 40) round++;
    else if (c === 41) round--;
    else if (c === 91) square++;
    else if (c === 93) square--;
  }
  return round > 0 || square > 0;
}

/** Can `next` be the continuation of something (rather than a line of its own)? */
function continuationCandidate(
  next: Physical,
  prefixedLog: boolean,
  isComplete: (t: string) => boolean,
): boolean {
  const t = next.text;
  if (next.prefixed || t.trim() === '') return false;
  if (W.consoleStatus.test(t) || W.indented.test(t) || W.messageStart.test(t)) return false;
  if (W.elision.test(t.trim())) return false;
  if (!prefixedLog && (W.versionHead.test(t) || W.cmdlineHead.test(t))) return false;
  return !isComplete(t.trim());
}

/**
 * Does `n` read as more of a command line? Without timestamps to tell lines apart it must
 * start with a `key=value` parameter, so that a message like `Setting dangerous option
 * i915.enable_guc - tainting kernel` is not taken for one.
 */
function cmdlineContinues(n: string, prefixedLog: boolean): boolean {
  if (n.includes(': ') || n.trimEnd().endsWith(':')) return false;
  return prefixedLog || (n.trimStart().split(' ')[0] ?? '').includes('=');
}

type Join = 'direct' | 'space' | null;

/** How `next` continues the message built so far, if it does. */
function joinKind(
  built: string,
  last: Physical,
  next: Physical,
  prefixedLog: boolean,
  isComplete: (t: string) => boolean,
): Join {
  const trimmed = built.trimEnd();
  const cmdline = W.cmdlineHead.test(trimmed);
  const version = W.versionHead.test(trimmed) && !W.buildNumber.test(trimmed);
  const open = cmdline || version || unbalanced(trimmed);
  if (!open && isComplete(trimmed)) return null;
  if (prefixedLog && (CONSOLE_WIDTHS.has(last.rawLength) || /\s$/.test(last.text))) return 'direct';
  const n = next.text;
  if (
    version ||
    unbalanced(trimmed) ||
    (cmdline && cmdlineContinues(n, prefixedLog)) ||
    (prefixedLog && isMemoryRelated(trimmed))
  )
    return /\s$/.test(built) || /^\s/.test(n) ? 'direct' : 'space';
  return null;
}

export function joinWrapped(
  p: PhysicalLines,
  isComplete: (text: string) => boolean,
): { lines: LogLine[]; joins: number } {
  const n = p.text.length;
  let prefixedCount = 0;
  let nonBlank = 0;
  for (let i = 0; i < n; i++) {
    if ((p.text[i] as string).trim() === '') continue;
    nonBlank++;
    if (p.prefixed[i]) prefixedCount++;
  }
  const prefixedLog = nonBlank > 0 && prefixedCount * 2 >= nonBlank;
  const lines: LogLine[] = [];
  let joins = 0;
  let i = 0;
  while (i < n) {
    const first = i;
    let built = p.text[i] as string;
    let last = i;
    i++;
    if (built.trim() !== '' && (p.prefixed[first] || !prefixedLog)) {
      // A line with a capture prefix is never a continuation: told before making its Physical.
      while (i < n && i - first < MAX_PARTS && !p.prefixed[i]) {
        const next = at(p, i);
        if (!continuationCandidate(next, prefixedLog, isComplete)) break;
        const kind = joinKind(built, at(p, last), next, prefixedLog, isComplete);
        if (kind === null || built.length + next.text.length >= MAX_JOINED) break;
        built = kind === 'direct' ? built + next.text : built.trimEnd() + ' ' + next.text;
        last = i;
        joins++;
        i++;
      }
    }
    lines.push({
      line: first + 1,
      lastLine: last + 1,
      text: built.trimEnd(),
      time: p.time[first] as number | null,
      source: p.source[first] as LogLine['source'],
      prefixed: p.prefixed[first] as boolean,
    });
  }
  return { lines, joins };
}
