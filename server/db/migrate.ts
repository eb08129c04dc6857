/**
 * `migrateDatabase(url)`: applies pending migrations from prisma/<provider>/migrations with
 * `prisma migrate deploy`, run as a child process (the schema engine is only reachable through
 * the CLI). Idempotent: a migrated database reports "No pending migrations to apply".
 */
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
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
  return output;
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}
