/**
 * `npm run bench:scale`: the staff side on a big database. A benchmark, not a test: nothing is
 * asserted; it prints figures beside the issue's targets.
 *
 *   npm run bench:scale                        # 1,000,000 applications on SQLite
 *   npm run bench:scale -- --quick             # 100,000
 *   npm run bench:scale -- --count 20000 --postgres   # a throwaway PostgreSQL 15 cluster
 *   npm run bench:scale -- --keep /var/tmp/alur-1m    # SQLite only: keep the generated database
 *                                              # there, and reuse it when it already holds ≥ N applications
 *   npm run bench:scale -- --requests 50       # timed requests per list (default 30, after 3 warm-ups)
 *   npm run bench:scale -- --no-cli-verify     # skip timing `npm run verify` at the end
 *   BENCH_VERIFY_SECONDS=1800 npm run bench:scale   # let each verification run this long (default 300 s;
 *                                              # one that has not ended by then gives its rate so far)
 *
 * Setup (timed, printed): the database is migrated, then an in-process server (the test
 * harness, on the shipped flows) makes a dozen template applications through the real HTTP API:
 * passport-new in draft, at the schedule step, cancelled, awaiting payment, expired, booked, checked
 * in, in review (an officer's work queue at ATB), printing; stay-permit-extension in draft and in
 * its parallel review (the verification and intelligence groups' queues, any office). The
 * templates are then copied to N applications by `cloneApplications` (server/testing/bulk.ts:
 * logs re-chained, work-queue rows and state tallies copied, indexes rebuilt, ANALYZE). Copies
 * keep their template's times: every application was started within the same few days.
 *
 * Then the real server runs as its own process (`node server/main.ts`, as `npm start`), on
 * 127.0.0.1, and one client measures over HTTP, in turn: every staff list and filter of
 * docs/api.md (the cases of server/db/list-plans.test.ts: first page and a deep page through the
 * cursor), the heatmap, CSV exports (the whole log and with filters; read up to
 * BENCH_EXPORT_MB, default 200 MB), and a verification job of the whole log (polled until done,
 * with the lists and the heatmap asked while it runs). All along, `/api/health` is asked every
 * 20 ms: its latency, by phase, is the event-loop stall the server lets users feel (the server does
 * not report its own). Last, with the server stopped, `npm run verify` is timed (with
 * `--jobs 2` when scripts/verify.ts has that option).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { migrateDatabase } from '../server/db/migrate.ts';
import { SqliteDriver } from '../server/db/sqlite-driver.ts';
import { atbTime, atbToday, book, bookAndPay, checkInAndRecord, clockTo, firstOpenDay, ok, plusDays, walkToSchedule } from '../server/domain/passport/testing/acceptance.ts';
import { SHIPPED } from '../server/domain/passport/testing/passport.ts';
import { cloneApplications } from '../server/testing/bulk.ts';
import { startTestServer, TestClient } from '../server/testing/harness.ts';
import { freePort, startPgCluster } from '../server/testing/pg-cluster.ts';
import { start as startStayPermit, toReview as stayPermitToReview } from '../server/testing/stay-permit.ts';
import { cpuMs, flag, option, pct, startServer, stop, waitHealthy } from './servers.ts';

type Provider = 'sqlite' | 'postgres';


const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const COUNT = Number(option('count') ?? (flag('quick') ? 100_000 : 1_000_000));
const PROVIDER: Provider = flag('postgres') ? 'postgres' : 'sqlite';
const KEEP = option('keep');
const REQUESTS = Number(option('requests') ?? 30);
const WARMUPS = 3;
const EXPORT_BYTES = Number(process.env.BENCH_EXPORT_MB ?? 200) * 1e6;
/** No single export is read for longer than this. */
const EXPORT_MS = 120_000;
/** The verification job is polled this long at most (then its rate so far is printed). */
const VERIFY_MS = Number(process.env.BENCH_VERIFY_SECONDS ?? 300) * 1000;
/** The whole measurement may take this long at most (the health poller's bound). */
const MEASURE_MS = 3 * 3_600_000;
const HEALTH_EVERY_MS = 20;
const ORIGINALS = { ktp: true, kk: true, birthProof: true };
const TARGETS = { listP99: 50, heatmap: 200, stall: 100, exportMBs: 20 };

