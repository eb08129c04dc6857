/**
 * The driver-level SQL interface under the event path (see DESIGN.md "Persistence"): Prisma
 * costs about 40× the driver there, so the event store, timers, outbox and session checks use
 * this instead. One implementation per provider (sqlite-driver.ts, pg-driver.ts); the SQL is
 * written once with `?` placeholders and double-quoted identifiers, valid on both.
 */
export type Row = Record<string, unknown>;
/** Values bound to `?`; bytes (`Uint8Array`, e.g. a Buffer) bind as BLOB on SQLite and bytea on PostgreSQL. */
export type Params = ReadonlyArray<string | number | null | Uint8Array>;

export interface SqlRunner {
  all<T = Row>(sql: string, params?: Params): Promise<T[]>;
  get<T = Row>(sql: string, params?: Params): Promise<T | undefined>;
  /** Runs a statement; resolves to the number of rows it changed. */
  run(sql: string, params?: Params): Promise<number>;
}

export interface SqlDriver extends SqlRunner {
  readonly kind: 'sqlite' | 'postgres';
  /**
   * Runs `fn` in one transaction (SQLite: `BEGIN IMMEDIATE` under the process's write lock;
   * PostgreSQL: one pooled connection, READ COMMITTED). Commits when `fn` resolves, rolls back
   * when it throws, and rethrows.
   */
  transaction<T>(fn: (tx: SqlRunner) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** True when the error is a unique-constraint violation on either provider. */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; message?: string } | null;
  return e?.code === '23505' || e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE';
}
