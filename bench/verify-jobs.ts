/**
 * `node --import tsx bench/verify-jobs.ts [--count 100000] [--jobs 1,2] [--rounds 1] [--keep]`: how
 * fast `npm run verify` goes with one and with several jobs. A benchmark, not a test.
 *
 * Makes a SQLite database in a temporary directory (migrated, seeded), five applications of the
 * test flow through the API (one in draft, two in review, two approved, as the freeze test),
 * copied to `--count` applications (server/testing/bulk.ts), then runs `scripts/verify.ts --jobs N`
 * as an operator would for each N and prints its summary line, its wall time and events/s, and
 * the machine's load average (the figures are shared-machine figures when it is high); `--rounds`
 * repeats the whole series, alternating, for a machine whose load changes under the runs.
 * `--database file:/path.db` reuses a database made before (`--keep` leaves it).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../server/config.ts';
import { migrateDatabase } from '../server/db/migrate.ts';
import { cloneApplications } from '../server/testing/bulk.ts';
import { startTestServer } from '../server/testing/harness.ts';

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const COUNT = Number(arg('--count') ?? 100_000);
const JOBS = (arg('--jobs') ?? '1,2').split(',').map(Number);
const ROUNDS = Number(arg('--rounds') ?? 1);
const details = { fullName: 'Yosefina Bere', age: 41, email: 'yosefina@example.id', officeCode: 'ATB' };
const load = () => loadavg().map((n) => n.toFixed(2)).join(' ');

async function makeDatabase(url: string) {
  await migrateDatabase(url);
  const srv = await startTestServer({ provider: 'sqlite', databaseUrl: url, workers: false });
  try {
    const applicant = srv.client();
    await applicant.signUp('bench-verify@example.id');
    const officer = srv.client();
    await officer.loginAs('officer');
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await applicant.post<{ id: string }>('/api/applications', { flow: 'test-permit' })).body.id);
    await officer.post('/api/dev/clock', { advance: 'PT1H' });
    for (const id of ids.slice(1)) await applicant.post(`/api/applications/${id}/events`, { type: 'SUBMIT', data: details });
    await officer.post('/api/dev/clock', { advance: 'PT30M' });
    for (const id of ids.slice(3)) await officer.post(`/api/applications/${id}/events`, { type: 'APPROVE' });
    const started = Date.now();
    const events = await cloneApplications(srv.deps.sql, ids, COUNT - ids.length);
    console.log(`${COUNT.toLocaleString('en')} applications, ${events.toLocaleString('en')} events copied in ${Date.now() - started} ms`);
  } finally {
    await srv.stop();
  }
}

function verify(url: string, jobs: number): Promise<{ code: number | null; out: string; ms: number }> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/verify.ts', '--jobs', String(jobs)], {
      cwd: REPO_ROOT,
      env: { ...process.env, DATABASE_URL: url, NODE_ENV: 'development' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('close', (code) => resolve({ code, out, ms: Date.now() - started }));
  });
}

const given = arg('--database');
const dir = given ? null : mkdtempSync(path.join(tmpdir(), 'alur-verify-bench-'));
const url = given ?? `file:${path.join(dir!, 'alur.db')}`;
try {
  if (!given) await makeDatabase(url);
  for (let round = 0; round < ROUNDS; round++) {
    for (const jobs of JOBS) {
      const before = load();
      const r = await verify(url, jobs);
      const summary = r.out.trim().split('\n').pop() ?? '';
      const events = Number(/, (\d+) event\(s\)/.exec(summary)?.[1] ?? NaN);
      console.log(`--jobs ${jobs}: ${r.ms} ms wall, ${Math.round(events / (r.ms / 1000)).toLocaleString('en')} events/s (exit ${r.code}; load before ${before}, after ${load()})\n  ${summary}`);
    }
  }
  if (process.argv.includes('--keep')) console.log(`database kept: ${url}`);
} finally {
  if (dir && !process.argv.includes('--keep')) rmSync(dir, { recursive: true, force: true });
}