if (!Number.isInteger(COUNT) || COUNT < 100) throw new Error(`--count ${option('count')}: a whole number ≥ 100`);
if (KEEP && PROVIDER === 'postgres') throw new Error('--keep is for SQLite (the PostgreSQL cluster is a throwaway one)');

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const fmt = (ms: number) => (ms >= 100 ? ms.toFixed(0) : ms.toFixed(1));
const log = (line: string) => process.stderr.write(`  ${line}\n`);

/** Env of the server process (as bench/rush.ts runs it: outside production, so the demo staff accounts exist). */
function serverEnv(databaseUrl: string, dataDir: string, port: number): Record<string, string> {
  return { DATABASE_URL: databaseUrl, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', NODE_ENV: 'development', LOG_LEVEL: 'error', ...SHIPPED };
}

// ---------------------------------------------------------------------------------------------
// Setup

type Fixture = {
  /** An appointment day of the templates (the officer's day, the admin's office and day). */
  day: string;
  /** A queue code of a template (copies share it: `code=` finds them all). */
  queueCode: string;
};

/** Templates through the real API (an in-process server on the shipped flows); resolves to their ids (weighted: in review twice). */
async function makeTemplates(provider: Provider, databaseUrl: string): Promise<{ ids: string[]; fixture: Fixture; copy: (n: number) => Promise<number>; close: () => Promise<void> }> {
  const srv = await startTestServer({ provider, databaseUrl, workers: false, env: SHIPPED });
  try {
    const applicant = srv.client();
    await applicant.signUp('scale-applicant@example.id');
    const officer = srv.client();
    await officer.loginAs('officer');
    const ids: string[] = [];
    const create = async () => (await applicant.post<{ id: string }>('/api/applications', { flow: 'passport-new' })).body.id;

    ids.push(await create()); // draft, at the first step
    const cancelled = await create();
    await ok(applicant, cancelled, 'CANCEL');
    ids.push(cancelled);
    const today = await atbToday(officer);
    const day = await firstOpenDay(applicant, plusDays(today, 2));
    const later = await firstOpenDay(applicant, plusDays(day, 3));
    // awaiting payment on `day`: it expires when the clock moves there
    const expiring = await walkToSchedule(applicant, { flow: 'passport-new' });
    await book(applicant, expiring.id, day);
    ids.push(expiring.id);
    const atCounter: { id: string; queueCode: string }[] = [];
    for (let i = 0; i < 3; i++) {
      const { id } = await walkToSchedule(applicant, { flow: 'passport-new' });
      atCounter.push({ id, queueCode: (await bookAndPay(applicant, id, day)).appointment!.queueCode! });
    }
    const booked = await walkToSchedule(applicant, { flow: 'passport-new' });
    await bookAndPay(applicant, booked.id, later);
    ids.push(booked.id);

    await clockTo(srv, officer, atbTime(day, '08:30'));
    const [checkedIn, inReview, printing] = atCounter as [(typeof atCounter)[number], (typeof atCounter)[number], (typeof atCounter)[number]];
    await ok(officer, checkedIn.id, 'CHECK_IN', { queueCode: checkedIn.queueCode });
    await checkInAndRecord(officer, inReview.id, inReview.queueCode, ORIGINALS);
    await checkInAndRecord(officer, printing.id, printing.queueCode, ORIGINALS);
    await ok(officer, printing.id, 'APPROVE');
    ids.push(checkedIn.id, inReview.id, inReview.id, printing.id);
    const schedule = await walkToSchedule(applicant, { flow: 'passport-new' });
    ids.push(schedule.id); // a draft at the schedule step
    const awaiting = await walkToSchedule(applicant, { flow: 'passport-new' });
    await book(applicant, awaiting.id, later);
    ids.push(awaiting.id);

    ids.push((await startStayPermit(applicant)).id);
    ids.push((await stayPermitToReview(applicant)).id);
    // What `npm start` does once on a new database (the test harness does not): mark the work
    // queues filled. Without the mark the measured server's first start fills them again for
    // every copy (94 s at a million), though the copies carry their queue rows.
    await srv.deps.runtime.backfillAwaiting();
    return {
      ids,
      fixture: { day, queueCode: inReview.queueCode },
      copy: (n) =>
        cloneApplications(srv.deps.sql, ids, n, {
          batch: 2000,
          onBatch: (done) => {
            if (done % Math.max(2000, Math.round(n / 10 / 2000) * 2000) === 0 || done === n) log(`copied ${done.toLocaleString('en')}/${n.toLocaleString('en')}`);
          },
        }),
      close: () => srv.stop(),
    };
  } catch (err) {
    await srv.stop();
    throw err;
  }
}

/** What a kept database was made with (beside it, so a reuse measures the same filters). */
const fixtureFile = (dir: string) => path.join(dir, 'fixture.json');

async function applicationsIn(databaseUrl: string): Promise<number> {
  const sql = new SqliteDriver(databaseUrl);
  try {
    return Number((await sql.get<{ n: number }>('SELECT COUNT(*) AS "n" FROM "Application"'))?.n ?? 0);
  } finally {
    await sql.close();
  }
}

async function generate(provider: Provider, databaseUrl: string, dir: string): Promise<Fixture> {
  if (KEEP && existsSync(fixtureFile(dir))) {
    const n = await applicationsIn(databaseUrl);
    if (n >= COUNT) {
      console.log(`setup: reusing ${databaseUrl} (${n.toLocaleString('en')} applications)`);
      return JSON.parse(readFileSync(fixtureFile(dir), 'utf8')) as Fixture;
    }
    console.log(`setup: ${databaseUrl} holds ${n.toLocaleString('en')} applications, fewer than ${COUNT.toLocaleString('en')}: made again`);
    for (const s of ['', '-wal', '-shm', '-journal']) rmSync(path.join(dir, `alur.db${s}`), { force: true });
    rmSync(fixtureFile(dir), { force: true });
  }
  const t0 = performance.now();
  await migrateDatabase(databaseUrl);
  const templates = await makeTemplates(provider, databaseUrl);
  try {
    const t1 = performance.now();
    console.log(`setup: ${templates.ids.length} templates through the API in ${secs(t1 - t0)} (with migrations and seed)`);
    const events = await templates.copy(COUNT - new Set(templates.ids).size);
    const t2 = performance.now();
    console.log(
      `setup: ${COUNT.toLocaleString('en')} applications, ${events.toLocaleString('en')} events copied in ${secs(t2 - t1)} ` +
        `(${Math.round(COUNT / ((t2 - t1) / 1000)).toLocaleString('en')} applications/s, indexes rebuilt, ANALYZE)`,
    );
  } finally {
    await templates.close();
  }
  if (KEEP) await import('node:fs/promises').then((fs) => fs.writeFile(fixtureFile(dir), JSON.stringify(templates.fixture)));
  return templates.fixture;
}

// ---------------------------------------------------------------------------------------------
// Measuring

/** `/api/health` every 20 ms from this process, each answer's latency filed under the phase it fell in. */
class HealthPoller {
  phase = 'idle';
  readonly samples = new Map<string, number[]>();
  private running = true;
  private done: Promise<void>;
  constructor(url: string) {
    this.done = (async () => {
      const until = Date.now() + MEASURE_MS;
      while (this.running && Date.now() < until) {
        const phase = this.phase;
        const t = performance.now();
        try {
          await (await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(300_000) })).arrayBuffer();
        } catch {
          /* a timeout counts as its latency */
        }
        const ms = performance.now() - t;
        const list = this.samples.get(phase) ?? [];
        list.push(ms);
        this.samples.set(phase, list);
        await sleep(HEALTH_EVERY_MS);
      }
    })();
  }
  async stop() {
    this.running = false;
    await this.done;
  }
  /** Latency figures of the phases `which` keeps (all by default). */
  stats(which: (phase: string) => boolean = () => true) {
    const all = [...this.samples].filter(([p]) => which(p)).flatMap(([, v]) => v).sort((a, b) => a - b);
    return { n: all.length, p50: pct(all, 50), p99: pct(all, 99), max: all[all.length - 1] ?? 0 };
  }
}

