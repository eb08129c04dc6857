/**
 * `npm run bench:events`: events through Alur's HTTP API (the real server: session, CSRF, Ajv,
 * XState, hash chain, timers, work queues) at concurrency 32 for a bounded time, then the same load
 * against a minimal baseline in the same run. A benchmark, not a test. Modes (all by default):
 *
 * - `--sqlite`: the cheapest test flow (`test-chain`, NEXT with a one-field form) on SQLite
 *   against Express + better-sqlite3 (bench/baseline-server.ts);
 * - `--passport`: the shipped `passport-new` flow at its documents step, a real SUBMIT (the
 *   documents form, the document references, the `requireDocuments` hook) taking turns with BACK
 *   from the next step, on SQLite, against the same baseline;
 * - `--postgres`: `test-chain` on a throwaway PostgreSQL 15 cluster (server/testing/pg-cluster.ts)
 *   with 2 server processes, against 2 processes of Express + a raw `pg` pool
 *   (bench/baseline-pg-server.ts); the load generator spreads its connections over both.
 *
 * `--quick`: 4 s per server instead of 10 (BENCH_SECONDS overrides both). Each mode prints
 * events/s, p50/p99 and the servers' CPU per event (from /proc, user + system) for Alur and its
 * baseline, then `ratio alur/baseline (<mode>): x.xx` (events/s). BENCH_PROFILE=<dir> writes
 * CPU profiles of the Alur servers; BENCH_ACCEPT_ENCODING sends that Accept-Encoding header (as a
 * browser does: `gzip, deflate, br`); BENCH_ALUR_ROOT=<dir> measures the Alur server of another
 * checkout (to compare two versions in one run). Everything listens on 127.0.0.1 only.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { startPgCluster } from '../server/testing/pg-cluster.ts';
import { runLoad, type LoadResult, type Target } from './load.ts';
import { IDENTITY, PNG } from './passport-fixtures.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** The Alur tree whose server is measured (BENCH_ALUR_ROOT: another checkout, to compare two versions in one run). */
const ALUR_ROOT = path.resolve(process.env.BENCH_ALUR_ROOT ?? ROOT);
const args = process.argv.slice(2);
const QUICK = args.includes('--quick');
const MODES = ['sqlite', 'passport', 'postgres'] as const;
type Mode = (typeof MODES)[number];
const chosen = MODES.filter((m) => args.includes(`--${m}`));
const modes: readonly Mode[] = chosen.length ? chosen : MODES;
const CONCURRENCY = 32;
const APPS = 256;
const PASSPORT_APPS = 64;
const DURATION_MS = Number(process.env.BENCH_SECONDS ?? (QUICK ? 4 : 10)) * 1000;
const WARMUP_MS = 1500;
const MAX_REQUESTS = 2_000_000;
const LOGIN = { email: 'applicant@alur.test', password: 'Alur-demo-2026!' };
const EXTRA_HEADERS: Record<string, string> = process.env.BENCH_ACCEPT_ENCODING ? { 'accept-encoding': process.env.BENCH_ACCEPT_ENCODING } : {};

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });

function start(args_: string[], env: Record<string, string>, alur = false): ChildProcess {
  const prof = alur && process.env.BENCH_PROFILE ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_PROFILE] : [];
  const child = spawn(process.execPath, [...prof, '--import', 'tsx', ...args_], { cwd: alur ? ALUR_ROOT : ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  child.stdout!.resume();
  return child;
}

/** CPU time (user + system, ms) a process has used so far (Linux /proc; 0 elsewhere). */
function cpuMs(pid: number | undefined): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of stat(5), in clock ticks (100 per second on Linux)
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}

async function waitHealthy(port: number, path_: string, ms = 180_000) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      const r = await fetch(`http://127.0.0.1:${port}${path_}`);
      if (r.ok || r.status === 404) return;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server on ${port} did not become ready`);
}

function listening(child: ChildProcess): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /LISTENING (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`baseline exited ${code}`)));
  });
}

const stopChild = (c: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (c.exitCode !== null) return resolve();
    c.once('exit', () => resolve());
    c.kill('SIGTERM');
    setTimeout(() => c.kill('SIGKILL'), 5000).unref();
  });

type Measured = LoadResult & { cpuPerEvent: number };

/** Warm-up, then the measured load; CPU of `servers` over the measured part, per successful event. */
async function measure(servers: ChildProcess[], target: Target): Promise<Measured> {
  await runLoad(target, { concurrency: CONCURRENCY, durationMs: WARMUP_MS, maxRequests: MAX_REQUESTS });
  const before = servers.reduce((n, s) => n + cpuMs(s.pid), 0);
  const r = await runLoad(target, { concurrency: CONCURRENCY, durationMs: DURATION_MS, maxRequests: MAX_REQUESTS });
  const used = servers.reduce((n, s) => n + cpuMs(s.pid), 0) - before;
  return { ...r, cpuPerEvent: r.ok ? used / r.ok : 0 };
}

const line = (name: string, r: Measured) =>
  `  ${name.padEnd(9)} ${r.perSecond.toFixed(0).padStart(6)} events/s  p50 ${r.p50.toFixed(1)} ms  p99 ${r.p99.toFixed(1)} ms  cpu ${r.cpuPerEvent.toFixed(2)} ms/event  ${r.meanBytes.toFixed(0)} B/response  (${r.ok} ok, ${r.failed} failed${r.failed ? ` ${JSON.stringify(r.statuses)}` : ''}, ${r.seconds.toFixed(1)} s)`;

function report(mode: string, alur: Measured, baseline: Measured) {
  console.log(line('alur', alur));
  console.log(line('baseline', baseline));
  const cpu = baseline.cpuPerEvent ? ` (CPU per event ${(alur.cpuPerEvent / baseline.cpuPerEvent).toFixed(2)}× the baseline's)` : '';
  console.log(`ratio alur/baseline (${mode}): ${(alur.perSecond / baseline.perSecond).toFixed(2)}${cpu}`);
}

