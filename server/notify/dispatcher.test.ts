import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock.ts';
import { PgDriver } from '../db/pg-driver.ts';
import type { SqlDriver } from '../db/sql.ts';
import { SqliteDriver } from '../db/sqlite-driver.ts';
import type { Logger } from '../log.ts';
import { providers } from '../testing/databases.ts';
import { openTestDb, startTestServer, testConfig, type TestDb } from '../testing/harness.ts';
import { freePort } from '../testing/pg-cluster.ts';
import { backoffMs, OutboxDispatcher } from './dispatcher.ts';
import { createMailer, type Mailer, type MailMessage } from './mailer.ts';
import { enqueueEmail } from './outbox.ts';

type Received = { from: string; to: string[]; raw: string };
type TestSmtp = { port: number; messages: Received[]; close(): Promise<void> };

/** A real SMTP server on 127.0.0.1 (no TLS, no auth) that keeps what it receives. */
async function startSmtp(port = 0): Promise<TestSmtp> {
  const messages: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        messages.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const actual = (server.server.address() as AddressInfo).port;
  return { port: actual, messages, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

type LogEntry = { level: string; msg: string; fields?: Record<string, unknown> };
function memoryLogger(entries: LogEntry[]): Logger {
  const at = (level: string) => (msg: string, fields?: Record<string, unknown>) => void entries.push({ level, msg, fields });
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

async function until(cond: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}

type Row = { id: string; status: string; attempts: number; lastError: string | null; nextAttemptAt: string; sentAt: string | null; leaseOwner: string | null };

describe('backoffMs', () => {
  it('doubles from the base and is capped', () => {
    expect([1, 2, 3, 4].map((a) => backoffMs(a, 1000, 60_000))).toEqual([1000, 2000, 4000, 8000]);
    expect(backoffMs(7, 1000, 60_000)).toBe(60_000);
    expect(backoffMs(500, 1000, 60_000)).toBe(60_000);
  });
});

describe.each(providers())('OutboxDispatcher (%s)', (provider) => {
  let db: TestDb;
  let clock: ManualClock;
  let smtp: TestSmtp | undefined;
  const extra: SqlDriver[] = [];

  beforeEach(async () => {
    db = await openTestDb(provider);
    clock = new ManualClock(db.sql);
  });
  afterEach(async () => {
    await smtp?.close();
    smtp = undefined;
    for (const d of extra.splice(0)) await d.close();
    await db.close();
  });

  const rows = () => db.sql.all<Row>('SELECT "id", "status", "attempts", "lastError", "nextAttemptAt", "sentAt", "leaseOwner" FROM "Outbox" ORDER BY "createdAt"');

  it('the OTP email of a registration arrives at the SMTP server (SMTP_URL)', async () => {
    smtp = await startSmtp();
    const s = smtp;
    const logs: LogEntry[] = [];
    const log = memoryLogger(logs);
    const env = { SMTP_URL: `smtp://127.0.0.1:${s.port}`, MAIL_FROM: 'Alur <no-reply@alur.test>', OUTBOX_INTERVAL_MS: '60000' };
    const t = await startTestServer({ provider, env, log, workers: false });
    try {
      expect(t.deps.mailer.kind).toBe('smtp');
      t.deps.dispatcher.start(); // long interval: delivery comes from the kick after the enqueue
      const c = t.client();
      expect((await c.post('/api/auth/register', { email: 'Nina@Example.id', password: 'rahasia12345', fullName: 'Nina Kase' })).status).toBe(201);
      await until(() => s.messages.length > 0);
      const [m] = s.messages;
      expect(m!.to).toEqual(['nina@example.id']);
      expect(m!.from).toBe('no-reply@alur.test');
      const code = m!.raw.match(/^\s*(\d{6})\s*$/m)?.[1];
      expect(code).toMatch(/^\d{6}$/);
      expect(code).toBe(await c.latestOtp('nina@example.id'));
      await until(async () => (await c.latestEmail('nina@example.id'))?.status === 'sent');
      expect((await c.post('/api/auth/verify', { email: 'nina@example.id', code })).status).toBe(200);
      expect(logs.some((l) => l.msg === 'email sent' && l.fields?.to === 'nina@example.id')).toBe(true);
    } finally {
      await t.close();
    }
  });

  it('with the SMTP server down the message waits, and goes out once a server listens again', async () => {
    const port = await freePort(); // nothing listens here: connection refused
    const logs: LogEntry[] = [];
    const log = memoryLogger(logs);
    const config = testConfig({ SMTP_URL: `smtp://127.0.0.1:${port}`, OUTBOX_MAX_BACKOFF_MS: '4000' });
    const d = new OutboxDispatcher({ sql: db.sql, mailer: createMailer(config, log), clock, config, log });
    await enqueueEmail(db.sql, { to: 'oni@example.id', subject: 'Kode', text: 'Kode Anda:\n\n    314159\n' }, clock.now());

    expect(await d.tick()).toBe(0);
    let [row] = await rows();
    expect(row).toMatchObject({ status: 'pending', sentAt: null, leaseOwner: null });
    expect(Number(row!.attempts)).toBe(1);
    expect(row!.lastError).toMatch(/ECONNREFUSED|connect/i);
    expect(Date.parse(row!.nextAttemptAt) - clock.now().getTime()).toBeGreaterThan(500);
    expect(logs.some((l) => l.level === 'warn' && l.msg === 'email send failed; will retry')).toBe(true);

    // Not due yet: a tick leaves it alone.
    expect(await d.tick()).toBe(0);
    expect(Number((await rows())[0]!.attempts)).toBe(1);

    // Still down after several retries: never dropped, backoff capped.
    for (let i = 0; i < 4; i++) {
      await clock.advance(5_000);
      expect(await d.tick()).toBe(0);
    }
    [row] = await rows();
    expect(row).toMatchObject({ status: 'pending' });
    expect(Number(row!.attempts)).toBe(5);
    expect(Date.parse(row!.nextAttemptAt) - clock.now().getTime()).toBeLessThanOrEqual(4_000);

    smtp = await startSmtp(port);
    await clock.advance(5_000);
    const before = clock.now().getTime();
    expect(await d.tick()).toBe(1);
    const after = clock.now().getTime();
    expect(smtp.messages).toHaveLength(1);
    expect(smtp.messages[0]!.raw).toMatch(/^\s*314159\s*$/m);
    [row] = await rows();
    expect(row).toMatchObject({ status: 'sent', lastError: null, leaseOwner: null });
    expect(Number(row!.attempts)).toBe(6);
    expect(Date.parse(row!.sentAt!)).toBeGreaterThanOrEqual(before);
    expect(Date.parse(row!.sentAt!)).toBeLessThanOrEqual(after);
    expect(await d.tick()).toBe(0); // sent once only
    expect(smtp.messages).toHaveLength(1);
  });

  it('two dispatchers ticking concurrently send each message exactly once', async () => {
    const other = provider === 'postgres' ? new PgDriver(db.url, 5) : new SqliteDriver(db.url);
    extra.push(other);
    const sent: { by: string; to: string }[] = [];
    const slowMailer = (by: string): Mailer => ({
      kind: 'log',
      async send(msg: MailMessage) {
        await new Promise((r) => setTimeout(r, Math.random() * 4));
        sent.push({ by, to: msg.to });
      },
    });
    const config = testConfig({ LEASE_MS: '30000' });
    const log = memoryLogger([]);
    const a = new OutboxDispatcher({ sql: db.sql, mailer: slowMailer('a'), clock, config, log }, { owner: 'a', batchSize: 100 });
    const b = new OutboxDispatcher({ sql: other, mailer: slowMailer('b'), clock, config, log }, { owner: 'b', batchSize: 100 });
    const N = 40;
    for (let i = 0; i < N; i++) await enqueueEmail(db.sql, { to: `u${i}@example.id`, subject: 's', text: 't' }, clock.now());

    const [na, nb] = await Promise.all([a.tick(), b.tick()]);
    expect(na + nb).toBe(N);
    expect(na).toBeGreaterThan(0); // both really competed for the rows
    expect(nb).toBeGreaterThan(0);
    expect(sent).toHaveLength(N);
    expect(new Set(sent.map((s) => s.to)).size).toBe(N);
    const all = await rows();
    expect(all.every((r) => r.status === 'sent' && Number(r.attempts) === 1)).toBe(true);
    expect(await Promise.all([a.tick(), b.tick()])).toEqual([0, 0]);
    expect(sent).toHaveLength(N);
  });

  it('a leased row is left alone until the lease runs out', async () => {
    const config = testConfig({ LEASE_MS: '30000' });
    const sent: string[] = [];
    const mailer: Mailer = { kind: 'log', send: async (m) => void sent.push(m.to) };
    const d = new OutboxDispatcher({ sql: db.sql, mailer, clock, config, log: memoryLogger([]) });
    const id = await enqueueEmail(db.sql, { to: 'p@example.id', subject: 's', text: 't' }, clock.now());
    // Another process claimed it and died.
    await db.sql.run('UPDATE "Outbox" SET "leaseOwner" = ?, "leaseUntil" = ? WHERE "id" = ?', ['dead', new Date(clock.now().getTime() + 30_000).toISOString(), id]);
    expect(await d.tick()).toBe(0);
    await clock.advance(31_000);
    expect(await d.tick()).toBe(1);
    expect(sent).toEqual(['p@example.id']);
  });

  it('start() sends on kick; ticks never overlap; stop() waits', async () => {
    const sent: string[] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    const mailer: Mailer = {
      kind: 'log',
      async send(m) {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await new Promise((r) => setTimeout(r, 5));
        inFlight--;
        sent.push(m.to);
      },
    };
    const config = testConfig({ OUTBOX_INTERVAL_MS: '10' });
    const d = new OutboxDispatcher({ sql: db.sql, mailer, clock, config, log: memoryLogger([]) });
    d.kick(); // not started: nothing happens
    const p1 = d.tick();
    expect(d.tick()).toBe(p1); // one tick at a time
    await p1;
    d.start();
    for (let i = 0; i < 5; i++) {
      await enqueueEmail(db.sql, { to: `k${i}@example.id`, subject: 's', text: 't' }, clock.now());
      d.kick();
    }
    await until(() => sent.length === 5);
    await d.stop();
    expect(maxInFlight).toBe(1);
    await enqueueEmail(db.sql, { to: 'late@example.id', subject: 's', text: 't' }, clock.now());
    d.kick();
    await new Promise((r) => setTimeout(r, 60));
    expect(sent).not.toContain('late@example.id');
  });
});
