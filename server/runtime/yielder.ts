/**
 * Lets other requests in during long CPU work on the main thread (replaying logs, building
 * figures): `await pause()` between small units of work gives the event loop a turn whenever
 * more than `budgetMs` passed since the last one, and throws the signal's reason once aborted
 * (the client went away, the request's time ran out).
 */
import { setImmediate as nextTurn } from 'node:timers/promises';

export type Pause = () => Promise<void>;

export function yielder(budgetMs = 10, signal?: AbortSignal): Pause {
  let last = performance.now();
  return async () => {
    signal?.throwIfAborted();
    if (performance.now() - last < budgetMs) return;
    await nextTurn();
    last = performance.now();
    signal?.throwIfAborted();
  };
}
