/**
 * vitest globalSetup: builds the migrated database templates once per run.
 * - SQLite: a migrated file in a temp dir (`inject('sqliteTemplate')`); fresh test databases are
 *   copies of it, made beside it, and the whole dir is removed at teardown.
 * - PostgreSQL: one throwaway cluster with a migrated template database `alur_template`
 *   (`inject('pgAdminUrl')`); fresh test databases are `CREATE DATABASE … TEMPLATE alur_template`.
 *   ALUR_TEST_PG=0 skips PostgreSQL (pgAdminUrl is then null and providers() is just sqlite).
 * See databases.ts for what tests call.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { migrateDatabase } from '../db/migrate.ts';
import { startPgCluster, type PgCluster } from './pg-cluster.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Absolute path of the migrated SQLite template file. */
    sqliteTemplate: string;
    /** Superuser URL of the test cluster's `postgres` database, or null when PostgreSQL is skipped. */
    pgAdminUrl: string | null;
  }
}

export const PG_TEMPLATE_DB = 'alur_template';

function ms(t0: number) {
  return `${Math.round(performance.now() - t0)} ms`;
}

async function buildSqliteTemplate(dir: string): Promise<string> {
  const t0 = performance.now();
  const file = path.join(dir, 'template.db');
  await migrateDatabase(`file:${file}`);
  console.log(`[global-setup] SQLite template migrated in ${ms(t0)}`);
  return file;
}

async function buildPgTemplate(): Promise<PgCluster> {
  let t0 = performance.now();
  const cluster = await startPgCluster();
  console.log(`[global-setup] PostgreSQL cluster started in ${ms(t0)} (${cluster.adminUrl})`);
  try {
    t0 = performance.now();
    const admin = new pg.Client({ connectionString: cluster.adminUrl });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${PG_TEMPLATE_DB}`);
      const url = new URL(cluster.adminUrl);
      url.pathname = `/${PG_TEMPLATE_DB}`;
      await migrateDatabase(url.toString());
      // No connections from now on: CREATE DATABASE … TEMPLATE fails while anyone is connected.
      await admin.query(`ALTER DATABASE ${PG_TEMPLATE_DB} WITH IS_TEMPLATE true ALLOW_CONNECTIONS false`);
    } finally {
      await admin.end();
    }
    console.log(`[global-setup] PostgreSQL template migrated in ${ms(t0)}`);
    return cluster;
  } catch (err) {
    await cluster.stop();
    throw err;
  }
}

export default async function setup(project: TestProject) {
  const withPg = process.env.ALUR_TEST_PG !== '0';
  const dir = mkdtempSync(path.join(tmpdir(), 'alur-test-db-'));
  const [sqlite, postgres] = await Promise.allSettled([buildSqliteTemplate(dir), withPg ? buildPgTemplate() : null]);
  if (sqlite.status === 'rejected' || postgres.status === 'rejected') {
    if (postgres.status === 'fulfilled') await postgres.value?.stop();
    rmSync(dir, { recursive: true, force: true });
    throw sqlite.status === 'rejected' ? sqlite.reason : (postgres as PromiseRejectedResult).reason;
  }
  const sqliteTemplate = sqlite.value;
  const cluster = postgres.value;
  if (!withPg) console.log('[global-setup] ALUR_TEST_PG=0: PostgreSQL tests skipped');
  project.provide('sqliteTemplate', sqliteTemplate);
  project.provide('pgAdminUrl', cluster?.adminUrl ?? null);

  return async () => {
    await cluster?.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
