/**
 * The application's Prisma client factory. Provider follows the URL: `postgres(ql)://…` →
 * PostgreSQL via @prisma/adapter-pg, anything else (`file:…`) → SQLite via
 * @prisma/adapter-better-sqlite3. Code is written against the SQLite client's types (`Db`);
 * the PostgreSQL client has the same models and is cast (its `$transaction` isolation levels
 * differ, nothing else). The CLI-only adapter subclasses in prisma/migrate-adapters.ts are not
 * used here.
 */
import path from 'node:path';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient as SqliteClient } from '../../generated/sqlite/client.ts';
import { PrismaClient as PgClient } from '../../generated/postgres/client.ts';

export type Db = SqliteClient;
export { Prisma } from '../../generated/sqlite/client.ts';

export function isPostgres(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url); // same test as prisma.config.ts
}

/**
 * Absolute path of a SQLite `file:` URL (relative paths resolve against the current
 * directory), or null for an in-memory database. Query strings are not supported by the adapter.
 */
export function sqliteFilePath(url: string): string | null {
  const p = url.replace(/^file:/, '');
  if (p === '' || p === ':memory:') return null;
  return path.resolve(p);
}

export function createPrisma(url: string): Db {
  if (isPostgres(url)) return new PgClient({ adapter: new PrismaPg({ connectionString: url }) }) as unknown as Db;
  const file = sqliteFilePath(url);
  return new SqliteClient({ adapter: new PrismaBetterSQLite3({ url: file ? `file:${file}` : ':memory:' }) });
}

export type DbConfig = {
  /** DATABASE_URL, when set. */
  databaseUrl?: string | null | undefined;
  /** DATA_DIR: where the embedded SQLite file lives. */
  dataDir: string;
};

/** DATABASE_URL if set, else the SQLite file `<dataDir>/alur.db` (absolute). */
export function databaseUrlFor(config: DbConfig): string {
  if (config.databaseUrl) return config.databaseUrl;
  return `file:${path.resolve(config.dataDir, 'alur.db')}`;
}
