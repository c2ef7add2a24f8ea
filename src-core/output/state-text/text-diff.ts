/**
 * A unified diff of two texts (line lists), as `diff -u` prints it: Myers' O((N+M)·D)
 * shortest edit script, hunks with three lines of context. Two steps of the same boot differ
 * in a few lines, so D stays small even for thousands of lines.
 */

/** One line of the edit script: kept (' '), removed ('-') or added ('+'). */
export interface DiffLine {
  op: ' ' | '-' | '+';
  text: string;
}

/** Trace entries (Int32 slots) a diff may keep before it settles for a coarser script. */
const TRACE_BUDGET = 20_000_000;

/**
 * An edit script turning `a` into `b`: the common head and tail are kept, the middle gets
 * Myers' shortest script, or, when that would need more than TRACE_BUDGET of memory (two
 * unrelated texts of thousands of lines), all of a's middle removed and b's added.
 */
export function diffLines(a: readonly string[], b: readonly string[]): DiffLine[] {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (
    tail < a.length - head &&
    tail < b.length - head &&
    a[a.length - 1 - tail] === b[b.length - 1 - tail]
  )
    tail++;
  const keep = (t: string): DiffLine => ({ op: ' ', text: t });
  const middle = myers(a.slice(head, a.length - tail), b.slice(head, b.length - tail)) ?? [
    ...a.slice(head, a.length - tail).map((t): DiffLine => ({ op: '-', text: t })),
    ...b.slice(head, b.length - tail).map((t): DiffLine => ({ op: '+', text: t })),
  ];
  return [...a.slice(0, head).map(keep), ...middle, ...a.slice(a.length - tail).map(keep)];
}

/** The shortest edit script (Myers 1986, greedy forward search), or null over budget. */
function myers(a: readonly string[], b: readonly string[]): DiffLine[] | null {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const off = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = false;
  for (let d = 0; d <= max && !found; d++) {
    if ((d + 1) * v.length > TRACE_BUDGET) return null;
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x =
        k === -d || (k !== d && (v[off + k - 1] as number) < (v[off + k + 1] as number))
          ? (v[off + k + 1] as number)
          : (v[off + k - 1] as number) + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[off + k] = x;
      if (x >= n && y >= m) {
        found = true;
        break;
      }
    }
  }
  // Walk the trace back from (n, m) to (0, 0).
  const out: DiffLine[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const vd = trace[d] as Int32Array;
    const k = x - y;
    const down = k === -d || (k !== d && (vd[off + k - 1] as number) < (vd[off + k + 1] as number));
    const pk = down ? k + 1 : k - 1;
    const px = d === 0 ? 0 : (vd[off + pk] as number);
    const py = px - pk;
    while (x > px && y > py && x > 0 && y > 0 && a[x - 1] === b[y - 1]) {
      out.push({ op: ' ', text: a[x - 1] as string });
      x--;
      y--;
    }
    if (d === 0) break;
    if (down) out.push({ op: '+', text: b[--y] as string });
    else out.push({ op: '-', text: a[--x] as string });
  }
  return out.reverse();
}

/** `diff -u` text of two line lists, with `--- a` / `+++ b` headers; [] when they are equal. */
export function unifiedDiff(
  a: readonly string[],
  b: readonly string[],
  names: { a: string; b: string },
  context = 3,
): string[] {
  const script = diffLines(a, b);
  if (script.every((l) => l.op === ' ')) return [];
  const out = [`--- ${names.a}`, `+++ ${names.b}`];
  // Line numbers of each script entry in a and b.
  const at: { ai: number; bi: number }[] = [];
  let ai = 0;
  let bi = 0;
  for (const l of script) {
    at.push({ ai, bi });
    if (l.op !== '+') ai++;
    if (l.op !== '-') bi++;
  }
  let i = 0;
  while (i < script.length) {
    if ((script[i] as DiffLine).op === ' ') {
      i++;
      continue;
    }
    // A hunk: from `context` lines before this change to `context` after the last change
    // that is within 2 × context of the one before it.
    const start = Math.max(0, i - context);
    let end = i;
    for (let j = i; j < script.length; j++) {
      if ((script[j] as DiffLine).op !== ' ') end = j;
      else if (j - end > 2 * context) break;
    }
    const stop = Math.min(script.length, end + context + 1);
    const hunk = script.slice(start, stop);
    const first = at[start] as { ai: number; bi: number };
    const aLen = hunk.filter((l) => l.op !== '+').length;
    const bLen = hunk.filter((l) => l.op !== '-').length;
    const pos = (from: number, len: number) => `${len === 0 ? from : from + 1},${len}`;
    out.push(`@@ -${pos(first.ai, aLen)} +${pos(first.bi, bLen)} @@`);
    for (const l of hunk) out.push(`${l.op}${l.text}`);
    i = stop;
  }
  return out;
}
