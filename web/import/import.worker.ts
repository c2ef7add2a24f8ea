/**
 * The import off the main thread: read the file, parse the log, run the matching model and
 * compare, then send the page what it shows, the observed timeline in compact chunks. The engine's
 * importer and every model live in this worker's own bundle, not in the page's.
 */
import {
  compareRun,
  humanSize,
  importLog,
  MAX_IMPORT_BYTES,
  simulate,
  type Agreement,
  type ImportOk,
} from '../../src-core';
import { rowKinds } from './agreement-rows';
import { Packer } from './compact';
import { decodeText, gunzip, isGzip } from './decode';
import { toView, type ChunkPart, type ImportRequest, type WorkerMessage } from './protocol';

/**
 * Items per chunk: the page unpacks a chunk at a time (the timeline between two yields, the
 * comparison table the chunks holding the rows it lists), which must stay a few milliseconds
 * even on a loaded machine (2,000 steps took 50-130 ms there).
 */
const CHUNK = 400;

const send = (m: WorkerMessage, transfer: Transferable[] = []): void =>
  self.postMessage(m, { transfer });

/** Lines as the importer counts them: a final newline ends the last line, it starts none. */
function lineCount(text: string): number {
  let n = text.length > 0 ? 1 : 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return text.endsWith('\n') ? n - 1 : n;
}

async function readFile(file: File): Promise<string> {
  if (file.size > MAX_IMPORT_BYTES)
    throw new Error(
      `${file.name} is ${humanSize(file.size)}; the importer reads at most ${humanSize(MAX_IMPORT_BYTES)}`,
    );
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (!isGzip(bytes)) return decodeText(bytes);
  const inflated = await gunzip(bytes, MAX_IMPORT_BYTES);
  if (typeof inflated === 'string')
    throw new Error(`${file.name} is gzip-compressed, but ${inflated}`);
  return decodeText(inflated);
}

function compare(r: ImportOk): { agreement: Agreement | null; note: string } {
  if (!r.scenario) return { agreement: null, note: r.scenarioProblems.join(' ') };
  const sim = simulate(r.scenario, r.scenario.model);
  if (!sim.ok)
    return { agreement: null, note: `the ${r.scenario.model} model did not run: ${sim.error}` };
  const agreement = compareRun(r, sim.sim);
  return agreement
    ? { agreement, note: '' }
    : { agreement: null, note: `the ${r.scenario.model} run prints nothing to compare with` };
}

function sendChunks(id: number, packer: Packer, part: ChunkPart, items: readonly unknown[]): void {
  for (let i = 0; i < items.length; i += CHUNK) {
    const { packed, transfer } = packer.pack(items.slice(i, i + CHUNK));
    send({ id, type: 'chunk', part, packed }, transfer);
  }
}

async function handle(req: ImportRequest): Promise<void> {
  const { id } = req;
  send({ id, type: 'progress', stage: 'reading', detail: `Reading ${req.name}…` });
  const text = req.input.kind === 'text' ? req.input.text : await readFile(req.input.file);
  const lines = lineCount(text);
  send({
    id,
    type: 'progress',
    stage: 'parsing',
    detail: `Parsing ${lines.toLocaleString('en')} lines (${humanSize(text.length)})…`,
  });
  const r = importLog(text, req.boot === undefined ? {} : { boot: req.boot });
  if (!r.ok) return send({ id, type: 'done', ok: false, error: r.error });
  send({
    id,
    type: 'progress',
    stage: 'comparing',
    detail: r.scenario ? `Running ${r.scenario.model} on the imported machine…` : 'Preparing…',
  });
  const { agreement, note } = compare(r);
  const { events, regions, bitOps, ...shell } = r.observed;
  const agreementRows = agreement?.rows ?? [];
  const total = {
    events: events.length,
    regions: regions.length,
    bitOps: bitOps.length,
    agreementRows: agreementRows.length,
  };
  send({
    id,
    type: 'progress',
    stage: 'receiving',
    detail: `Receiving ${events.length.toLocaleString('en')} steps…`,
    total: total.events + total.regions + total.bitOps + total.agreementRows,
  });
  const packer = new Packer();
  sendChunks(id, packer, 'events', events);
  sendChunks(id, packer, 'regions', regions);
  sendChunks(id, packer, 'bitOps', bitOps);
  sendChunks(id, packer, 'agreementRows', agreementRows);
  const head = agreement && {
    model: agreement.model,
    counts: agreement.counts,
    ...rowKinds(agreement.rows),
  };
  send(
    {
      id,
      type: 'done',
      ok: true,
      view: toView(req.name, r),
      shell,
      runnable: r.scenario !== null,
      agreement: head,
      agreementNote: note,
      total,
    },
    head ? [head.topics.buffer, head.statuses.buffer] : [],
  );
}

self.onmessage = (e: MessageEvent<ImportRequest>) => {
  const req = e.data;
  handle(req).catch((err: unknown) =>
    send({
      id: req.id,
      type: 'done',
      ok: false,
      error: err instanceof Error ? err.message : String(err),
    }),
  );
};
