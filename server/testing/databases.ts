/**
 * Fresh, migrated, empty databases for tests, cloned from the templates global-setup.ts built:
 *
 *   describe.each(providers())('%s', (provider) => {
 *     let t: FreshPrisma;
 *     beforeEach(async () => { t = await freshPrisma(provider); });
 *     afterEach(() => t.drop());
 *     …
 *   });
 */
import { randomUUID } from 'node:crypto';
import { copyFile, rm } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { createPrisma, type Db } from '../db/client.ts';
import { PG_TEMPLATE_DB } from './global-setup.ts';

export type Provider = 'sqlite' | 'postgres';
export type FreshDatabase = { url: string; drop(): Promise<void> };
export type FreshPrisma = FreshDatabase & { db: Db };

/** ['sqlite', 'postgres'], or ['sqlite'] when ALUR_TEST_PG=0. For describe.each. */
export function providers(): Provider[] {
  return inject('pgAdminUrl') ? ['sqlite', 'postgres'] : ['sqlite'];
}

function pgAdminUrl(): string {
  const adminUrl = inject('pgAdminUrl');
  if (!adminUrl) throw new Error('PostgreSQL is not available in this test run (ALUR_TEST_PG=0)');
  return adminUrl;
}

async function withAdmin<T>(adminUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function freshDatabase(provider: Provider): Promise<FreshDatabase> {
  const id = `${process.pid}_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  if (provider === 'sqlite') {
    const template = inject('sqliteTemplate');
    const file = path.join(path.dirname(template), `t_${id}.db`);
    await copyFile(template, file);
    return {
      url: `file:${file}`,
      drop: () => Promise.all(['', '-wal', '-shm', '-journal'].map((s) => rm(file + s, { force: true }))).then(() => {}),
    };
  }
  const adminUrl = pgAdminUrl();
  const name = `alur_t_${id}`;
  // FILE_COPY: for a small template, copying the files beats WAL-logging every block.
  await withAdmin(adminUrl, (admin) => admin.query(`CREATE DATABASE "${name}" TEMPLATE ${PG_TEMPLATE_DB} STRATEGY FILE_COPY`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  let dropped: Promise<void> | undefined;
  return {
    url: url.toString(),
    // WITH (FORCE) terminates the database's remaining connections first.
    drop: () => (dropped ??= withAdmin(adminUrl, async (admin) => void (await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)))),
  };
}

/** A fresh database plus a Prisma client on it; drop() disconnects the client, then drops. */
export async function freshPrisma(provider: Provider): Promise<FreshPrisma> {
  const fresh = await freshDatabase(provider);
  const db = createPrisma(fresh.url);
  return {
    ...fresh,
    db,
    drop: async () => {
      await db.$disconnect();
      await fresh.drop();
    },
  };
}
