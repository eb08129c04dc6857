/**
 * `npm run bench:rush`: a quota rush. N applicants (default 10,000), each with a passport-new
 * application at the schedule step, all ask for the same session of one office day, which has 56
 * places. A benchmark, not a test: it prints wall time, winners (held bookings in the database,
 * must be exactly 56), the replies by status (5xx must be 0), connection resets and other socket
 * errors, and p50/p99 latency.
 *
 *   npm run bench:rush                      # SQLite (one server), then PostgreSQL (two servers)
 *   npm run bench:rush -- --sqlite          # one of them
 *   npm run bench:rush -- --postgres
 *   npm run bench:rush -- --quick           # 2,000 attempts
 *   npm run bench:rush -- --attempts 5000 --concurrency 500
 *   npm run bench:rush -- --keepalive       # reuse connections (default: one connection per attempt, as 10,000 browsers would)
 *   npm run bench:rush -- --mode first-come # how the places open (default; `draw`: see below)
 *   npm run bench:rush -- --root <dir>      # run another checkout's server and setup code (before/after figures)
 *
 * Setup (not timed) goes through the real code in-process: migrations, seed, the shipped
 * definitions, users and sessions written as the account code writes them, and each application
 * created and walked to the schedule step with runtime.create/apply (identity, documents,
 * declaration); only the document rows are written directly (the upload path is not what is
 * measured). The office's daily quota is set so the chosen session has 56 places. Then the
 * server processes start on the same database (`node server/main.ts`, as `npm start` runs it)
 * and every attempt is fired at once, `--concurrency` at a time (default 500), all to 127.0.0.1;
 * with two processes the attempts alternate between them.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { freePort } from '../server/testing/pg-cluster.ts';
import { IDENTITY, PNG } from './passport-fixtures.ts';

type Provider = 'sqlite' | 'postgres';
type Mode = 'first-come' | 'draw';

const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(`--${name}`);
const option = (name: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};

const ROOT = path.resolve(option('root') ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '..'));
const ATTEMPTS = Number(option('attempts') ?? (flag('quick') ? 2_000 : 10_000));
const CONCURRENCY = Number(option('concurrency') ?? 500);
const KEEPALIVE = flag('keepalive');
const MODE = (option('mode') ?? 'first-come') as Mode;
const PLACES = 56;
const OFFICE = 'ATB';
const SESSION = 'pagi';
/** Setup runs this many applications at a time in-process (PostgreSQL gains from a few; SQLite writes one at a time anyway). */
const SETUP_CONCURRENCY = 8;
const PROVIDERS: Provider[] = flag('sqlite') || flag('postgres') ? (['sqlite', 'postgres'] as const).filter((p) => flag(p)) : ['sqlite', 'postgres'];

/** A module of the checkout under test (`--root`), so one script measures before and after. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const load = (rel: string): Promise<any> => import(pathToFileURL(path.join(ROOT, rel)).href);

async function inPool<T>(items: readonly T[], limit: number, fn: (item: T, i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

type Applicant = { applicationId: string; token: string; csrf: string };

/** Env of the server processes and of the in-process setup. */
function serverEnv(databaseUrl: string, dataDir: string, port = 0): Record<string, string> {
  return {
    DATABASE_URL: databaseUrl,
    DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    NODE_ENV: 'development',
    LOG_LEVEL: 'error',
    DEFINITIONS_DIR: path.join(ROOT, 'machines/definitions'),
    FORMS_DIR: path.join(ROOT, 'forms'),
  };
}

/**
 * The database ready for the rush: migrated, seeded, definitions published, `n` applicants with
 * a session each and an application at the schedule step; the office's session has 56 places.
 * Resolves to the applicants and the day they all ask for.
 */