type Timing = { name: string; p50: number; p99: number; max: number; errors: string[]; rows: number };

const cookieOf = (c: TestClient) => [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ');

/** One GET as a browser would send it; resolves to status, time and the parsed body. */
async function timedGet(c: TestClient, p: string): Promise<{ status: number; ms: number; body: unknown }> {
  const t = performance.now();
  const res = await fetch(c.baseUrl + p, { headers: { cookie: cookieOf(c), accept: 'application/json' }, signal: AbortSignal.timeout(300_000) });
  const text = await res.text();
  const ms = performance.now() - t;
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, ms, body };
}

/** p50/p99 of `REQUESTS` sequential GETs after `WARMUPS`. */
async function measure(name: string, c: TestClient, p: string, requests = REQUESTS): Promise<Timing> {
  const times: number[] = [];
  const errors: string[] = [];
  let rows = 0;
  for (let i = 0; i < WARMUPS + requests; i++) {
    const r = await timedGet(c, p);
    if (r.status !== 200) errors.push(`${r.status} ${JSON.stringify(r.body).slice(0, 200)}`);
    const items = (r.body as { items?: unknown[] } | null)?.items;
    if (Array.isArray(items)) rows = items.length;
    if (i >= WARMUPS) times.push(r.ms);
  }
  times.sort((a, b) => a - b);
  return { name, p50: pct(times, 50), p99: pct(times, 99), max: times[times.length - 1] ?? 0, errors: [...new Set(errors)], rows };
}

