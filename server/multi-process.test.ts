/**
 * Several processes, one PostgreSQL: three `server/main.ts` processes (as `npm start` runs them,
 * each with its own DATA_DIR), started at once on a database nobody has seeded, share it and take
 * load together; one is killed with SIGKILL in the middle of it, while the timers the load armed
 * are firing. Afterwards: every acknowledged event is in the log and the hash chains verify; a
 * document uploaded through one process downloads through the others; each timer fired exactly
 * once and each email was sent once; the sign-in rate limit counted the requests of all three.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compose, shutdown } from './compose.ts';
import { REPO_ROOT } from './config.ts';
import type { AppDeps } from './deps.ts';
import { createLogger } from './log.ts';
import { verifyAll } from './runtime/verify.ts';
import { freshDatabase, providers, type FreshDatabase } from './testing/databases.ts';
import { FIXTURE_DEFINITIONS, FIXTURE_FORMS, TestClient, testConfig } from './testing/harness.ts';
import { freePort } from './testing/pg-cluster.ts';

/** Auth requests per route and client IP per 10 minutes, in all processes together. */
const AUTH_LIMIT = 30;
/** Applications created and submitted before the clock moves (their timers fire), and after (while one process dies). */
const BEFORE = 50;
const AFTER = 50;

type Proc = { name: string; url: string; port: number; dataDir: string; child: ChildProcess; log: string[] };

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Starts a server process and waits for it to answer; it is in `started` from the moment it runs (so a failed start is still stopped). */
async function startProcess(name: string, databaseUrl: string, started: Proc[]): Promise<Proc> {
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), `alur-${name}-`));
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'development',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl,
      LOG_LEVEL: 'debug',
      DEFINITIONS_DIR: FIXTURE_DEFINITIONS,
      FORMS_DIR: FIXTURE_FORMS,
      SCHEDULER_INTERVAL_MS: '100',
      OUTBOX_INTERVAL_MS: '100',
      LEASE_MS: '3000',
      RATE_LIMIT_AUTH_PER_10MIN: String(AUTH_LIMIT),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const proc: Proc = { name, url: `http://127.0.0.1:${port}`, port, dataDir, child, log: [] };
  started.push(proc);
  let partial = '';
  const keep = (d: Buffer) => {
    const lines = (partial + d.toString()).split('\n');
    partial = lines.pop() ?? '';
    proc.log.push(...lines);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  // Generous: a loaded CI machine (three processes transpiling and migrating at once on two cores).
  const deadline = Date.now() + 150_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited ${child.exitCode}:\n${proc.log.join('\n')}`);
    try {
      if ((await fetch(`${proc.url}/api/health`)).status === 200) return proc;
    } catch {
      /* not listening yet */
    }
    await sleep(100);
  }
  throw new Error(`${name}: no /api/health within 150 s:\n${proc.log.join('\n')}`);
}

async function stopProcess(p: Proc | undefined, signal: NodeJS.Signals = 'SIGTERM') {
  if (!p) return;
  if (p.child.exitCode === null && p.child.signalCode === null) {
    const exited = new Promise((r) => p.child.once('exit', r));
    p.child.kill(signal);
    await exited;
  }
  rmSync(p.dataDir, { recursive: true, force: true });
}

/** A client of `p` with `from`'s cookies: the same signed-in browser, sent to another process. */
function sameBrowser(from: TestClient, p: Proc): TestClient {
  const c = new TestClient(p.url);
  for (const [k, v] of from.cookies) c.cookies.set(k, v);
  return c;
}

/** Runs `tasks` with `concurrency` at a time. */
async function pool(count: number, concurrency: number, task: (i: number) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) await task(next++);
    }),
  );
}

async function download(c: TestClient, id: string, headers: Record<string, string> = {}) {
  const cookie = [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  const res = await fetch(`${c.baseUrl}/api/documents/${id}`, { headers: { cookie, ...headers } });
  return { status: res.status, bytes: Buffer.from(await res.arrayBuffer()) };
}

describe.skipIf(!providers().includes('postgres'))('three processes on one PostgreSQL', () => {
  let db: FreshDatabase;
  const procs: Proc[] = [];
  let deps: AppDeps | undefined;

  beforeAll(async () => {
    db = await freshDatabase('postgres');
    // All three at once on a database nobody has seeded yet, as an orchestrator starts them.
    const started = await Promise.all(['a', 'b', 'c'].map((name) => startProcess(name, db.url, procs)));
    procs.sort((x, y) => started.indexOf(x) - started.indexOf(y));
    deps = await compose(testConfig({ DATABASE_URL: db.url }), createLogger('silent'));
  }, 300_000);

  afterAll(async () => {
    await Promise.all(procs.map((p) => stopProcess(p, 'SIGKILL')));
    if (deps) await shutdown(deps);
    await db?.drop();
  });

  it('takes load through all three, survives a kill -9, and loses nothing', async () => {
    const [a, b, c] = procs as [Proc, Proc, Proc];
    // They took turns seeding: each shipped definition was published once, not once per process.
    const versions = await deps!.sql.all<{ key: string; n: number }>('SELECT "key", COUNT(*) AS "n" FROM "Definition" GROUP BY "key" ORDER BY "key"');
    expect(versions.map((v) => [v.key, v.n])).toEqual(['test-chain', 'test-pay', 'test-permit', 'test-shapes'].map((k) => [k, 1]));
    const applicant = new TestClient(a.url);
    await applicant.loginAs('applicant');
    const via = [applicant, sameBrowser(applicant, b), sameBrowser(applicant, c)];

    // The rate limit counts the requests of every process: of 45 resends at once, exactly the limit pass.
    const resends = await Promise.all(
      Array.from({ length: AUTH_LIMIT + 15 }, (_, i) => via[i % 3]!.post('/api/auth/resend', { email: 'nobody@example.id' }).then((r) => r.status)),
    );
    expect(resends.filter((s) => s !== 429)).toHaveLength(AUTH_LIMIT);
    expect(resends.filter((s) => s === 429)).toHaveLength(15);

    // A document uploaded through one process downloads, whole and in part, through the others (no shared disk).
    const docApp = await via[1]!.post<{ id: string }>('/api/applications', { flow: 'test-permit' });
    expect(docApp.status).toBe(201);
    const scan = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(600 * 1024)]);
    const form = new FormData();
    form.append('kind', 'idCard');
    form.append('file', new Blob([new Uint8Array(scan)]), 'ktp.jpg');
    const up = await via[0]!.request<{ id: string; sha256: string }>('POST', `/api/applications/${docApp.body.id}/documents`, undefined, { raw: form });
    expect(up.status).toBe(201);
    for (const client of via.slice(1)) {
      const got = await download(client, up.body.id);
      expect([got.status, sha(got.bytes)]).toEqual([200, sha(scan)]);
    }
    const part = await download(via[2]!, up.body.id, { range: 'bytes=300000-300099' });
    expect([part.status, part.bytes.equals(scan.subarray(300_000, 300_100))]).toEqual([206, true]);

    // The load: create and submit applications round-robin; only answered requests count as acknowledged.
    const acked: { appId: string; type: 'created' | 'SUBMIT' }[] = [];
    const submittedBefore = new Set<string>();
    let failed = 0;
    const oneApplication = async (i: number, phase: 'before' | 'after') => {
      try {
        const at = via[i % 3]!;
        const created = await at.post<{ id: string }>('/api/applications', { flow: 'test-permit' });
        if (created.status !== 201) throw new Error(`create: ${created.status} ${JSON.stringify(created.body)}`);
        acked.push({ appId: created.body.id, type: 'created' });
        const next = via[(i + 1) % 3]!; // submitted through another process
        const sent = await next.post(`/api/applications/${created.body.id}/events`, {
          type: 'SUBMIT',
          data: { fullName: `Pemohon ${phase} ${i}`, age: 30, email: `pemohon-${phase}-${i}@example.id`, officeCode: 'ATB' },
        });
        if (sent.status !== 200) throw new Error(`SUBMIT: ${sent.status} ${JSON.stringify(sent.body)}`);
        acked.push({ appId: created.body.id, type: 'SUBMIT' });
        if (phase === 'before') submittedBefore.add(created.body.id);
      } catch (err) {
        // A refused or cut connection (the killed process) is not acknowledged; any other answer is a failure.
        if (!(err instanceof TypeError)) throw err;
        failed++;
      }
    };
    await pool(BEFORE, 6, (i) => oneApplication(i, 'before'));
    expect(submittedBefore.size).toBe(BEFORE);

    // Their review windows (PT2H) end: all three schedulers race for the timers while more load
    // arrives, and one process is killed in the middle of both.
    const moved = await via[0]!.post<{ now: string }>('/api/dev/clock', { advance: 'PT3H' });
    expect(moved.status).toBe(200);
    // Each process reads the shared clock on its scheduler's tick or when asked: ask, so that no
    // SUBMIT below is stamped (and its window armed) before the move.
    for (const client of via) expect((await client.get<{ now: string }>('/api/dev/clock')).body.now >= moved.body.now).toBe(true);
    let killed = false;
    await pool(AFTER, 6, async (i) => {
      if (i === 15 && !killed) {
        killed = true;
        c.child.kill('SIGKILL');
      }
      await oneApplication(i, 'after');
    });
    expect(killed).toBe(true);
    expect(failed).toBeGreaterThan(0); // requests to the dead process

    // The survivors take over what the dead one had leased (LEASE_MS = 3 s).
    const { sql, catalog } = deps!;
    const deadline = Date.now() + 30_000;
    for (;;) {
      const due = await sql.get<{ n: number }>('SELECT COUNT(*) AS "n" FROM "Timer" WHERE "dueAt" <= ?', [moved.body.now]);
      const pending = await sql.get<{ n: number }>('SELECT COUNT(*) AS "n" FROM "Outbox" WHERE "status" = \'pending\'');
      if (due!.n === 0 && pending!.n === 0) break;
      if (Date.now() > deadline) throw new Error(`still ${due!.n} due timers and ${pending!.n} pending emails after 30 s`);
      await sleep(200);
    }

    // Every acknowledged event is in the log, and every log verifies (hash chain and replay).
    const events = await sql.all<{ applicationId: string; type: string; toState: string }>('SELECT "applicationId", "type", "toState" FROM "Event"');
    const logged = new Map<string, { type: string; toState: string }[]>();
    for (const e of events) logged.set(e.applicationId, [...(logged.get(e.applicationId) ?? []), e]);
    for (const ack of acked) {
      const log = logged.get(ack.appId) ?? [];
      if (ack.type === 'created') expect(log.length, ack.appId).toBeGreaterThan(0);
      else expect(log.filter((e) => e.type === 'SUBMIT'), ack.appId).toHaveLength(1);
    }
    const report = await verifyAll(sql, catalog);
    expect(report.mismatches).toEqual([]);
    expect(report.checked).toBe(logged.size);

    // Each timer fired exactly once: one expiry per application submitted before the clock moved, none for the others.
    for (const id of submittedBefore) expect(logged.get(id)!.filter((e) => e.toState === 'expired'), id).toHaveLength(1);
    const expired = events.filter((e) => e.toState === 'expired').map((e) => e.applicationId);
    expect(new Set(expired)).toEqual(submittedBefore);
    const firedLines = procs.flatMap((p) => p.log.filter((l) => / DEBUG timer \{/.test(l) && l.includes('"result":"fired"')));
    expect(firedLines.length).toBeLessThanOrEqual(BEFORE); // at most one fire each (the dead process may have fired some without logging it)
    expect(procs.flatMap((p) => p.log.filter((l) => / DEBUG timer \{/.test(l) && l.includes('"result":"stale"')))).toEqual([]);

    // Each email was sent once: every outbox row is sent, none by two processes.
    const outbox = await sql.all<{ id: string; status: string }>('SELECT "id", "status" FROM "Outbox"');
    expect(outbox.filter((o) => o.status !== 'sent')).toEqual([]);
    const sentIds = procs.flatMap((p) => p.log.filter((l) => / INFO {2}email sent \{/.test(l)).map((l) => (JSON.parse(l.slice(l.indexOf('{'))) as { id: string }).id));
    expect(sentIds.length).toBe(new Set(sentIds).size);
    expect(new Set(sentIds).size).toBeGreaterThanOrEqual(outbox.length - 1); // the dead process sends one at a time: it may have marked one sent and died before logging it

    // The budget spent through three processes stays spent on the survivors.
    for (const client of via.slice(0, 2)) expect((await client.post('/api/auth/resend', { email: 'nobody@example.id' })).status).toBe(429);
  }, 180_000);
});
