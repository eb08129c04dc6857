/**
 * `migrateDatabase(url)`: applies pending migrations from prisma/<provider>/migrations with
 * `prisma migrate deploy`, run as a child process (the schema engine is only reachable through
 * the CLI). Idempotent: a migrated database reports "No pending migrations to apply".
 */
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import pg from 'pg';
import { isPostgres, sqliteFilePath } from './client.ts';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PRISMA_CLI = path.join(REPO_ROOT, 'node_modules', 'prisma', 'build', 'index.js');
// Unrefs the wasm engine's 10 s timer that otherwise keeps PostgreSQL commands alive ~10 s.
const UNREF_TIMERS = path.join(REPO_ROOT, 'scripts', 'unref-timers.cjs');

export type PrismaRun = { code: number | null; stdout: string; stderr: string };

/** Runs the Prisma CLI (`node --require unref-timers prisma …args`) in the repo root. */
export function runPrisma(args: string[], env: Record<string, string>, timeoutMs = 180_000): Promise<PrismaRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--require', UNREF_TIMERS, PRISMA_CLI, ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: '1', CHECKPOINT_DISABLE: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: timeoutMs,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Applies pending migrations; returns the CLI's output, throws with it on failure. */
export async function migrateDatabase(url: string): Promise<string> {
  let target = url;
  if (!isPostgres(url)) {
    const file = sqliteFilePath(url);
    if (!file) throw new Error('migrateDatabase: an in-memory SQLite database cannot be migrated by the CLI');
    mkdirSync(path.dirname(file), { recursive: true }); // deploy into a missing directory fails
    target = `file:${file}`; // the CLI runs in the repo root: make relative paths mean the caller's
  }
  const r = await runPrisma(['migrate', 'deploy'], { DATABASE_URL: target });
  const output = `${r.stdout}${r.stderr}`.trim();
  if (r.code !== 0) throw new Error(`prisma migrate deploy failed (exit ${r.code}) for ${redact(url)}:\n${output}`);
  if (!/No pending migrations/i.test(output)) await analyze(url, target);
  return output;
}

/**
 * Fresh planner statistics after migrations were applied (new indexes have none). Afterwards
 * they are kept current by PostgreSQL's autovacuum (ANALYZE as tables change) and on SQLite by
 * `PRAGMA optimize` in sqlite-driver.ts (on open, every few hours, on close).
 */
async function analyze(url: string, target: string) {
  if (isPostgres(url)) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query('ANALYZE');
    } finally {
      await client.end();
    }
    return;
  }
  const db = new Database(sqliteFilePath(target)!);
  try {
    db.pragma('busy_timeout = 5000');
    db.pragma('analysis_limit = 1000');
    db.exec('ANALYZE');
  } finally {
    db.close();
  }
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}
