import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * A re-entrant async mutex for the one SQLite writer process. Two connections write the same
 * SQLite file in this process (Prisma's adapter and the event store's driver); if one of them
 * held the write lock across an `await` while the other blocked synchronously in
 * `busy_timeout`, the event loop would stall. Every write in the process goes through here.
 */
export class WriteLock {
  private tail: Promise<void> = Promise.resolve();
  private readonly held = new AsyncLocalStorage<true>();

  /** Runs `fn` holding the lock (immediately when the caller already holds it). */
  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.held.getStore()) return fn();
    const previous = this.tail;
    let release!: () => void;
    this.tail = new Promise<void>((resolve) => (release = resolve));
    await previous;
    try {
      return await this.held.run(true, fn);
    } finally {
      release();
    }
  }
}
