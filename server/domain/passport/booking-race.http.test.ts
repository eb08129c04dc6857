/**
 * The last places of one office-day, raced for over HTTP: 300 applicants at the schedule step
 * ask for the 56 places of one ATB day (28 `pagi`, 28 `siang`) at the same moment. Exactly 56
 * win (200, awaitingPayment), everyone else gets 409 `slot-full` with nothing written, and the
 * guarded counter, the Booking and Payment rows agree. Once on SQLite with one server (group
 * commit), once on PostgreSQL with two server processes sharing the database.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../accounts/password.ts';
import { REPO_ROOT } from '../../config.ts';
import { SESSION_COOKIE } from '../../http/auth.ts';
import { providers } from '../../testing/databases.ts';
import { startTestServer, TestClient, TEST_PASSWORD } from '../../testing/harness.ts';
import { SHIPPED, toSchedule, type Availability, type Problem, type View } from './testing/passport.ts';
import { freePort } from '../../testing/pg-cluster.ts';

type Server = Awaited<ReturnType<typeof startTestServer>>;

const APPLICANTS = 300;
const OFFICE = 'ATB';
const SESSIONS = ['pagi', 'siang'] as const;
const CAPACITY = { pagi: 28, siang: 28 } as const;
const PLACES = CAPACITY.pagi + CAPACITY.siang;
const PREP_CONCURRENCY = 16;
/** No part of preparing may take longer than this (the loops below are also bounded in count). */
const PREP_BUDGET_MS = 90_000;

