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

/** Remove a dmesg timestamp (and a caller id after it); null when none. */
function dmesgStamp(s: string): { rest: string; time: number } | null {
  const m = P.dmesgTime.exec(s) ?? P.lostBracket.exec(s);
  if (!m) return null;
  const rest = s.slice(m[0].length);
  const c = P.caller.exec(rest);
  return { rest: c ? rest.slice(c[0].length) : rest, time: Number(m[1]) };
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

  const sys = P.syslog.exec(s) ?? P.syslogIso.exec(s);
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

  const facility = P.dmesgFacility.exec(s);
  if (facility) s = s.slice(facility[0].length);
  const human = P.dmesgHuman.exec(s);
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
