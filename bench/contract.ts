/**
 * The bench's JSON document (`npm run --silent bench -- --json`), a contract: rows may be
 * added, these names are never renamed.
 */
import { targetText, type BenchRow } from './table';

/** Rows every run must have, by exact name. */
export const CONTRACT_ROWS = [
  'import vs baseline scan',
  'step latency p95, 100,000 regions',
  'step latency ratio 100,000 / 1,000 regions',
  'zoom/pan frame p95, 100,000 regions',
  'advisor longest main-thread task, 10,000 regions',
  'first render (seed)',
  'JS loaded at start, gzip',
  '64 TiB memblock-6.1 / bootmem ratio',
] as const;

export const UNITS = ['ms', '×', '%', 'KB', 'MiB', 'chars'] as const;

export interface DocumentRow {
  group: string;
  name: string;
  value: number;
  unit: (typeof UNITS)[number];
  /** `≤ 4`, `≥ 1000`; null on a row that only informs. */
  target: string | null;
  pass: boolean | null;
}

export interface BenchDocument {
  machine: string;
  /** One-minute load average when the run started. */
  load: number;
  rows: DocumentRow[];
}

const isUnit = (u: string): u is DocumentRow['unit'] => (UNITS as readonly string[]).includes(u);

/** The document of a run; throws when a contract row is missing or a unit is not one of UNITS. */
export function benchDocument(machine: string, load: number, rows: BenchRow[]): BenchDocument {
  const missing = CONTRACT_ROWS.filter((n) => !rows.some((r) => r.name === n));
  if (missing.length) throw new Error(`bench rows missing: ${missing.join(', ')}`);
  return {
    machine,
    load,
    rows: rows.map((r) => {
      if (!isUnit(r.unit))
        throw new Error(`bench row "${r.name}": unit ${r.unit} is not one of ${UNITS.join(' ')}`);
      return {
        group: r.group,
        name: r.name,
        value: Math.round(r.value * 1000) / 1000,
        unit: r.unit,
        target: targetText(r),
        pass: r.pass ?? null,
      };
    }),
  };
}
