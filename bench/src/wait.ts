/** Waiting on a condition with a deadline. */
import { setTimeout as delay } from 'node:timers/promises';

export class TimeoutError extends Error {
  constructor(what: string, timeoutMs: number) {
    super(`timed out after ${(timeoutMs / 1000).toFixed(1)} s waiting for ${what}`);
    this.name = 'TimeoutError';
  }
}

/** Calls `probe` every `intervalMs` until it returns a value other than undefined. */
export async function waitFor<T>(
  what: string,
  probe: () => T | undefined | Promise<T | undefined>,
  options: { timeoutMs: number; intervalMs?: number; abort?: () => Error | undefined },
): Promise<T> {
  const deadline = performance.now() + options.timeoutMs;
  for (;;) {
    const aborted = options.abort?.();
    if (aborted) throw aborted;
    const value = await probe();
    if (value !== undefined) return value;
    if (performance.now() > deadline) throw new TimeoutError(what, options.timeoutMs);
    await delay(options.intervalMs ?? 10);
  }
}

/** Milliseconds on the wall clock with sub-millisecond resolution (comparable with `date +%s.%N`). */
export function wallClockMs(): number {
  return performance.timeOrigin + performance.now();
}

export { delay };