/** A signed-in applicant on an Alur server: the headers that carry the session and CSRF token. */
async function signIn(base: string): Promise<Record<string, string>> {
  const csrfRes = await fetch(`${base}/api/auth/csrf`);
  const csrfCookie = csrfRes.headers.getSetCookie()[0]!.split(';')[0]!;
  const { token } = (await csrfRes.json()) as { token: string };
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: csrfCookie, 'x-csrf-token': token },
    body: JSON.stringify(LOGIN),
  });
  if (login.status !== 200) throw new Error(`login failed: ${login.status} ${await login.text()}`);
  return { cookie: `${csrfCookie}; ${login.headers.getSetCookie()[0]!.split(';')[0]!}`, 'x-csrf-token': token };
}

async function postJson<T>(url: string, headers: Record<string, string>, body: unknown, expected: number): Promise<T> {
  const r = await fetch(url, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (r.status !== expected) throw new Error(`POST ${url}: ${r.status} ${await r.text()}`);
  return (await r.json()) as T;
}

function alurEnv(port: number, dataDir: string, databaseUrl: string, fixtures: boolean): Record<string, string> {
  return {
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl,
    NODE_ENV: 'development',
    LOG_LEVEL: 'warn',
    ...(fixtures
      ? { DEFINITIONS_DIR: path.join(ALUR_ROOT, 'machines/fixtures/definitions'), FORMS_DIR: path.join(ALUR_ROOT, 'machines/fixtures/forms') }
      : { DEFINITIONS_DIR: path.join(ALUR_ROOT, 'machines/definitions'), FORMS_DIR: path.join(ALUR_ROOT, 'forms') }),
  };
}

/** Starts Alur processes one after the other (the first migrates and seeds); resolves their ports. */
async function startAlur(count: number, env: (port: number) => Record<string, string>): Promise<{ servers: ChildProcess[]; ports: number[] }> {
  const servers: ChildProcess[] = [];
  const ports: number[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const port = await freePort();
      servers.push(start(['server/main.ts'], env(port), true));
      ports.push(port);
      await waitHealthy(port, '/api/health');
    }
  } catch (error) {
    await Promise.all(servers.map(stopChild));
    throw error;
  }
  return { servers, ports };
}

/** `test-chain` applications, NEXT with a note: the cheapest event there is. */
async function chainTarget(ports: number[]): Promise<Target> {
  const base = `http://127.0.0.1:${ports[0]}`;
  const headers = await signIn(base);
  const ids: string[] = [];
  for (let i = 0; i < APPS; i++) ids.push((await postJson<{ id: string }>(`${base}/api/applications`, headers, { flow: 'test-chain' }, 201)).id);
  const perWorker = APPS / CONCURRENCY;
  return {
    ports,
    headers: { ...headers, ...EXTRA_HEADERS },
    path: (w, i) => `/api/applications/${ids[w * perWorker + (i % perWorker)]}/events`,
    body: (_w, i) => JSON.stringify({ type: 'NEXT', data: { note: `n${i}` } }),
  };
}


/**
 * `passport-new` applications at the documents step with their three documents uploaded. Each
 * worker takes its applications in turn: SUBMIT (documents form, references, hook) where one is at
 * the documents step, BACK where it is at the declaration step.
 */
