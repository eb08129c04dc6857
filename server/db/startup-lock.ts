import type { SqlDriver } from './sql.ts';

/** The advisory lock's key: any constant the deployment does not use for something else ("alur" in ASCII). */
const STARTUP_LOCK = 0x616c7572;

/**
 * Runs `fn` while holding the database's startup lock, so processes started at once on one
 * PostgreSQL seed and publish the shipped definitions one after another (the later ones find
 * everything in place) instead of racing to create the same rows. A transaction-level advisory
 * lock: released by the commit, or by the server when the process dies. SQLite has one process:
 * `fn` runs as it is.
 */
export async function withStartupLock<T>(sql: SqlDriver, fn: () => Promise<T>): Promise<T> {
  if (sql.kind !== 'postgres') return fn();
  return sql.transaction(async (tx) => {
    await tx.get('SELECT pg_advisory_xact_lock(?) AS "locked"', [STARTUP_LOCK]);
    return fn();
  });
}
