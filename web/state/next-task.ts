/**
 * Resolves in a task of its own, after the page's pending input and frame: long work split at
 * these points leaves the page responsive. A message, not setTimeout, which browsers delay by
 * 4 ms once nested.
 */
export const nextTask = (): Promise<void> =>
  new Promise((resolve) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => {
      ch.port1.close();
      resolve();
    };
    ch.port2.postMessage(null);
  });