/** Runs `fn` over `items`, at most `limit` at a time, in no more than `budgetMs`. */
async function inPool<T, R>(items: readonly T[], limit: number, fn: (item: T, i: number) => Promise<R>, budgetMs = PREP_BUDGET_MS): Promise<R[]> {
  const deadline = Date.now() + budgetMs;
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      if (Date.now() > deadline) throw new Error(`inPool: over ${budgetMs} ms with ${items.length - next} items left`);
      const i = next++;
      out[i] = await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** The view with the answers given so far (passport.ts's View leaves them out). */
type AnsweredView = View & { data: Record<string, unknown> };
type Applicant = { userId: string; client: TestClient; applicationId: string; before: AnsweredView };

/**
 * `n` verified applicants straight into the database (one scrypt hash shared by all), each with a
 * session cookie in its own client, then each application walked to the schedule step over HTTP.
 */
async function prepareApplicants(srv: Server, n: number): Promise<Applicant[]> {
  const passwordHash = await hashPassword(TEST_PASSWORD);
  const tag = randomUUID().slice(0, 8);
  const users = Array.from({ length: n }, (_, i) => ({
    id: randomUUID(),
    email: `race-${tag}-${i}@example.id`,
    passwordHash,
    fullName: `Pemohon Balapan ${i}`,
    roles: ['applicant'],
    verifiedAt: new Date(),
  }));
  await srv.deps.prisma.user.createMany({ data: users });
  return inPool(users, PREP_CONCURRENCY, async (u) => {
    const { token } = await srv.deps.sessions.create(u.id);
    const client = srv.client();
    client.cookies.set(SESSION_COOKIE, token);
    const { app } = await toSchedule(client);
    const before = await client.get<AnsweredView>(`/api/applications/${app.id}`);
    expect(before.status).toBe(200);
    expect(before.body.state).toBe('schedule');
    return { userId: u.id, client, applicationId: app.id, before: before.body };
  });
}

/** The first open day from the day after tomorrow at ATB on which nothing is booked yet (both sessions at full capacity). */
async function emptyDay(c: TestClient): Promise<string> {
  const now = new Date((await c.get<{ now: string }>('/api/dev/clock')).body.now);
  const from = new Date(now.getTime() + 2 * 86_400_000).toISOString().slice(0, 10);
  const to = new Date(Date.parse(from) + 20 * 86_400_000).toISOString().slice(0, 10);
  const a = await c.get<Availability>(`/api/offices/${OFFICE}/availability?from=${from}&to=${to}&flow=passport-new`);
  expect(a.status, JSON.stringify(a.body)).toBe(200);
  const day = a.body.days.find((d) => d.open && SESSIONS.every((id) => d.sessions.some((s) => s.id === id && s.capacity === CAPACITY[id] && s.free === s.capacity)));
  if (!day) throw new Error(`no empty open day at ${OFFICE} in ${from}..${to}: ${JSON.stringify(a.body)}`);
  return day.date;
}

/** Half ask `pagi`, half `siang`, interleaved so every server (i % 2) gets both sessions. */
const sessionOf = (i: number) => SESSIONS[Math.floor(i / 2) % 2]!;

/**
 * Fires every applicant's SUBMIT at once (client `racers[i]` carries applicant i's cookies) and
 * checks the outcome through HTTP and in the database.
 */
async function raceAndCheck(srv: Server, applicants: Applicant[], racers: TestClient[], date: string) {
  const replies = await Promise.all(
    applicants.map((a, i) =>
      racers[i]!.post<View & Problem>(`/api/applications/${a.applicationId}/events`, { type: 'SUBMIT', data: { officeCode: OFFICE, date, session: sessionOf(i) } }),
    ),
  );

  const statuses = replies.map((r) => r.status);
  const unexpected = replies.map((r, i) => ({ i, status: r.status, body: r.body })).filter((r) => r.status !== 200 && r.status !== 409);
  expect(unexpected, JSON.stringify(unexpected.slice(0, 3))).toEqual([]);
  const winners = applicants.filter((_, i) => statuses[i] === 200);
  const losers = applicants.filter((_, i) => statuses[i] === 409);
  expect(winners).toHaveLength(PLACES);
  expect(losers).toHaveLength(APPLICANTS - PLACES);

  for (const [i, r] of replies.entries()) {
    if (r.status === 200) {
      expect(r.body.status).toBe('awaitingPayment');
      expect(r.body.appointment).toMatchObject({ officeCode: OFFICE, date, session: sessionOf(i) });
      expect(r.body.payment!.billingCode).toMatch(/^\d{15}$/);
    } else {
      expect(r.contentType).toMatch(/^application\/problem\+json/);
      expect(r.body.status).toBe(409);
      expect(r.body.type).toMatch(/slot-full$/);
    }
  }
  for (const s of SESSIONS) {
    expect(replies.filter((r, i) => r.status === 200 && sessionOf(i) === s)).toHaveLength(CAPACITY[s]);
  }

  // the database: full counters, one held booking and one bill per winner, nothing for the losers
  const sql = srv.deps.sql;
  const counters = await sql.all<{ session: string; kind: string; capacity: number; booked: number }>(
    'SELECT "session", "kind", "capacity", "booked" FROM "SlotCounter" WHERE "officeCode" = ? AND "date" = ? ORDER BY "session"',
    [OFFICE, date],
  );
  expect(counters.map((c) => ({ ...c, capacity: Number(c.capacity), booked: Number(c.booked) }))).toEqual(
    SESSIONS.map((s) => ({ session: s, kind: 'regular', capacity: CAPACITY[s], booked: CAPACITY[s] })),
  );
  const bookings = await sql.all<{ applicationId: string; session: string; status: string }>(
    'SELECT "applicationId", "session", "status" FROM "Booking" WHERE "officeCode" = ? AND "date" = ?',
    [OFFICE, date],
  );
  expect(bookings).toHaveLength(PLACES);
  expect(bookings.every((b) => b.status === 'held')).toBe(true);
  const winnerIds = winners.map((w) => w.applicationId).sort();
  expect(bookings.map((b) => b.applicationId).sort()).toEqual(winnerIds);
  const payments = await sql.all<{ applicationId: string; status: string }>('SELECT "applicationId", "status" FROM "Payment"');
  expect(payments).toHaveLength(PLACES);
  expect(payments.every((p) => p.status === 'pending')).toBe(true);
  expect(payments.map((p) => p.applicationId).sort()).toEqual(winnerIds);

  // the losers are where they were, with their answers
  await inPool(losers, PREP_CONCURRENCY, async (l) => {
    const now = await l.client.get<AnsweredView>(`/api/applications/${l.applicationId}`);
    expect(now.status).toBe(200);
    expect(now.body.state).toBe('schedule');
    expect(now.body.version).toBe(l.before.version);
    expect(now.body.data).toEqual(l.before.data);
    expect(now.body.appointment).toBeUndefined();
    expect(now.body.payment).toBeUndefined();
  });
}

describe('the last places of an office-day, raced for by 300 applicants (sqlite, one server)', () => {
  let srv: Server;
  let applicants: Applicant[];
  let date: string;

  beforeAll(async () => {
    srv = await startTestServer({ provider: 'sqlite', env: SHIPPED });
    applicants = await prepareApplicants(srv, APPLICANTS);
    date = await emptyDay(applicants[0]!.client);
  }, 120_000);
  afterAll(() => srv?.close());

  it('gives exactly 56 places, and 409 slot-full to everyone else', async () => {
    await raceAndCheck(
      srv,
      applicants,
      applicants.map((a) => a.client),
      date,
    );
  }, 60_000);
});

describe.skipIf(!providers().includes('postgres'))('the last places of an office-day, raced for by 300 applicants (postgres, two server processes)', () => {
  let srv: Server;
  let second: ChildProcess | null = null;
  let secondUrl: string;
  let dataDir: string;
  let applicants: Applicant[];
  let date: string;

  /** A real `node server/main.ts` on the same database; resolves once /api/health answers. */
  async function startSecond(databaseUrl: string): Promise<void> {
    const port = await freePort();
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'alur-race-'));
    let out = '';
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        PORT: String(port),
        HOST: '127.0.0.1',
        NODE_ENV: 'development',
        LOG_LEVEL: 'error',
        DATA_DIR: dataDir,
        DEFINITIONS_DIR: SHIPPED.DEFINITIONS_DIR,
        FORMS_DIR: SHIPPED.FORMS_DIR,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    second = child;
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    secondUrl = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 45_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`second server exited ${child.exitCode}:\n${out}`);
      try {
        if ((await fetch(`${secondUrl}/api/health`)).status === 200) return;
      } catch {
        /* not listening yet */
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`second server: no /api/health within 45 s:\n${out}`);
  }

  async function stopSecond() {
    const c = second;
    second = null;
    if (!c || c.exitCode !== null) return;
    const exited = new Promise((r) => c.once('exit', r));
    c.kill('SIGTERM');
    const timer = setTimeout(() => c.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }

  beforeAll(async () => {
    srv = await startTestServer({ provider: 'postgres', env: SHIPPED });
    // the second process boots while the applicants are prepared on the first
    const [, prepared] = await Promise.all([startSecond(srv.databaseUrl), prepareApplicants(srv, APPLICANTS)]);
    applicants = prepared;
    date = await emptyDay(applicants[0]!.client);
  }, 120_000);
  afterAll(async () => {
    await stopSecond();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    await srv?.close();
  });

  it('gives exactly 56 places across both processes, and 409 slot-full to everyone else', async () => {
    // odd applicants race through the second process, with the same session and CSRF cookies
    const racers = await inPool(applicants, PREP_CONCURRENCY, async (a, i) => {
      if (i % 2 === 0) return a.client;
      const c = new TestClient(secondUrl);
      for (const [k, v] of a.client.cookies) c.cookies.set(k, v);
      expect(await c.csrfToken()).toBe(await a.client.csrfToken());
      return c;
    });
    await raceAndCheck(srv, applicants, racers, date);
  }, 60_000);
});
