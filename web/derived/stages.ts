/**
 * Work written as a generator that yields between its stages: run back to back when the
 * answer is needed now, or with a pause between stages when the caller has time (a big
 * imported log being shown), letting the page draw and take input between them. One list of
 * stages for both, so the two cannot differ.
 */
export function runStages<T>(stages: Generator<void, T>): T {
  let next = stages.next();
  while (!next.done) next = stages.next();
  return next.value;
}

/** runStages with `pause()` awaited after each stage; null when a pause answers false. */
export async function runStagesPaused<T>(
  stages: Generator<void, T>,
  pause: () => Promise<boolean>,
): Promise<T | null> {
  for (let next = stages.next(); ; next = stages.next()) {
    if (next.done) return next.value;
    if (!(await pause())) return null;
  }
}
