/**
 * The page's side of the advisor worker: jobs go in order, each answer resolves its promise.
 * Where the page cannot start a worker (tests in Node, a strict policy), the job runs in a
 * task of its own instead, after the next paint.
 */
import { work, type AdvisorAnswer, type AdvisorJob } from './advisor-work';

let worker: Worker | null = null;
let failed = false;
let nextId = 1;
const waiting = new Map<number, (a: AdvisorAnswer) => void>();
/** Jobs sent to the worker and not answered yet. */
/** After the next frame is on screen (so "working out" shows first), where there are frames. */
const afterPaint = (f: () => void): void => {
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => setTimeout(f, 0));
  else setTimeout(f, 0);
};

/** The jobs the worker had not answered, done here instead. */
function fallBack(why: string): void {
  failed = true;
  worker?.terminate();
  worker = null;
  console.warn(`advisor worker: ${why}; advising on the page instead`);
  const jobs = [...pending];
  pending.clear();
  for (const [id, job] of jobs) afterPaint(() => waiting.get(id) && answer(id, work(job)));
}

const pending = new Map<number, AdvisorJob>();

function answer(id: number, a: AdvisorAnswer): void {
  const resolve = waiting.get(id);
  waiting.delete(id);
  pending.delete(id);
  resolve?.(a);
}

function ensureWorker(): Worker | null {
  if (worker || failed || typeof Worker === 'undefined') return worker;
  try {
    const w = new Worker(new URL('./advisor.worker.ts', import.meta.url), { type: 'module' });
    w.onmessage = (e: MessageEvent<{ id: number; answer: AdvisorAnswer }>) =>
      answer(e.data.id, e.data.answer);
    w.onerror = (e) => {
      e.preventDefault();
      fallBack(e.message || 'it could not start');
    };
    return (worker = w);
  } catch (e) {
    failed = true;
    console.warn(`advisor worker: ${(e as Error).message}`);
    return null;
  }
}

/** Do a job off the main thread where possible. */
export function runAdvisorJob(job: AdvisorJob): Promise<AdvisorAnswer> {
  const id = nextId++;
  return new Promise((resolve) => {
    waiting.set(id, resolve);
    const w = ensureWorker();
    if (w) {
      pending.set(id, job);
      w.postMessage({ ...job, id });
    } else afterPaint(() => answer(id, work(job)));
  });
}