function printTiming(t: Timing, target?: number) {
  const over = target !== undefined && t.p99 > target ? `  <-- over ${target} ms` : '';
  const errs = t.errors.length ? `  ERRORS: ${t.errors.join('; ')}` : '';
  console.log(`  ${t.name.padEnd(58)} p50 ${fmt(t.p50).padStart(6)} ms  p99 ${fmt(t.p99).padStart(6)} ms  (${t.rows} items)${over}${errs}`);
}

/** A deep page of a list: its first page's cursor with the id halfway down (the middle of a template's copies, which share their times). */
async function deepQuery(c: TestClient, q: string): Promise<string | null> {
  const first = await timedGet(c, `/api/applications?${q}`);
  const next = (first.body as { nextCursor?: string | null }).nextCursor;
  if (!next) return null;
  const [sort] = Buffer.from(next, 'base64url').toString('utf8').split('|');
  return `${q ? `${q}&` : ''}cursor=${Buffer.from(`${sort}|8`).toString('base64url')}`;
}

type StaffList = { name: string; who: TestClient; q: string; deep?: boolean };

/** The lists of server/db/list-plans.test.ts, with this database's values. */
function staffLists(u: Record<'officer' | 'verifier' | 'auditor' | 'admin', TestClient>, f: Fixture, version: number, from: string, to: string): StaffList[] {
  const month = `from=${from}&to=${to}`;
  return [
    { name: 'officer: office and any-office flows', who: u.officer, q: '', deep: true },
    { name: 'officer (groups, any office): any-office flows', who: u.verifier, q: '' },
    { name: 'officer: day', who: u.officer, q: `date=${f.day}` },
    { name: 'officer: status (inReview)', who: u.officer, q: 'status=inReview' },
    { name: 'officer: queue code', who: u.officer, q: `queueCode=${f.queueCode}` },
    { name: 'officer: own (mine=1)', who: u.officer, q: 'mine=1' },
    { name: 'auditor: everything', who: u.auditor, q: '', deep: true },
    { name: `auditor: started between ${from} and ${to}`, who: u.auditor, q: month },
    { name: 'auditor: office', who: u.auditor, q: 'office=ATB', deep: true },
    { name: 'auditor: office and status', who: u.auditor, q: 'office=ATB&status=booked' },
    { name: 'auditor: status', who: u.auditor, q: 'status=inReview', deep: true },
    { name: 'auditor: flow', who: u.auditor, q: 'flow=passport-new', deep: true },
    { name: 'auditor: flow and status', who: u.auditor, q: 'flow=passport-new&status=draft' },
    { name: 'auditor: flow and state', who: u.auditor, q: 'flow=passport-new&state=inReview' },
    { name: 'auditor: flow and version', who: u.auditor, q: `flow=passport-new&version=${version}` },
    { name: 'auditor: flow, version and a month', who: u.auditor, q: `flow=passport-new&version=${version}&${month}`, deep: true },
    { name: 'auditor: flow (stay-permit-extension)', who: u.auditor, q: 'flow=stay-permit-extension' },
    { name: 'admin: office and day', who: u.admin, q: `office=ATB&date=${f.day}` },
    { name: 'admin: code', who: u.admin, q: `code=${f.queueCode}` },
    { name: 'officer: work queue (awaiting=me)', who: u.officer, q: 'awaiting=me', deep: true },
    { name: 'officer: work queue of a flow', who: u.officer, q: 'awaiting=me&flow=passport-new' },
    { name: 'officer (groups, any office): work queue', who: u.verifier, q: 'awaiting=me', deep: true },
    { name: 'auditor: work queue', who: u.auditor, q: 'awaiting=me' },
  ];
}