async function passportTarget(ports: number[]): Promise<Target> {
  const base = `http://127.0.0.1:${ports[0]}`;
  const headers = await signIn(base);
  const apps: { id: string; docs: Record<string, string> }[] = [];
  for (let i = 0; i < PASSPORT_APPS; i++) {
    const { id } = await postJson<{ id: string }>(`${base}/api/applications`, headers, { flow: 'passport-new' }, 201);
    await postJson(`${base}/api/applications/${id}/events`, headers, { type: 'SUBMIT', data: IDENTITY }, 200);
    const docs: Record<string, string> = {};
    for (const kind of ['ktp', 'kk', 'birthProof']) {
      const form = new FormData();
      form.set('kind', kind);
      form.set('file', new Blob([PNG], { type: 'image/png' }), `${kind}.png`);
      const r = await fetch(`${base}/api/applications/${id}/documents`, { method: 'POST', headers, body: form });
      if (r.status !== 201) throw new Error(`upload failed: ${r.status} ${await r.text()}`);
      docs[kind] = ((await r.json()) as { id: string }).id;
    }
    apps.push({ id, docs });
  }
  const perWorker = PASSPORT_APPS / CONCURRENCY;
  const appOf = (w: number, i: number) => w * perWorker + (i % perWorker);
  // Where each application is: SUBMIT at the documents step, BACK from the declaration step.
  const atDocuments = apps.map(() => true);
  return {
    ports,
    headers: { ...headers, ...EXTRA_HEADERS },
    path: (w, i) => `/api/applications/${apps[appOf(w, i)]!.id}/events`,
    body: (w, i) => JSON.stringify(atDocuments[appOf(w, i)] ? { type: 'SUBMIT', data: apps[appOf(w, i)]!.docs } : { type: 'BACK' }),
    done: (w, i, status) => {
      if (status === 200) atDocuments[appOf(w, i)] = !atDocuments[appOf(w, i)];
    },
  };
}

async function baselineTarget(ports: number[]): Promise<Target> {
  const ids = Array.from({ length: APPS }, (_, i) => `app-${i}`);
  for (const id of ids) await fetch(`http://127.0.0.1:${ports[0]}/apps/${id}`, { method: 'POST' });
  const perWorker = APPS / CONCURRENCY;
  return {
    ports,
    headers: { ...EXTRA_HEADERS },
    path: (w, i) => `/apps/${ids[w * perWorker + (i % perWorker)]}/events`,
    body: (_w, i) => JSON.stringify({ type: 'NEXT', data: { note: `n${i}` } }),
  };
}

async function withServers<T>(servers: ChildProcess[], fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } finally {
    await Promise.all(servers.map(stopChild));
  }
}

async function benchSqlite(dir: string, flow: 'chain' | 'passport'): Promise<Measured> {
  const { servers, ports } = await startAlur(1, (port) => alurEnv(port, path.join(dir, `alur-${flow}`), '', flow === 'chain'));
  return withServers(servers, async () => measure(servers, flow === 'chain' ? await chainTarget(ports) : await passportTarget(ports)));
}

async function benchSqliteBaseline(dir: string): Promise<Measured> {
  const server = start(['bench/baseline-server.ts', dir], {});
  return withServers([server], async () => measure([server], await baselineTarget([await listening(server)])));
}

async function benchPostgres(dir: string): Promise<{ alur: Measured; baseline: Measured }> {
  const cluster = await startPgCluster();
  try {
    const admin = new pg.Client({ connectionString: cluster.adminUrl });
    await admin.connect();
    await admin.query('CREATE DATABASE alur_bench');
    await admin.query('CREATE DATABASE baseline_bench');
    await admin.end();
    const url = (db: string) => cluster.adminUrl.replace(/\/postgres$/, `/${db}`);
    const a = await startAlur(2, (port) => alurEnv(port, path.join(dir, 'alur-pg'), url('alur_bench'), true));
    const alur = await withServers(a.servers, async () => measure(a.servers, await chainTarget(a.ports)));
    const servers: ChildProcess[] = [];
    const ports: number[] = [];
    try {
      for (let i = 0; i < 2; i++) {
        const s = start(['bench/baseline-pg-server.ts', url('baseline_bench')], {});
        servers.push(s);
        ports.push(await listening(s));
      }
    } catch (error) {
      await Promise.all(servers.map(stopChild));
      throw error;
    }
    const baseline = await withServers(servers, async () => measure(servers, await baselineTarget(ports)));
    return { alur, baseline };
  } finally {
    await cluster.stop();
  }
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'alur-bench-'));
const started = Date.now();
try {
  console.log(
    `bench:events — concurrency ${CONCURRENCY}, ${DURATION_MS / 1000} s per server after ${WARMUP_MS / 1000} s warm-up, ${os.cpus().length} cores${EXTRA_HEADERS['accept-encoding'] ? `, Accept-Encoding: ${EXTRA_HEADERS['accept-encoding']}` : ''}`,
  );
  let sqliteBaseline: Measured | undefined;
  const baselineOnce = async () => (sqliteBaseline ??= await benchSqliteBaseline(dir));
  if (modes.includes('sqlite')) {
    console.log(`sqlite: test-chain NEXT, ${APPS} applications, 1 process`);
    const alur = await benchSqlite(dir, 'chain');
    report('sqlite', alur, await baselineOnce());
  }
  if (modes.includes('passport')) {
    console.log(`passport: passport-new documents SUBMIT (form, references, requireDocuments hook) and BACK, ${PASSPORT_APPS} applications, 1 process`);
    const alur = await benchSqlite(dir, 'passport');
    report('passport', alur, await baselineOnce());
  }
  if (modes.includes('postgres')) {
    console.log(`postgres: test-chain NEXT, ${APPS} applications, 2 processes on one PostgreSQL 15, against 2 processes of Express + raw pg`);
    const { alur, baseline } = await benchPostgres(dir);
    report('postgres', alur, baseline);
  }
  console.log(`wall time ${((Date.now() - started) / 1000).toFixed(1)} s`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
