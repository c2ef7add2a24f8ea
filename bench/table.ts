/** One line of the benchmark table. */
export interface BenchRow {
  group: string;
  name: string;
  value: number;
  unit: string;
  target?: number;
  pass?: boolean;
  /** For ratios: the target is a minimum. */
  higherIsBetter?: boolean;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

/** A row with a target, its verdict worked out from the value. */
export function targetRow(
  group: string,
  name: string,
  value: number,
  unit: string,
  target: number,
  higherIsBetter = false,
): BenchRow {
  return {
    group,
    name,
    value,
    unit,
    target,
    pass: higherIsBetter ? value >= target : value <= target,
    ...(higherIsBetter ? { higherIsBetter } : {}),
  };
}

const fmt = (v: number): string =>
  v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2);

/** `≤ 4` or `≥ 1000`: the target as the JSON document and the table print it (no unit). */
export const targetText = (r: BenchRow): string | null =>
  r.target === undefined ? null : `${r.higherIsBetter ? '≥' : '≤'} ${r.target}`;

/** A Markdown table: it reads in a terminal and pastes into the README. */
export function formatTable(rows: BenchRow[]): string {
  const lines = ['| group | measurement | value | target | result |', '|---|---|---|---|---|'];
  for (const r of rows) {
    const t = targetText(r);
    const target = t === null ? '' : `${t} ${r.unit}`;
    const result = r.pass === undefined ? '' : r.pass ? 'pass' : 'FAIL';
    lines.push(`| ${r.group} | ${r.name} | ${fmt(r.value)} ${r.unit} | ${target} | ${result} |`);
  }
  return lines.join('\n');
}
