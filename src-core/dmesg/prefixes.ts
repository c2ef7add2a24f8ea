/**
 * The prefixes that capture tools put before a kernel message: dmesg timestamps (padded,
 * collapsed by a mail client, or with the `[` lost), `dmesg -T` and `-x`, raw `<6>` levels,
 * printk caller ids, syslog and journalctl (short, short-iso, short-monotonic) headers, and
 * the Xen hypervisor's `(XEN)`. Every pattern is anchored and linear.
 */

export type PrefixKind = 'dmesg' | 'syslog' | 'journal' | 'none';

export interface Stripped {
  /** The message, leading white space kept (zone and node lines are indented). */
  text: string;
  /** The kernel timestamp in seconds, when one was printed. */
  time: number | null;
  kind: PrefixKind;
  source: 'kernel' | 'xen' | 'other';
}

export const PREFIX_PATTERNS = {
  level: /^<\d{1,3}>/,
  dmesgTime: /^\[ *(\d{1,9}\.\d{1,9})\] ?/,
  lostBracket: /^ *(\d{1,9}\.\d{6})\] /,
  dmesgHuman: /^\[[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d \d{4}\] ?/,
  dmesgFacility: /^[a-z]{2,8} *:[a-z]{2,7} *: /,
  caller: /^\[ *[TC]\d{1,7}\] ?/,
  syslog: /^[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d (\S{1,255}) /,
  syslogIso: /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[.,0-9]{0,10}(?:Z|[+-]\d\d:?\d\d)? (\S{1,255}) /,
  journalMonotonic: /^\[ *(\d{1,9}\.\d{1,9})\] (?:\S{1,255} )?kernel: /,
  kernelTag: /^kernel: /,
  programPid: /^[\w.@/-]{1,64}\[\d{1,10}\]: /,
  xen: /^\(XEN\) ?/,
  glued: /\[ {0,20}\d{1,9}\.\d{6}\] /,
} as const;

const P = PREFIX_PATTERNS;

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
/** Powers of ten written out: exact, whatever Math.pow does. */
const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9];

/** Digits from `i` on, at most 9 of them: the index after them, or -1 for none or too many. */
function digitsEnd(s: string, i: number): number {
  let j = i;
  while (isDigit(s.charCodeAt(j))) j++;
  return j > i && j - i <= 9 ? j : -1;
}

/**
 * P.dmesgTime read by hand, as it matches every line of most logs: the length of the match
 * (0 for none) and the time. The time is the digits as one integer over a power of ten: both
 * exact below 2^53, so the quotient is the double nearest the decimal, as Number() reads it.
 */
function dmesgTime(s: string): { length: number; time: number } | null {
  if (s.charCodeAt(0) !== 91 /* [ */) return null;
  let i = 1;
  while (s.charCodeAt(i) === 32) i++;
  const start = i;
  const dot = digitsEnd(s, start);
  if (dot < 0 || s.charCodeAt(dot) !== 46 /* . */) return null;
  const close = digitsEnd(s, dot + 1);
  if (close < 0 || s.charCodeAt(close) !== 93 /* ] */) return null;
  const length = s.charCodeAt(close + 1) === 32 ? close + 2 : close + 1;
  if (close - start > 16) return { length, time: Number(s.slice(start, close)) };
  let n = 0;
  for (let j = start; j < close; j++) if (j !== dot) n = n * 10 + (s.charCodeAt(j) - 48);
  return { length, time: n / (POW10[close - dot - 1] as number) };
}

/** Remove a dmesg timestamp (and a caller id after it); null when none. */
function dmesgStamp(s: string): { rest: string; time: number } | null {
  let stamp = dmesgTime(s);
  if (!stamp) {
    const m = P.lostBracket.exec(s);
    if (!m) return null;
    stamp = { length: m[0].length, time: Number(m[1]) };
  }
  const rest = s.slice(stamp.length);
  const c = rest.charCodeAt(0) === 91 /* [ */ ? P.caller.exec(rest) : null;
  return { rest: c ? rest.slice(c[0].length) : rest, time: stamp.time };
}

/** Strip the capture prefixes of one cleaned physical line. */
export function stripPrefixes(input: string): Stripped {
  let s = input;
  // Each pattern is tried only where its first character (or its `kernel: `) is there to see:
  // a 100,000-line log would otherwise run them all on every line.
  const level = s.charCodeAt(0) === 60 /* < */ ? P.level.exec(s) : null;
  if (level) s = s.slice(level[0].length);
  const xen = s.charCodeAt(0) === 40 /* ( */ ? P.xen.exec(s) : null;
  if (xen) return { text: s.slice(xen[0].length), time: null, kind: 'dmesg', source: 'xen' };

  const mono = s.includes('kernel: ') ? P.journalMonotonic.exec(s) : null;
  if (mono)
    return {
      text: s.slice(mono[0].length),
      time: Number(mono[1]),
      kind: 'journal',
      source: 'kernel',
    };

  // Syslog headers and dmesg's facility start with a letter or a digit, never with the `[` of
  // a dmesg timestamp; the human-readable stamp is `[` and a capital.
  const bracket = s.charCodeAt(0) === 91; /* [ */
  const sys = bracket ? null : (P.syslog.exec(s) ?? P.syslogIso.exec(s));
  if (sys) {
    let rest = s.slice(sys[0].length);
    let source: Stripped['source'] = 'kernel';
    const kernel = P.kernelTag.exec(rest);
    if (kernel) rest = rest.slice(kernel[0].length);
    else if (P.programPid.test(rest)) source = 'other';
    const stamp = dmesgStamp(rest);
    return {
      text: stamp ? stamp.rest : rest,
      time: stamp ? stamp.time : null,
      kind: kernel ? 'journal' : 'syslog',
      source,
    };
  }

  const facility = bracket ? null : P.dmesgFacility.exec(s);
  if (facility) s = s.slice(facility[0].length);
  const c1 = s.charCodeAt(1);
  const human = s.charCodeAt(0) === 91 && c1 >= 65 && c1 <= 90 ? P.dmesgHuman.exec(s) : null;
  if (human) return { text: s.slice(human[0].length), time: null, kind: 'dmesg', source: 'kernel' };
  const stamp = dmesgStamp(s);
  if (stamp) return { text: stamp.rest, time: stamp.time, kind: 'dmesg', source: 'kernel' };
  if (facility) return { text: s, time: null, kind: 'dmesg', source: 'kernel' };
  return { text: s, time: null, kind: 'none', source: 'kernel' };
}

/**
 * A kernel line glued after other output on the same physical line (a serial console where
 * the boot loader did not end its line, or systemd's status line cut by a printk): the index
 * where the timestamp starts, or -1.
 */
export function gluedStart(s: string): number {
  if (s.length === 0 || s.indexOf('] ') < 0) return -1;
  const m = P.glued.exec(s);
  return m && m.index > 0 ? m.index : -1;
}
