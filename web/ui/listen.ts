/** Handlers by event name, typed by the event each name fires. */
export type Handlers = {
  [K in keyof HTMLElementEventMap]?: (e: HTMLElementEventMap[K]) => void;
};

/**
 * Add every handler to `el`; the function returned removes them all. One list, so an add can
 * never lose its matching remove.
 */
export function listenAll(el: HTMLElement, handlers: Handlers): () => void {
  const pairs = Object.entries(handlers) as [string, EventListener][];
  for (const [type, fn] of pairs) el.addEventListener(type, fn);
  return () => {
    for (const [type, fn] of pairs) el.removeEventListener(type, fn);
  };
}