async function prepare(databaseUrl: string, dataDir: string, n: number): Promise<{ applicants: Applicant[]; date: string }> {
  const [{ loadConfig }, { compose, shutdown }, { migrateDatabase }, { seed }, { createLogger }, { hashPassword }, offices] = await Promise.all([
    load('server/config.ts'),
    load('server/compose.ts'),
    load('server/db/migrate.ts'),
    load('server/db/seed.ts'),
    load('server/log.ts'),
    load('server/accounts/password.ts'),
    load('server/domain/passport/offices.ts'),
  ]);
  const config = loadConfig({ ...process.env, ...serverEnv(databaseUrl, dataDir) });
  const log = createLogger('error');
  await migrateDatabase(databaseUrl);
  const deps = await compose(config, log);
  try {
    await seed(deps.prisma, { production: false, dataDir: config.seedDataDir, log: () => {} });
    await deps.catalog.seedFromFiles(config.definitionsDirs, config.formsDirs);

    // 56 places in the chosen session: the daily quota apportioned over the office's sessions.
    const office = await offices.getOffice(deps.sql, OFFICE);
    let quota = PLACES;
    const capacityOf = (q: number) => offices.sessionCapacities({ ...office, dailyQuota: q }, 'regular').find((s: { id: string }) => s.id === SESSION)?.capacity ?? 0;
    while (capacityOf(quota) < PLACES && quota < PLACES * 20) quota++;
    if (capacityOf(quota) !== PLACES) throw new Error(`cannot give ${OFFICE} ${SESSION} exactly ${PLACES} places`);
    await deps.prisma.office.update({ where: { code: OFFICE }, data: { dailyQuota: quota } });

    // The applicants: users with one shared password hash, a session each (as SessionService.create writes it).
    const passwordHash = await hashPassword('rush-password-123456');
    const tag = randomUUID().slice(0, 8);
    const users = Array.from({ length: n }, (_, i) => ({
      id: randomUUID(),
      email: `rush-${tag}-${i}@example.id`,
      passwordHash,
      fullName: `Pemohon Rush ${i}`,
      roles: ['applicant'],
      verifiedAt: new Date(),
    }));
    const tokens = users.map(() => randomBytes(32).toString('base64url'));
    const expiresAt = new Date(Date.now() + 12 * 3_600_000);
    for (let i = 0; i < n; i += 1_000) {
      await deps.prisma.user.createMany({ data: users.slice(i, i + 1_000) });
      await deps.prisma.session.createMany({
        data: users.slice(i, i + 1_000).map((u, j) => ({ id: createHash('sha256').update(tokens[i + j]!).digest('hex'), userId: u.id, expiresAt })),
      });
    }

    // Each application walked to the schedule step through the runtime.
    const applicants: Applicant[] = new Array(n);
    const started = Date.now();
    let done = 0;
    await inPool(users, SETUP_CONCURRENCY, async (u, i) => {
      const user = { id: u.id, email: u.email, fullName: u.fullName, roles: ['applicant'], officeCode: null, groups: [], locale: 'id' };
      const created = await deps.runtime.create(user, 'passport-new');
      const id = created.body.id as string;
      await deps.runtime.apply(id, user, { type: 'SUBMIT', data: IDENTITY });
      const docs: Record<string, string> = {};
      const sha256 = createHash('sha256').update(PNG).digest('hex');
      for (const kind of ['ktp', 'kk', 'birthProof']) {
        docs[kind] = randomUUID();
        await deps.sql.run(
          'INSERT INTO "Document" ("id", "applicationId", "kind", "sha256", "size", "mime", "filename", "uploadedBy", "createdAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
          [docs[kind], id, kind, sha256, PNG.length, 'image/png', `${kind}.png`, u.id, new Date().toISOString()],
        );
      }
      await deps.runtime.apply(id, user, { type: 'SUBMIT', data: docs });
      const last = await deps.runtime.apply(id, user, { type: 'SUBMIT', data: { declaration: true } });
      if (last.body.state !== 'schedule') throw new Error(`application ${id} is in ${String(last.body.state)}, not schedule`);
      applicants[i] = { applicationId: id, token: tokens[i]!, csrf: randomBytes(32).toString('base64url') };
      if (++done % 2_000 === 0) process.stderr.write(`  prepared ${done}/${n} (${((Date.now() - started) / 1000).toFixed(0)} s)\n`);
    });

    // The first open day from the day after tomorrow (the server clock) with the session empty.
    const now = deps.clock.now() as Date;
    const from = new Date(now.getTime() + 2 * 86_400_000).toISOString().slice(0, 10);
    const date = await firstOpenDay(deps, from);
    return { applicants, date };
  } finally {
    await shutdown(deps);
  }
}

