/**
 * `npm run bench:events`: events through Alur's HTTP API (the real server: session, CSRF, Ajv,
 * XState, hash chain, timers, SQLite) at concurrency 32 for a bounded time, then the same load
 * against the minimal baseline (bench/baseline-server.ts) in the same run. Prints events/s and
 * p50/p99 of each, and last `ratio alur/baseline: <x.xx>`. A benchmark, not a test.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runLoad, type LoadResult } from './load.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CONCURRENCY = 32;
const APPS = 256;
const DURATION_MS = Number(process.env.BENCH_SECONDS ?? 10) * 1000;
const WARMUP_MS = 1500;
const MAX_REQUESTS = 2_000_000;

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });

function start(args: string[], env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, [...(process.env.BENCH_PROFILE ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_PROFILE] : []), '--import', 'tsx', ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  child.stdout!.resume();
  return child;
}

async function waitHealthy(port: number, path_: string, ms = 60_000) {
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

const stopChild = (c: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (c.exitCode !== null) return resolve();
    c.once('exit', () => resolve());
    c.kill('SIGTERM');
    setTimeout(() => c.kill('SIGKILL'), 5000).unref();
  });

const line = (name: string, r: LoadResult) =>
  `${name.padEnd(9)} ${r.perSecond.toFixed(0).padStart(6)} events/s  p50 ${r.p50.toFixed(1)} ms  p99 ${r.p99.toFixed(1)} ms  (${r.ok} ok, ${r.failed} failed, ${r.seconds.toFixed(1)} s)`;

async function benchAlur(dir: string): Promise<LoadResult> {
  const port = await freePort();
  const server = start(['server/main.ts'], {
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: path.join(dir, 'alur'),
    DATABASE_URL: '',
    NODE_ENV: 'development',
    LOG_LEVEL: 'warn',
    DEFINITIONS_DIR: path.join(ROOT, 'machines/fixtures/definitions'),
    FORMS_DIR: path.join(ROOT, 'machines/fixtures/forms'),
  });
  try {
    await waitHealthy(port, '/api/health');
    const base = `http://127.0.0.1:${port}`;
    const csrfRes = await fetch(`${base}/api/auth/csrf`);
    const csrfCookie = csrfRes.headers.getSetCookie()[0]!.split(';')[0]!;
    const { token } = (await csrfRes.json()) as { token: string };
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: csrfCookie, 'x-csrf-token': token },
      body: JSON.stringify({ email: 'applicant@alur.test', password: 'Alur-demo-2026!' }),
    });
    if (login.status !== 200) throw new Error(`login failed: ${login.status} ${await login.text()}`);
    const cookie = `${csrfCookie}; ${login.headers.getSetCookie()[0]!.split(';')[0]!}`;
    const headers = { cookie, 'x-csrf-token': token };
    const ids: string[] = [];
    for (let i = 0; i < APPS; i++) {
      const r = await fetch(`${base}/api/applications`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ flow: 'test-chain' }) });
      if (r.status !== 201) throw new Error(`create failed: ${r.status} ${await r.text()}`);
      ids.push(((await r.json()) as { id: string }).id);
    }
    const perWorker = APPS / CONCURRENCY;
    const target = {
      port,
      headers,
      path: (w: number, i: number) => `/api/applications/${ids[w * perWorker + (i % perWorker)]}/events`,
      body: (_w: number, i: number) => JSON.stringify({ type: 'NEXT', data: { note: `n${i}` } }),
    };
    await runLoad(target, { concurrency: CONCURRENCY, durationMs: WARMUP_MS, maxRequests: MAX_REQUESTS });
    return await runLoad(target, { concurrency: CONCURRENCY, durationMs: DURATION_MS, maxRequests: MAX_REQUESTS });
  } finally {
    await stopChild(server);
  }
}

async function benchBaseline(dir: string): Promise<LoadResult> {
  const server = start(['bench/baseline-server.ts', dir], {});
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    server.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /LISTENING (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    server.once('exit', (code) => reject(new Error(`baseline exited ${code}`)));
  });
  try {
    const ids = Array.from({ length: APPS }, (_, i) => `app-${i}`);
    for (const id of ids) await fetch(`http://127.0.0.1:${port}/apps/${id}`, { method: 'POST' });
    const perWorker = APPS / CONCURRENCY;
    const target = {
      port,
      headers: {},
      path: (w: number, i: number) => `/apps/${ids[w * perWorker + (i % perWorker)]}/events`,
      body: (_w: number, i: number) => JSON.stringify({ type: 'NEXT', data: { note: `n${i}` } }),
    };
    await runLoad(target, { concurrency: CONCURRENCY, durationMs: WARMUP_MS, maxRequests: MAX_REQUESTS });
    return await runLoad(target, { concurrency: CONCURRENCY, durationMs: DURATION_MS, maxRequests: MAX_REQUESTS });
  } finally {
    await stopChild(server);
  }
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'alur-bench-'));
const started = Date.now();
try {
  console.log(`bench:events — ${APPS} applications, concurrency ${CONCURRENCY}, ${DURATION_MS / 1000} s per server after ${WARMUP_MS / 1000} s warm-up, SQLite`);
  const alur = await benchAlur(dir);
  console.log(line('alur', alur));
  const baseline = await benchBaseline(dir);
  console.log(line('baseline', baseline));
  console.log(`wall time ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(`ratio alur/baseline: ${(alur.perSecond / baseline.perSecond).toFixed(2)}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
