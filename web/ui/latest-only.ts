/**
 * Jobs of which only the newest matters (the text of the step being looked at): one runs at a
 * time; one asked meanwhile waits, and a newer one takes its place, so that stepping through a
 * run whose jobs take seconds does not queue a job per step. A replaced job resolves null
 * without running.
 */
export function latestOnly<J, A>(run: (job: J) => Promise<A>): (job: J) => Promise<A | null> {
  let running = false;
  let waiting: { job: J; resolve: (a: A | null) => void } | null = null;
  const next = (): void => {
    const w = waiting;
    running = w !== null;
    if (!w) return;
    waiting = null;
    void run(w.job).then((a) => {
      w.resolve(a);
      next();
    });
  };
  return (job) =>
    new Promise((resolve) => {
      waiting?.resolve(null);
      waiting = { job, resolve };
      if (!running) next();
    });
}