/** A working day at the office on or after `from` (weekends and seeded holidays skipped). */
async function firstOpenDay(deps: { sql: { all: (sql: string, params: unknown[]) => Promise<{ date: string }[]> } }, from: string): Promise<string> {
  const to = new Date(Date.parse(from) + 30 * 86_400_000).toISOString().slice(0, 10);
  const holidays = new Set((await deps.sql.all('SELECT "date" FROM "Holiday" WHERE "date" >= ? AND "date" <= ?', [from, to])).map((h) => h.date));
  for (let t = Date.parse(from); ; t += 86_400_000) {
    const d = new Date(t);
    const day = d.toISOString().slice(0, 10);
    if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6 && !holidays.has(day)) return day;
  }
}

function startServer(env: Record<string, string>): ChildProcess {
  const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_PROFILE] : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', 'server/main.ts'], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  child.stdout!.resume();
  return child;
}

async function waitHealthy(child: ChildProcess, port: number, ms = 120_000) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`the server on ${port} exited (${child.exitCode}) before it was ready`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server on ${port} did not become ready`);
}

async function stop(child: ChildProcess) {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/** CPU time (user + system, ms) a process has used so far (Linux /proc; 0 elsewhere). */
function cpuMs(pid: number | undefined): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10; // utime, stime: clock ticks of 10 ms
  } catch {
    return 0;
  }
}

type Attempt = { status: number; ms: number; error?: string; /** When it ended, ms after the rush began. */ at?: number };

function attempt(agent: http.Agent | false, port: number, a: Applicant, body: string): Promise<Attempt> {
  const t0 = performance.now();
  return new Promise((resolve) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path: `/api/applications/${a.applicationId}/events`,
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          cookie: `alur_session=${a.token}; alur_csrf=${a.csrf}`,
          'x-csrf-token': a.csrf,
          ...(agent ? {} : { connection: 'close' }),
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - t0 }));
        res.on('error', (e: NodeJS.ErrnoException) => resolve({ status: 0, ms: performance.now() - t0, error: e.code ?? e.message }));
      },
    );
    req.on('error', (e: NodeJS.ErrnoException) => resolve({ status: 0, ms: performance.now() - t0, error: e.code ?? e.message }));
    req.end(body);
  });
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

async function rush(provider: Provider): Promise<void> {
  const processes = provider === 'postgres' ? 2 : 1;
  console.log(`\n== rush: ${ATTEMPTS} attempts for ${PLACES} places, ${MODE}, ${provider}, ${processes} process${processes > 1 ? 'es' : ''}, concurrency ${CONCURRENCY}${KEEPALIVE ? ', keep-alive' : ', one connection per attempt'} (${ROOT})`);
  if (MODE !== 'first-come') throw new Error(`--mode ${MODE}: not here yet (the draw is deliver point 4; this bench runs first-come only)`);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'alur-rush-'));
  const cleanups: (() => Promise<void>)[] = [async () => rmSync(dataDir, { recursive: true, force: true })];
  const children: ChildProcess[] = [];
  try {
    let databaseUrl = `file:${path.join(dataDir, 'alur.db')}`;
    if (provider === 'postgres') {
      const { startPgCluster } = await load('server/testing/pg-cluster.ts');
      const cluster = await startPgCluster();
      cleanups.unshift(() => cluster.stop());
      databaseUrl = cluster.adminUrl.replace(/\/postgres$/, '/alur_rush');
      const pg = (await import('pg')).default;
      const admin = new pg.Client({ connectionString: cluster.adminUrl });
      await admin.connect();
      await admin.query('CREATE DATABASE alur_rush');
      await admin.end();
    }
    const t0 = Date.now();
    const { applicants, date } = await prepare(databaseUrl, dataDir, ATTEMPTS);
    console.log(`setup: ${ATTEMPTS} applications at the schedule step in ${((Date.now() - t0) / 1000).toFixed(1)} s; everyone asks for ${OFFICE} ${date} ${SESSION}`);

    const ports: number[] = [];
    for (let i = 0; i < processes; i++) {
      const port = await freePort();
      ports.push(port);
      children.push(startServer(serverEnv(databaseUrl, path.join(dataDir, `p${i}`), port)));
    }
    await Promise.all(ports.map((p, i) => waitHealthy(children[i]!, p)));

    const body = JSON.stringify({ type: 'SUBMIT', data: { officeCode: OFFICE, date, session: SESSION } });
    const agents = ports.map(() => (KEEPALIVE ? new http.Agent({ keepAlive: true, maxSockets: Math.ceil(CONCURRENCY / processes) }) : (false as const)));
    const results: Attempt[] = new Array(applicants.length);
    const cpuBefore = children.map((c) => cpuMs(c.pid));
    const started = performance.now();
    await inPool(applicants, CONCURRENCY, async (a, i) => {
      results[i] = { ...(await attempt(agents[i % processes]!, ports[i % processes]!, a, body)), at: performance.now() - started };
    });
    const wallMs = performance.now() - started;
    const serverCpuMs = children.reduce((sum, c, i) => sum + cpuMs(c.pid) - cpuBefore[i]!, 0);
    for (const a of agents) if (a) a.destroy();

    const statuses: Record<string, number> = {};
    const errors: Record<string, number> = {};
    for (const r of results) {
      statuses[r.status || 'none'] = (statuses[r.status || 'none'] ?? 0) + 1;
      if (r.error) errors[r.error] = (errors[r.error] ?? 0) + 1;
    }
    const fiveXx = results.filter((r) => r.status >= 500).length;
    const resets = results.filter((r) => r.error === 'ECONNRESET').length;
    const latencies = results.map((r) => r.ms).sort((a, b) => a - b);

    // Winners from the database: held bookings of that session.
    const { compose, shutdown } = await load('server/compose.ts');
    const { loadConfig } = await load('server/config.ts');
    const { createLogger } = await load('server/log.ts');
    for (const c of children.splice(0)) await stop(c);
    const deps = await compose(loadConfig({ ...process.env, ...serverEnv(databaseUrl, dataDir) }), createLogger('error'));
    let winners: number;
    let counter: unknown;
    try {
      const row = await deps.sql.get('SELECT COUNT(*) AS "n" FROM "Booking" WHERE "officeCode" = ? AND "date" = ? AND "session" = ? AND "status" = ?', [OFFICE, date, SESSION, 'held']);
      winners = Number((row as { n: number }).n);
      counter = await deps.sql.get('SELECT "capacity", "booked" FROM "SlotCounter" WHERE "officeCode" = ? AND "date" = ? AND "session" = ?', [OFFICE, date, SESSION]);
    } finally {
      await shutdown(deps);
    }

    console.log(`wall time:   ${(wallMs / 1000).toFixed(2)} s (${Math.round(ATTEMPTS / (wallMs / 1000))} attempts/s)`);
    console.log(`server CPU:  ${(serverCpuMs / 1000).toFixed(2)} s in all (${((serverCpuMs / ATTEMPTS) * 1000).toFixed(0)} µs per attempt; the machine's load shows in wall time, not here)`);
    console.log(`winners:     ${winners} held bookings (200 replies: ${statuses['200'] ?? 0}; counter ${JSON.stringify(counter)})${winners === PLACES ? '' : `  <-- expected ${PLACES}`}`);
    console.log(`replies:     ${JSON.stringify(statuses)}`);
    console.log(`5xx:         ${fiveXx}`);
    console.log(`resets:      ${resets}; socket errors: ${JSON.stringify(errors)}`);
    const lastWin = Math.max(0, ...results.filter((r) => r.status === 200).map((r) => r.at ?? 0));
    console.log(`last winner: ${(lastWin / 1000).toFixed(2)} s after the start`);
    console.log(`latency:     p50 ${pct(latencies, 50).toFixed(0)} ms, p99 ${pct(latencies, 99).toFixed(0)} ms, max ${latencies[latencies.length - 1]?.toFixed(0) ?? 0} ms`);
  } finally {
    for (const c of children) await stop(c);
    for (const c of cleanups) await c().catch(() => {});
  }
}

for (const provider of PROVIDERS) await rush(provider);
process.exit(0);
