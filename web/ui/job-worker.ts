/**
 * The page's side of a worker that does jobs of plain data: jobs go in order, each answer
 * resolves its promise. Where the page cannot start a worker (tests in Node, a strict policy),
 * a job runs in a task of its own instead, after the next paint.
 */

/** After the next frame is on screen (so "working out" shows first), where there are frames. */
const afterPaint = (f: () => void): void => {
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => setTimeout(f, 0));
  else setTimeout(f, 0);
};

/**
 * A runner of `work`'s jobs in the worker `start` makes (on first use), or on the page when it
 * cannot. `name` says whose worker it is in the console.
 */
export function jobWorker<J, A>(
  name: string,
  start: () => Worker,
  work: (job: J) => A,
): (job: J) => Promise<A> {
  let worker: Worker | null = null;
  let failed = false;
  let nextId = 1;
  const waiting = new Map<number, (a: A) => void>();
  /** Jobs sent to the worker and not answered yet. */
  const pending = new Map<number, J>();

  const answer = (id: number, a: A): void => {
    const resolve = waiting.get(id);
    waiting.delete(id);
    pending.delete(id);
    resolve?.(a);
  };

  /** The jobs the worker had not answered, done here instead. */
  const fallBack = (why: string): void => {
    failed = true;
    worker?.terminate();
    worker = null;
    console.warn(`${name} worker: ${why}; working on the page instead`);
    const jobs = [...pending];
    pending.clear();
    for (const [id, job] of jobs) afterPaint(() => waiting.get(id) && answer(id, work(job)));
  };

  const ensureWorker = (): Worker | null => {
    if (worker || failed || typeof Worker === 'undefined') return worker;
    try {
      const w = start();
      w.onmessage = (e: MessageEvent<{ id: number; answer: A }>) =>
        answer(e.data.id, e.data.answer);
      w.onerror = (e) => {
        e.preventDefault();
        fallBack(e.message || 'it could not start');
      };
      return (worker = w);
    } catch (e) {
      failed = true;
      console.warn(`${name} worker: ${(e as Error).message}`);
      return null;
    }
  };

  return (job) => {
    const id = nextId++;
    return new Promise((resolve) => {
      waiting.set(id, resolve);
      const w = ensureWorker();
      if (w) {
        pending.set(id, job);
        w.postMessage({ id, job });
      } else afterPaint(() => answer(id, work(job)));
    });
  };
}

/** The worker's side: answer each job with `work`'s result. */
export function serveJobs<J, A>(work: (job: J) => A): void {
  self.onmessage = (e: MessageEvent<{ id: number; job: J }>) =>
    self.postMessage({ id: e.data.id, answer: work(e.data.job) });
}