type ExportResult = { name: string; bytes: number; rows: number; ms: number; complete: boolean; status: number };

/** Reads an export up to EXPORT_BYTES / EXPORT_MS, then leaves (the server stops). */
async function readExport(name: string, c: TestClient, q: string): Promise<ExportResult> {
  const ctl = new AbortController();
  const t = performance.now();
  const res = await fetch(`${c.baseUrl}/api/audit/events.csv${q ? `?${q}` : ''}`, { headers: { cookie: cookieOf(c), 'accept-encoding': 'identity' }, signal: ctl.signal });
  let bytes = 0;
  let rows = 0;
  let complete = false;
  if (res.status === 200 && res.body) {
    const reader = res.body.getReader();
    try {
      while (bytes < EXPORT_BYTES && performance.now() - t < EXPORT_MS) {
        const { value, done } = await reader.read();
        if (done) {
          complete = true;
          break;
        }
        bytes += value.byteLength;
        for (let i = value.indexOf(10); i >= 0; i = value.indexOf(10, i + 1)) rows++;
      }
    } finally {
      ctl.abort();
    }
  } else await res.text();
  return { name, bytes, rows: Math.max(0, rows - 1), ms: performance.now() - t, complete, status: res.status };
}

type VerifyJob = { id: string; status: string; total: number; checked: number; events: number; mismatches: unknown[] };

type CliVerify = { line: string; ms: number; jobs: string; eventsPerSecond: number };

/**
 * The CLI verification, with the server stopped, for VERIFY_MS at most (then the rate of its last
 * progress line); null when skipped.
 */
function cliVerify(databaseUrl: string, dataDir: string): Promise<CliVerify | null> {
  if (flag('no-cli-verify')) return Promise.resolve(null);
  const parallel = /--jobs/.test(readFileSync(path.join(ROOT, 'scripts/verify.ts'), 'utf8'));
  const args = ['--import', 'tsx', 'scripts/verify.ts', ...(parallel ? ['--jobs', '2', '--progress'] : [])];
  return new Promise((resolve) => {
    const t = performance.now();
    const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...serverEnv(databaseUrl, dataDir, 0) }, stdio: ['ignore', 'pipe', 'pipe'], timeout: VERIFY_MS });
    let out = '';
    let progress = '';
    child.stdout.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-4000)));
    child.stderr.on('data', (d: Buffer) => {
      const lines = d.toString().split('\n').filter((l) => l.startsWith('verifying'));
      if (lines.length) progress = lines[lines.length - 1]!;
      else process.stderr.write(d);
    });
    child.on('close', (code, signal) => {
      const ms = performance.now() - t;
      const jobs = parallel ? '--jobs 2' : 'one process, no --jobs option';
      const done = /verified (\d+) application\(s\), (\d+) event\(s\) in (\d+) ms/.exec(out);
      if (done) resolve({ line: `${out.trim().split('\n').pop()}${code ? ` (exit ${code})` : ''}`, ms, jobs, eventsPerSecond: Number(done[2]) / (Number(done[3]) / 1000) });
      else {
        const rate = /([\d,]+) events\/s/.exec(progress);
        resolve({ line: `stopped after ${secs(ms)} (${signal ?? `exit ${code}`}); last progress: ${progress || 'none'}`, ms, jobs, eventsPerSecond: rate ? Number(rate[1]!.replaceAll(',', '')) : 0 });
      }
    });
  });
}

