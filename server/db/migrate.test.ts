import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { freshDatabase, providers } from '../testing/databases.ts';
import { createPrisma, databaseUrlFor, isPostgres, Prisma, sqliteFilePath } from './client.ts';
import { migrateDatabase } from './migrate.ts';

const MODELS = Object.values(Prisma.ModelName);

describe('migrateDatabase on SQLite', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'alur-migrate-test-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('creates the file in a missing directory, and a second run is a no-op', async () => {
    const file = path.join(dir, 'nested', 'deeper', 'alur.db');
    const first = await migrateDatabase(`file:${file}`);
    expect(first).toMatch(/successfully applied/);

    const sqlite = new Database(file, { readonly: true });
    const tables = () =>
      (sqlite.prepare(`select name from sqlite_master where type = 'table' order by name`).all() as { name: string }[]).map((r) => r.name);
    const migrations = () => sqlite.prepare('select migration_name, finished_at from _prisma_migrations').all();
    try {
      expect(tables()).toEqual(expect.arrayContaining([...MODELS, '_prisma_migrations']));
      const applied = migrations();
      expect(applied.length).toBeGreaterThan(0);

      const second = await migrateDatabase(`file:${file}`);
      expect(second).toMatch(/No pending migrations to apply/);
      expect(migrations()).toEqual(applied);
      expect(tables()).toEqual(expect.arrayContaining([...MODELS, '_prisma_migrations']));
    } finally {
      sqlite.close();
    }

    const db = createPrisma(`file:${file}`);
    try {
      expect(await db.office.count()).toBe(0);
    } finally {
      await db.$disconnect();
    }
  });

  it('throws with the CLI output when deploy fails', async () => {
    // A directory where the database file should be: the CLI cannot open it.
    await expect(migrateDatabase(`file:${dir}`)).rejects.toThrow(/prisma migrate deploy failed \(exit \d+\)[\s\S]+/);
  });
});

describe.each(providers())('migrateDatabase on a fresh %s test database', (provider) => {
  it('has nothing left to apply', async () => {
    const fresh = await freshDatabase(provider);
    try {
      expect(await migrateDatabase(fresh.url)).toMatch(/No pending migrations to apply/);
    } finally {
      await fresh.drop();
    }
  });
});

describe('database URL helpers', () => {
  it('recognises PostgreSQL URLs', () => {
    expect(isPostgres('postgresql://u@h/db')).toBe(true);
    expect(isPostgres('postgres://u@h/db')).toBe(true);
    expect(isPostgres('file:./data/alur.db')).toBe(false);
  });

  it('uses DATABASE_URL when set, else an absolute file under DATA_DIR', () => {
    expect(databaseUrlFor({ databaseUrl: 'postgresql://u@h/db', dataDir: '/x' })).toBe('postgresql://u@h/db');
    expect(databaseUrlFor({ dataDir: '/srv/alur/data' })).toBe('file:/srv/alur/data/alur.db');
    expect(databaseUrlFor({ databaseUrl: '', dataDir: 'data' })).toBe(`file:${path.resolve('data', 'alur.db')}`);
  });

  it('resolves SQLite file URLs against the current directory', () => {
    expect(sqliteFilePath('file:./data/a.db')).toBe(path.resolve('data/a.db'));
    expect(sqliteFilePath('file:/abs/a.db')).toBe('/abs/a.db');
    expect(sqliteFilePath('file::memory:')).toBeNull();
  });
});
