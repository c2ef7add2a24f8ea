/**
 * The page's side of the import worker: one import at a time (a new one, or cancel, ends the
 * one before), the timeline's chunks put back together, and a deadline, so a log the parser
 * chokes on ends in a message instead of a spinner forever.
 */
import { ChunkAssembler, type ImportRequest, type Imported, type WorkerMessage } from './protocol';

/** The importer reads 100,000 lines in about a second; sixty is a parser stuck, not a big log. */
const DEADLINE_MS = 60_000;
/** Least time between two progress reports while the timeline arrives. */
const PROGRESS_MS = 50;

export type ImportOutcome =
  { ok: true; imported: Imported } | { ok: false; error: string } | { ok: false; cancelled: true };

export interface Progress {
  detail: string;
  /** 0–1 while the timeline arrives; null while the worker is busy on one long step. */
  fraction: number | null;
}

interface Running {
  id: number;
  chunks: ChunkAssembler;
  expected: number;
  onProgress: (p: Progress) => void;
  settle: (o: ImportOutcome) => void;
  timer: ReturnType<typeof setTimeout>;
  /** When progress was last reported. */
  reported: number;
}

let worker: Worker | null = null;
let running: Running | null = null;
let nextId = 1;

function finish(o: ImportOutcome): void {
  const r = running;
  if (!r) return;
  clearTimeout(r.timer);
  running = null;
  r.settle(o);
}

/** Stop the worker (it may be deep in a parse): the next import starts a fresh one. */
function stopWorker(): void {
  worker?.terminate();
  worker = null;
}

function onMessage(m: WorkerMessage): void {
  const r = running;
  if (!r || m.id !== r.id) return;
  if (m.type === 'progress') {
    if (m.total !== undefined) r.expected = m.total;
    r.onProgress({ detail: m.detail, fraction: m.stage === 'receiving' ? 0 : null });
  } else if (m.type === 'chunk') {
    r.chunks.add(m);
    // The bar moves at most once a frame's worth: a render per chunk would cost more than the chunks.
    const now = performance.now();
    if (now - r.reported < PROGRESS_MS) return;
    r.reported = now;
    r.onProgress({
      detail: 'Receiving the observed timeline…',
      fraction: r.expected ? r.chunks.received / r.expected : null,
    });
  } else if (!m.ok) finish({ ok: false, error: m.error });
  else {
    const got = r.chunks.finish(m.shell, m.agreement, m.total);
    if (typeof got === 'string') return finish({ ok: false, error: got });
    const { timeline, agreement } = got;
    finish({
      ok: true,
      imported: {
        view: m.view,
        scenario: m.runnable ? m.shell.scenario : null,
        timeline,
        steps: timeline.steps,
        agreement,
        agreementNote: m.agreementNote,
      },
    });
  }
}

function ensureWorker(): Worker {
  if (worker) return worker;
  const w = new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module' });
  w.onmessage = (e: MessageEvent<WorkerMessage>) => onMessage(e.data);
  w.onerror = (e) => {
    e.preventDefault();
    stopWorker();
    finish({ ok: false, error: `the import worker failed: ${e.message || 'it could not start'}` });
  };
  w.onmessageerror = () => {
    stopWorker();
    finish({ ok: false, error: 'the import worker sent a message the page could not read' });
  };
  return (worker = w);
}

/** Import in the worker; resolves once, with the result, an error, or `cancelled`. */
export function runImport(
  req: Omit<ImportRequest, 'id'>,
  onProgress: (p: Progress) => void,
): Promise<ImportOutcome> {
  cancelImport();
  const id = nextId++;
  return new Promise((settle) => {
    const timer = setTimeout(() => {
      stopWorker();
      finish({
        ok: false,
        error: `reading ${req.name} took more than ${DEADLINE_MS / 1000} s and was stopped; nothing was loaded`,
      });
    }, DEADLINE_MS);
    running = {
      id,
      chunks: new ChunkAssembler(),
      expected: 0,
      onProgress,
      settle,
      timer,
      reported: 0,
    };
    try {
      ensureWorker().postMessage({ ...req, id } satisfies ImportRequest);
    } catch (e) {
      // A page that may not start workers (a strict Content-Security-Policy) still says why.
      stopWorker();
      finish({ ok: false, error: `the import could not start: ${(e as Error).message}` });
    }
  });
}

/** Stop the import under way, if any. */
export function cancelImport(): void {
  if (!running) return;
  stopWorker();
  finish({ ok: false, cancelled: true });
}