async function run(): Promise<void> {
  console.log(`== scale: ${COUNT.toLocaleString('en')} applications, ${PROVIDER}, ${os.cpus().length} cores, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} (${ROOT})`);
  const cleanups: (() => Promise<void>)[] = [];
  let child: ChildProcess | undefined;
  let tempDir: string | undefined;
  // Ctrl-C: the server killed, the temporary database deleted (a PostgreSQL cluster stops on exit: server/testing/pg-cluster.ts).
  const onSignal = () => {
    child?.kill('SIGKILL');
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
    process.exit(130);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const dir = KEEP ? path.resolve(KEEP) : (tempDir = mkdtempSync(path.join(os.tmpdir(), 'alur-scale-')));
    if (KEEP) mkdirSync(dir, { recursive: true });
    else cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    let databaseUrl = `file:${path.join(dir, 'alur.db')}`;
    if (PROVIDER === 'postgres') {
      const cluster = await startPgCluster();
      cleanups.unshift(() => cluster.stop());
      databaseUrl = cluster.adminUrl.replace(/\/postgres$/, '/alur_scale');
      const admin = new pg.Client({ connectionString: cluster.adminUrl });
      await admin.connect();
      await admin.query('CREATE DATABASE alur_scale');
      await admin.end();
    }
    const fixture = await generate(PROVIDER, databaseUrl, dir);

    const port = await freePort();
    const dataDir = path.join(dir, 'data');
    const t0 = performance.now();
    child = startServer(ROOT, serverEnv(databaseUrl, dataDir, port));
    const server = child;
    cleanups.unshift(() => stop(server));
    await waitHealthy(server, port, 600_000);
    console.log(`server: ready in ${secs(performance.now() - t0)} (node server/main.ts, pid ${server.pid}, 127.0.0.1:${port})`);
    const url = `http://127.0.0.1:${port}`;
    const login = async (who: 'officer' | 'auditor' | 'admin' | `${string}@alur.test`) => {
      const c = new TestClient(url);
      await c.loginAs(who);
      return c;
    };
    const users = { officer: await login('officer'), verifier: await login('verifier@alur.test'), auditor: await login('auditor'), admin: await login('admin') };

    const health = new HealthPoller(url);
    const cpu0 = cpuMs(server.pid);
    const m0 = performance.now();
    try {
      // The heatmap first, cold, then warm: it also gives the flow's version.
      health.phase = 'heatmap';
      const cold = await timedGet(users.auditor, '/api/audit/flows/passport-new/states');
      const heat = cold.body as { version: number; applications: number; at: string; states: { state: string; count: number }[] };
      console.log(
        `\nheatmap (GET /api/audit/flows/:key/states): cold ${fmt(cold.ms)} ms (${cold.status}), passport-new v${heat.version}: ${heat.applications?.toLocaleString('en')} applications in ` +
          `${heat.states?.filter((s) => s.count > 0).map((s) => `${s.state} ${s.count}`).join(', ')}`,
      );
      const heatmaps = [
        await measure('passport-new (latest version)', users.auditor, '/api/audit/flows/passport-new/states'),
        await measure(`passport-new ?version=${heat.version}`, users.auditor, `/api/audit/flows/passport-new/states?version=${heat.version}`),
        await measure('stay-permit-extension', users.auditor, '/api/audit/flows/stay-permit-extension/states'),
      ];
      for (const t of heatmaps) printTiming(t, TARGETS.heatmap);

      health.phase = 'lists';
      const day = heat.at?.slice(0, 10) ?? new Date().toISOString().slice(0, 10);
      const lists = staffLists(users, fixture, heat.version, plusDays(day, -20), plusDays(day, 10));
      console.log(`\nstaff lists (GET /api/applications): ${REQUESTS} requests each after ${WARMUPS} warm-ups`);
      const listTimings: Timing[] = [];
      for (const l of lists) {
        const first = await measure(l.name, l.who, `/api/applications${l.q ? `?${l.q}` : ''}`);
        printTiming(first, TARGETS.listP99);
        listTimings.push(first);
        const deep = l.deep ? await deepQuery(l.who, l.q) : null;
        if (deep) {
          const t = await measure(`${l.name}, deep page`, l.who, `/api/applications?${deep}`);
          printTiming(t, TARGETS.listP99);
          listTimings.push(t);
        }
      }

      console.log(`\nexports (GET /api/audit/events.csv, Accept-Encoding: identity; read up to ${EXPORT_BYTES / 1e6} MB or ${EXPORT_MS / 1000} s each)`);
      const exports: ExportResult[] = [];
      for (const [name, q] of [
        ['the whole log', ''],
        ['flow=passport-new', 'flow=passport-new'],
        ['flow=stay-permit-extension', 'flow=stay-permit-extension'],
        [`flow=passport-new, from ${plusDays(day, -20)} to ${plusDays(day, 10)}`, `flow=passport-new&from=${plusDays(day, -20)}&to=${plusDays(day, 10)}`],
      ] as const) {
        health.phase = `export: ${name}`;
        const e = await readExport(name, users.auditor, q);
        exports.push(e);
        const mbs = e.bytes / 1e6 / (e.ms / 1000);
        console.log(
          `  ${name.padEnd(58)} ${e.status} ${(e.bytes / 1e6).toFixed(1)} MB, ${e.rows.toLocaleString('en')} rows in ${secs(e.ms)}: ${mbs.toFixed(1)} MB/s, ` +
            `${Math.round(e.rows / (e.ms / 1000)).toLocaleString('en')} rows/s${e.complete ? ' (whole)' : ' (stopped there)'}${mbs < TARGETS.exportMBs ? `  <-- under ${TARGETS.exportMBs} MB/s` : ''}`,
        );
      }

      health.phase = 'verify';
      console.log('\nverification job (POST /api/audit/verify {}), with the lists and the heatmap asked while it runs');
      const v0 = performance.now();
      const started = await users.auditor.post<VerifyJob>('/api/audit/verify', {});
      let job = started.body;
      const during: Timing[] = [];
      const verifyUntil = Date.now() + VERIFY_MS;
      if (started.status === 202) {
        for (let round = 0; job.status === 'running' && Date.now() < verifyUntil; round++) {
          if (round < 1) {
            during.push(await measure('heatmap while verifying', users.auditor, '/api/audit/flows/passport-new/states', 10));
            during.push(await measure('auditor: everything, while verifying', users.auditor, '/api/applications', 10));
            during.push(await measure('officer: work queue, while verifying', users.officer, '/api/applications?awaiting=me', 10));
          } else await sleep(1000);
          job = (await timedGet(users.auditor, `/api/audit/verify/${started.body.id}`)).body as VerifyJob;
        }
      }
      const vMs = performance.now() - v0;
      console.log(
        `  job ${started.status} → ${job.status}: ${job.checked?.toLocaleString('en')}/${job.total?.toLocaleString('en')} applications, ${job.events?.toLocaleString('en')} events, ` +
          `${job.mismatches?.length ?? '?'} mismatches in ${secs(vMs)}: ${Math.round(job.events / (vMs / 1000)).toLocaleString('en')} events/s, ${Math.round(job.checked / (vMs / 1000)).toLocaleString('en')} applications/s` +
          (job.status === 'running' ? ` (still running after ${secs(VERIFY_MS)}: the rate so far; BENCH_VERIFY_SECONDS sets the wait)` : ''),
      );
      for (const t of during) printTiming(t);
      health.phase = 'idle';
      await health.stop();
      const serverCpu = cpuMs(server.pid) - cpu0;
      const measureMs = performance.now() - m0;

      console.log(`\n/api/health every ${HEALTH_EVERY_MS} ms from the same client (latency by phase; the server does not report its own loop stall):`);
      for (const phase of health.samples.keys()) {
        const s = health.stats((p) => p === phase);
        console.log(`  ${phase.padEnd(58)} ${String(s.n).padStart(6)} answers  p50 ${fmt(s.p50).padStart(6)} ms  p99 ${fmt(s.p99).padStart(6)} ms  max ${fmt(s.max).padStart(7)} ms`);
      }
      console.log(`server CPU: ${secs(serverCpu)} over ${secs(measureMs)} of measuring`);

      await stop(server);
      const cli = await cliVerify(databaseUrl, dataDir);
      if (cli) console.log(`\nnpm run verify (${cli.jobs}), the server stopped: ${cli.line} [${secs(cli.ms)} wall with start-up]`);

      // The summary, beside the issue's targets.
      const worstList = listTimings.reduce((a, b) => (b.p99 > a.p99 ? b : a));
      const worstHeat = heatmaps.reduce((a, b) => (b.p99 > a.p99 ? b : a));
      const filtered = exports.filter((e) => e.name !== 'the whole log' && e.bytes > 0);
      const slowestExport = filtered.reduce((a, b) => (b.bytes / b.ms < a.bytes / a.ms ? b : a), filtered[0] ?? exports[0]!);
      const audit = health.stats((p) => /^(heatmap|export|verify)/.test(p));
      const all = health.stats();
      const rows: [string, string, string, boolean | null][] = [
        [`heatmap p99 (${worstHeat.name})`, `${fmt(worstHeat.p99)} ms`, `≤ ${TARGETS.heatmap} ms`, worstHeat.p99 <= TARGETS.heatmap],
        ['longest /api/health answer during audit work', `${fmt(audit.max)} ms`, `≤ ${TARGETS.stall} ms`, audit.max <= TARGETS.stall],
        ['longest /api/health answer, whole run', `${fmt(all.max)} ms`, `≤ ${TARGETS.stall} ms`, all.max <= TARGETS.stall],
        [`staff lists p99, worst (${worstList.name})`, `${fmt(worstList.p99)} ms`, `≤ ${TARGETS.listP99} ms`, worstList.p99 <= TARGETS.listP99],
        [`staff lists over target`, `${listTimings.filter((t) => t.p99 > TARGETS.listP99).length} of ${listTimings.length}`, '0', listTimings.every((t) => t.p99 <= TARGETS.listP99)],
        [
          `export with a filter, slowest (${slowestExport.name})`,
          `${(slowestExport.bytes / 1e6 / (slowestExport.ms / 1000)).toFixed(1)} MB/s`,
          `≥ ${TARGETS.exportMBs} MB/s`,
          slowestExport.bytes / 1e6 / (slowestExport.ms / 1000) >= TARGETS.exportMBs,
        ],
        ['verification job', `${Math.round(job.events / (vMs / 1000)).toLocaleString('en')} events/s`, '—', null],
      ];
      if (cli) rows.push([`npm run verify (${cli.jobs})`, `${Math.round(cli.eventsPerSecond).toLocaleString('en')} events/s`, '—', null]);
      console.log(`\n== summary: ${COUNT.toLocaleString('en')} applications, ${PROVIDER}`);
      console.log(`| figure | measured | target | |\n| --- | --- | --- | --- |`);
      for (const [figure, measured, target, met] of rows) console.log(`| ${figure} | ${measured} | ${target} | ${met === null ? '' : met ? 'met' : 'NOT met'} |`);
    } finally {
      await health.stop();
    }
  } finally {
    for (const c of cleanups) await c().catch((e: unknown) => console.error(`cleanup: ${String(e)}`));
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

await run();
process.exit(0);
