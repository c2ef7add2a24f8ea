/**
 * The kernel command line split into parameters the way kernel/params.c next_arg() does:
 * white space separates, double quotes group (`foo="a b"`), the first `=` splits key from value.
 * Positions are kept so an editor can point at the exact characters of a bad option.
 */

export interface Param {
  /** The key as typed, e.g. `crashkernel`. */
  key: string;
  /** The value after the first `=`, quotes removed; null for a bare flag such as `nokaslr`. */
  value: string | null;
  /** Offsets of the whole `key=value` word in the command line, half-open. */
  start: number;
  end: number;
  /** Offset of the value's first character (equal to `end` for a flag). */
  valueStart: number;
}

const isSpace = (c: string | undefined): boolean =>
  c === ' ' || c === '\t' || c === '\n' || c === '\r';

/** Split a command line into its parameters, in order. */
export function parseCmdline(line: string): Param[] {
  const out: Param[] = [];
  let i = 0;
  while (i < line.length) {
    while (i < line.length && isSpace(line[i])) i++;
    if (i >= line.length) break;
    const start = i;
    let inQuote = false;
    let eq = -1;
    for (; i < line.length; i++) {
      const c = line[i];
      if (c === '"') inQuote = !inQuote;
      else if (!inQuote && isSpace(c)) break;
      else if (c === '=' && eq < 0) eq = i;
    }
    const word = line.slice(start, i);
    if (eq < 0) {
      out.push({ key: word.replace(/"/g, ''), value: null, start, end: i, valueStart: i });
    } else {
      const raw = line.slice(eq + 1, i);
      const quoted = raw.startsWith('"') ? 1 : 0;
      const value = raw.replace(/^"/, '').replace(/"$/, '');
      out.push({
        key: line.slice(start, eq).replace(/"/g, ''),
        value,
        start,
        end: i,
        valueStart: eq + 1 + quoted,
      });
    }
  }
  return out;
}

/** kernel/params.c parameq: `-` and `_` are the same in parameter names. */
export const sameKey = (a: string, b: string): boolean =>
  a.replace(/-/g, '_') === b.replace(/-/g, '_');

/** Every occurrence of a parameter, in command-line order. */
export function paramsNamed(params: readonly Param[], key: string): Param[] {
  return params.filter((p) => sameKey(p.key, key));
}

/** The last occurrence (the one most handlers end up honouring), or undefined. */
export function lastParam(params: readonly Param[], key: string): Param | undefined {
  const all = paramsNamed(params, key);
  return all[all.length - 1];
}

/** True when a flag or `key=value` with this exact value is present (`numa=off`). */
export function hasParam(
  params: readonly Param[],
  key: string,
  value: string | null = null,
): boolean {
  return params.some((p) => sameKey(p.key, key) && (value === null || p.value === value));
}

/** The command line without any occurrence of `key`. */
export function withoutParam(line: string, key: string): string {
  return parseCmdline(line)
    .filter((p) => !sameKey(p.key, key))
    .map((p) => line.slice(p.start, p.end))
    .join(' ');
}

/** Replace every occurrence of `key` with one `key=value` at the end; for "try this" edits. */
export function withParam(line: string, key: string, value: string): string {
  return [withoutParam(line, key), `${key}=${value}`].filter(Boolean).join(' ');
}
