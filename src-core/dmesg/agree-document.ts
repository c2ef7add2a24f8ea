/**
 * The `agree` document: an imported log against the run of the rules for its version, fact by
 * fact, as JSON (a contract: extend, never rename). Ranges are half-open hex strings.
 */
import { hex } from '../base/addr';
import { kernelInForce } from '../kernel/rules';
import { formatVersion } from '../kernel/version';
import { simulate } from '../models/simulate';
import { compareRun } from './agreement';
import type { AgreementCell, AgreementRow, AgreementStatus } from './agreement-types';
import type { ImportOk } from './import-log';

export interface AgreeSide {
  start: string | null;
  end: string | null;
  text: string;
}

export interface AgreeRow {
  topic: AgreementRow['topic'];
  what: string;
  status: AgreementStatus;
  log: AgreeSide | null;
  model: AgreeSide | null;
  /** Why it differs (differ), or why it was not checked (unchecked). */
  reason?: string;
}

export interface AgreeDocument {
  file: string;
  boot: number;
  /** The release as the log prints it, or null. */
  kernel: string | null;
  /** The version whose rules ran (`2.6.27`, `4.19`), or null when nothing ran. */
  version: string | null;
  model: string | null;
  rows: AgreeRow[];
  counts: Record<AgreementStatus, number>;
  /** Why nothing was compared (another architecture, 32-bit x86, no e820 map). */
  notes: string[];
}

const side = (c: AgreementCell | null): AgreeSide | null =>
  c && {
    start: c.range ? hex(c.range.start) : null,
    end: c.range ? hex(c.range.end) : null,
    text: c.text,
  };

/** Compare an import with its model's run and shape the result as the document. */
export function agreeDocument(file: string, imp: ImportOk): AgreeDocument {
  const base: AgreeDocument = {
    file,
    boot: imp.boot.number,
    kernel: imp.boot.kernel.version,
    version: null,
    model: null,
    rows: [],
    counts: { agree: 0, differ: 0, unchecked: 0 },
    notes: [],
  };
  if (!imp.scenario) return { ...base, notes: imp.scenarioProblems };
  const model = imp.scenario.model;
  const r = simulate(imp.scenario, model);
  if (!r.ok) return { ...base, model, notes: [`the ${model} run stopped: ${r.error}`] };
  const a = compareRun(imp, r.sim);
  const k = kernelInForce(imp.scenario.kernel.version, model);
  const head = { ...base, model, version: formatVersion(k.version) };
  if (!a) return { ...head, notes: [`the ${model} run prints nothing to compare`] };
  return {
    ...head,
    rows: a.rows.map((row) => ({
      topic: row.topic,
      what: row.what,
      status: row.status,
      log: side(row.log),
      model: side(row.model),
      ...(row.reason ? { reason: row.reason } : row.note ? { reason: row.note } : {}),
    })),
    counts: a.counts,
  };
}

/** The readable form: one line per row, the reason under each difference. */
export function agreeText(d: AgreeDocument): string {
  const head = `${d.file}, boot ${d.boot}: Linux ${d.kernel ?? '(version not shown)'}${d.model ? ` against ${d.model} with the rules of ${d.version}` : ''}`;
  if (!d.model || !d.rows.length) return [head, ...d.notes.map((n) => `  ${n}`)].join('\n');
  const mark: Record<AgreementStatus, string> = { agree: '=', differ: '≠', unchecked: '?' };
  const lines = d.rows.flatMap((r) => [
    `  ${mark[r.status]} ${r.topic.padEnd(11)} ${r.what.padEnd(24)} log ${r.log?.text ?? '—'}${r.status === 'agree' ? '' : ` | run ${r.model?.text ?? '—'}`}`,
    ...(r.status !== 'agree' && r.reason ? [`      ${r.reason}`] : []),
  ]);
  const c = d.counts;
  return [head, ...lines, `${c.agree} agree, ${c.differ} differ, ${c.unchecked} unchecked`].join(
    '\n',
  );
}
