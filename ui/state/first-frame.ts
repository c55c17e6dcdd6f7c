/**
 * The graph's first frame of a new view, as a signal: work that can wait (a big result's
 * details) waits for it, so it does not compete with the first picture of an estate.
 */
const waiting = new Set<() => void>();

/** Called by the graph view when it has drawn a new view for the first time. */
export function notifyFirstFrame(): void {
  const callbacks = [...waiting];
  waiting.clear();
  for (const callback of callbacks) callback();
}

/** Runs `callback` once, after the next first frame or after `timeoutMs` (nothing may be drawn: another tab, an empty view). */
export function afterNextFirstFrame(callback: () => void, timeoutMs: number): void {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    waiting.delete(once);
    clearTimeout(timer);
    callback();
  };
  const timer = setTimeout(once, timeoutMs);
  waiting.add(once);
}
